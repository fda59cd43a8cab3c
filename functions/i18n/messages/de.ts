/**
 * Deutsch: formelle Anrede („Sie“), wie in HR-Software üblich. Die Skala folgt deutschen
 * 360°-Fragebögen („Trifft überhaupt nicht zu“ … „Trifft voll und ganz zu“). Rollenbezeichnungen
 * (Consultant Sales Leader, Coachee) bleiben englisch, wie in den meisten deutschen Vertriebsorganisationen.
 */
import type { Section } from './section.ts';

export const common: Section<'common'> = {
  'common.footer': 'Ladder – vierteljährliches Feedback für Consultant Sales Leader',
  'common.pageTitle': '{title} – Ladder',
};

/** Fragebogen Version 1, Formulierung 1 (`v1-de-1`). */
export const competencyLabels: Section<'competencyLabels'> = {
  'q1.coaching-questions.label': 'Coaching-Fragen',
  'q1.knowledge-transfer.label': 'Wissenstransfer',
  'q1.motivation.label': 'Motivation und Verbindlichkeit',
  'q1.development.label': 'Entwicklungspläne',
  'q1.deal-strategy.label': 'Deal-Strategie',
  'q1.hiring.label': 'Personalauswahl',
  'q1.territory-targets.label': 'Gebiete und Ziele',
  'q1.forecasting.label': 'Forecasting',
  'q1.strategy-execution.label': 'Strategieumsetzung',
  'q1.cross-functional.label': 'Bereichsübergreifende Zusammenarbeit',
  'q1.budgeting.label': 'Budgetverantwortung',
  'q1.firefighting.label': 'Krisenfestigkeit',
  'q1.stand-in.label': 'Stellvertretung',
};

export const questionnaire: Section<'questionnaire'> = {
  'q1.scale.1': 'Trifft überhaupt nicht zu',
  'q1.scale.2': 'Trifft eher nicht zu',
  'q1.scale.3': 'Teils, teils',
  'q1.scale.4': 'Trifft eher zu',
  'q1.scale.5': 'Trifft voll und ganz zu',
  'q1.notObserved': 'Nicht beobachtet',
  'q1.area.coaching': 'Coaching',
  'q1.area.management': 'Management',
  'q1.coaching-questions.statement':
    'Stellt Fragen im Coaching-Stil, die helfen, Probleme aus einem neuen Blickwinkel zu sehen',
  'q1.knowledge-transfer.statement': 'Gibt die Techniken weiter, die den eigenen Erfolg ausmachen',
  'q1.motivation.statement':
    'Sorgt dafür, dass andere motiviert bleiben und ihre Ziele verbindlich verfolgen',
  'q1.development.statement': 'Hilft anderen, einen Plan zur Verbesserung aufzustellen und umzusetzen',
  'q1.deal-strategy.statement': 'Gestaltet die Strategie für laufende Verkaufschancen mit',
  'q1.hiring.statement': 'Beurteilt Bewerberinnen und Bewerber treffsicher und führt gute Auswahlgespräche',
  'q1.territory-targets.statement': 'Erstellt faire Gebietspläne und Zielvorgaben',
  'q1.forecasting.statement': 'Liefert verlässliche Prognosen und Kennzahlen',
  'q1.strategy-execution.statement': 'Setzt die Strategie des Managements im Team in konkretes Handeln um',
  'q1.cross-functional.statement': 'Arbeitet gut mit Support, Marketing und Finanzen zusammen',
  'q1.budgeting.statement':
    'Geht verantwortungsvoll mit Budgets um und entscheidet bei Ausgaben mit Augenmaß',
  'q1.firefighting.statement': 'Bleibt handlungsfähig, wenn etwas schiefläuft',
  'q1.stand-in.statement': 'Könnte das Team in Abwesenheit der Führungskraft leiten',
  'q1.open.keep': 'Was sollte diese Person beibehalten?',
  'q1.open.change': 'Was sollte diese Person anders machen?',
};

export const form: Section<'form'> = {
  'form.language': 'Sprache',
  'form.title.self': 'Ihre Selbsteinschätzung',
  'form.title.other': 'Feedback für {leader}',
  'form.errorTitle': 'Fehler: {title}',
  'form.errorSummary': 'Bitte prüfen Sie Ihre Angaben',
  'form.errorPrefix': 'Fehler:',
  'form.state.answered':
    '<strong>Ihre Antworten liegen uns vor.</strong> Sie können sie bis {deadline} ändern: Bearbeiten Sie sie unten und senden Sie sie erneut.',
  'form.state.declined.self':
    '<strong>Sie haben uns mitgeteilt, dass Sie keine Selbsteinschätzung abgeben können.</strong> Falls Sie es sich anders überlegen, können Sie noch bis {deadline} antworten.',
  'form.state.declined.other':
    '<strong>Sie haben uns mitgeteilt, dass Sie {leader} nicht beurteilen können.</strong> Falls Sie es sich anders überlegen, können Sie noch bis {deadline} antworten.',
  'form.intro.self':
    'In der Feedbackrunde dieses Quartals für Consultant Sales Leader bitten wir auch Sie um Ihre Selbsteinschätzung. Bewerten Sie jede Aussage von „{lowest}“ bis „{highest}“ oder wählen Sie „{notObserved}“, wenn sich eine Aussage nicht beurteilen lässt.',
  'form.intro.other':
    'Wir bitten Sie um Ihre Einschätzung von <strong>{leader}</strong> als Consultant Sales Leader. Bewerten Sie jede Aussage von „{lowest}“ bis „{highest}“ oder wählen Sie „{notObserved}“, wenn Sie etwas nicht beobachten konnten.',
  'form.privacy.self':
    'Ihre Antworten erscheinen in Ihrem eigenen Entwicklungsbericht neben dem Feedback Ihrer Coachees, Kolleginnen und Kollegen und Ihrer Führungskraft. So können Sie Ihr Selbstbild mit dem Bild vergleichen, das andere von Ihnen haben.',
  'form.privacy.manager':
    'Sie sind die Führungskraft von {leader}: Ihre Bewertungen werden {leader} als Bewertungen der Führungskraft angezeigt und sind daher nicht anonym. Kommentare werden ohne Namen angezeigt.',
  'form.privacy.anonymous':
    '<strong>Ihre Antworten sind anonym.</strong> {leader} sieht die Bewertungen von Coachees sowie Kolleginnen und Kollegen nur zusammengefasst, für eine Gruppe von mindestens {minimum, plural, one {# Person} other {# Personen}}; eine kleinere Gruppe wird nicht einzeln gezeigt. Kommentare erscheinen ohne Namen und genau so, wie sie geschrieben wurden. Lassen Sie daher alles weg, woran man Sie erkennen könnte.',
  'form.deadline':
    'Bitte antworten Sie bis <strong>{deadline}</strong>. Bis dahin können Sie Ihre Antworten über denselben Link ändern.',
  'form.statement': 'Aussage',
  'form.openQuestions': 'In Ihren eigenen Worten',
  'form.commentHint.self': 'Optional, bis zu {max, number} Zeichen.',
  'form.commentHint.other': 'Optional, bis zu {max, number} Zeichen. Wird ohne Ihren Namen angezeigt.',
  'form.submit.new': 'Antworten senden',
  'form.submit.update': 'Antworten aktualisieren',
  'form.decline.title.self': 'Sie können sich nicht selbst einschätzen?',
  'form.decline.title.other': 'Sie kennen {leader} nicht gut genug?',
  'form.decline.text.self': 'Teilen Sie uns das mit, statt zu antworten.',
  'form.decline.text.other':
    'Wenn Sie nicht genug mit {leader} zusammengearbeitet haben, um eine Einschätzung abzugeben, teilen Sie uns das mit, statt zu antworten.',
  'form.decline.button.self': 'Ich kann keine Selbsteinschätzung abgeben',
  'form.decline.button.other': 'Ich kann diese Person nicht beurteilen',
  'answers.missing': 'Wählen Sie eine Bewertung für „{label}“ (1–5 oder {notObserved}).',
  'answers.repeated': '„{label}“ wurde mehrfach beantwortet; wählen Sie eine einzige Bewertung.',
  'answers.unknown': '„{field}“ ist keine Frage dieses Formulars.',
  'answers.notAsked':
    '„{label}“ gehört nicht zu den Fragen an {group, select, self {die beurteilte Person selbst} manager {die Führungskraft} coachee {Coachees} other {Kolleginnen und Kollegen}}.',
  'answers.commentRepeated': '„{prompt}“ wurde mehrfach gesendet; senden Sie nur eine Antwort.',
  'answers.control':
    '„{prompt}“ enthält ein Steuerzeichen; verwenden Sie nur Text, Zeilenumbrüche und Tabulatoren.',
  'answers.tooLong':
    '„{prompt}“ ist zu lang: {length, number} Zeichen, erlaubt sind höchstens {max, number}.',
  'thanks.title.saved': 'Vielen Dank, Ihre Antworten sind gespeichert',
  'thanks.title.declined': 'Vielen Dank für Ihre Rückmeldung',
  'thanks.saved.self':
    'Ihre Selbsteinschätzung erscheint in Ihrem Entwicklungsbericht, sobald die Feedbackrunde abgeschlossen ist.',
  'thanks.saved.other':
    'Ihr Feedback für {leader} ist gespeichert und fließt nach Abschluss der Feedbackrunde in den Bericht ein.',
  'thanks.declined.self': 'Wir haben vermerkt, dass Sie in diesem Quartal keine Selbsteinschätzung abgeben.',
  'thanks.declined.other':
    'Wir haben vermerkt, dass Sie {leader} nicht beurteilen können. Sie erhalten dazu keine Erinnerungen.',
  'thanks.edit.saved':
    'Sie können Ihre Antworten bis <strong>{deadline}</strong> ändern: <link>Antworten ändern</link>.',
  'thanks.edit.declined':
    'Sie können noch bis <strong>{deadline}</strong> antworten: <link>zum Formular</link>.',
  'thanks.close': 'Sie können diese Seite jetzt schließen.',
  'notFound.title': 'Seite nicht gefunden',
  'notFound.text':
    'Dieser Link funktioniert nicht. Wenn Sie ihn aus einer E-Mail kopiert haben, prüfen Sie bitte, ob Sie ihn vollständig kopiert haben.',
  'notFound.help': 'Wenn er weiterhin nicht funktioniert, wenden Sie sich bitte an Ihr HR-Team.',
  'closed.title': 'Diese Feedbackrunde ist abgeschlossen',
  'closed.text': 'Die Frist ist abgelaufen. Antworten können nicht mehr abgegeben oder geändert werden.',
  'closed.help':
    'Vielen Dank für Ihre Zeit. Bei Fragen zur Feedbackrunde wenden Sie sich bitte an Ihr HR-Team.',
  'error.title': 'Leider ist ein Fehler aufgetreten',
  'error.retry':
    'Bitte versuchen Sie es in einigen Minuten erneut. Falls Sie gerade Antworten gesendet haben, gehen Sie zurück und senden Sie sie noch einmal: Möglicherweise wurden sie nicht gespeichert.',
  'error.method': 'Diese Seite akzeptiert nur GET und POST.',
  'error.contentType': 'Das Formular muss als application/x-www-form-urlencoded gesendet werden.',
  'error.tooLarge': 'Das Formular ist zu groß und kann nicht angenommen werden.',
  'error.unavailable':
    'Wir konnten diese Seite gerade nicht speichern oder anzeigen. Bitte warten Sie einige Sekunden und versuchen Sie es erneut; Ihre Antworten werden nur einmal gezählt.',
  'error.internal': 'Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es in einer Minute erneut.',
};

export const raterEmail: Section<'raterEmail'> = {
  'rater.subject.invitation.self': 'Ihre Selbsteinschätzung für {quarter}',
  'rater.subject.invitation.selfAndOthers': 'Ihre Selbsteinschätzung für {quarter} und Feedback zu {people}',
  'rater.subject.invitation.others': 'Bitte geben Sie Feedback zu {people} (Feedbackrunde {quarter})',
  'rater.subject.reminder.self': 'Erinnerung: Ihre Selbsteinschätzung für {quarter} ist bis {due} fällig',
  'rater.subject.reminder.others': 'Erinnerung: Ihr Feedback für {quarter} ist bis {due} fällig',
  'rater.people.one': '{first}',
  'rater.people.two': '{first} und {second}',
  'rater.people.three': '{first}, {second} und {third}',
  'rater.people.more':
    '{first}, {second} und {count, plural, one {# weiteren Person} other {# weiteren Personen}}',
  'rater.greeting': 'Guten Tag {name},',
  'rater.opening.invitation':
    '{count, plural, one {Die Feedbackrunde {quarter} für Consultant Sales Leader beginnt, und wir bitten Sie um Ihre Einschätzung.} other {Die Feedbackrunde {quarter} für Consultant Sales Leader beginnt. Wir bitten Sie um Ihre Einschätzung zu # Personen: Für jede gibt es ein kurzes eigenes Formular, erreichbar über den jeweiligen Link unten.}}',
  'rater.opening.reminder':
    '{count, plural, one {Dies ist eine Erinnerung: Ihre Antworten für das Formular unten liegen uns noch nicht vor.} other {Dies ist eine Erinnerung: Ihre Antworten für diese # Formulare liegen uns noch nicht vor.}}',
  'rater.relation':
    '{group, select, self {Ihre Selbsteinschätzung} coachee {{leader} coacht Sie} peer {{leader} ist Ihre Kollegin oder Ihr Kollege} other {Sie sind die Führungskraft von {leader}}}',
  'rater.button': '{group, select, self {Selbsteinschätzung starten} other {Feedback zu {leader} geben}}',
  'rater.howTo.self': 'Das dauert nur wenige Minuten und funktioniert auf jedem Gerät.',
  'rater.howTo.others':
    'Jedes Formular dauert nur wenige Minuten und funktioniert auf jedem Gerät. Wenn Sie jemanden nicht beurteilen können, öffnen Sie den Link zu dieser Person und teilen Sie uns das dort mit.',
  'rater.until':
    'Bitte antworten Sie bis {deadline}. Bis dahin können Sie Ihre Antworten über dieselben Links ändern.',
  'rater.privacy.self':
    'Ihre Selbsteinschätzung erscheint in Ihrem eigenen Entwicklungsbericht neben dem Feedback anderer.',
  'rater.privacy.manager':
    'Die Person, deren Führungskraft Sie sind, sieht Ihre Bewertungen als die ihrer Führungskraft; Kommentare erscheinen ohne Namen.',
  'rater.privacy.anonymous':
    'Die Antworten von Coachees sowie Kolleginnen und Kollegen sind anonym: Die beurteilte Person sieht sie nur zusammengefasst, in Gruppen von mindestens {minimum, plural, one {# Person} other {# Personen}}, und Kommentare ohne Namen.',
  'rater.fallback': 'Falls eine Schaltfläche nicht funktioniert, kopieren Sie ihren Link in Ihren Browser:',
  'rater.personal': 'Diese Links sind persönlich: Bitte leiten Sie diese E-Mail nicht weiter.',
};

export const report: Section<'report'> = {
  'report.subject': 'Ihr Entwicklungsbericht {quarter}',
  'report.intro':
    'Guten Tag {name}, hier ist das Feedback aus Ihrer Feedbackrunde {quarter}. Die Bewertungen sind Durchschnittswerte auf einer Skala von 1 (trifft überhaupt nicht zu) bis 5 (trifft voll und ganz zu). Die Antworten von Coachees sowie Kolleginnen und Kollegen werden nur für Gruppen gezeigt, die groß genug sind, um anonym zu bleiben; Kommentare erscheinen ohne Namen.',
  'report.group':
    '{group, select, self {Ihre Selbsteinschätzung} manager {Ihre Führungskraft} coachee {Ihre Coachees} peer {Ihre Kolleginnen und Kollegen} others {Ihre Coachees, Kolleginnen und Kollegen (zusammengefasst)} other {{group}}} ({responses, plural, one {# Antwort} other {# Antworten}})',
  'report.column.competency': 'Kompetenz',
  'report.column.average': 'Durchschnitt (1–5)',
  'report.comments.keep': 'Beibehalten',
  'report.comments.change': 'Anders machen',
  'report.needs.heading': 'Entwicklungsfelder',
  'report.needs.intro': 'Die Kompetenzen, die in diesem Quartal am weitesten unter dem Zielwert liegen:',
  'report.needs.none': 'Keine Kompetenz liegt in diesem Quartal unter dem Zielwert. Gut gemacht!',
  'report.needs.item': '{label} ({score} von 100)',
  'report.training.heading': 'Empfohlene Weiterbildungen',
  'report.training.item': '{label}: {titles}',
  'report.gaps.heading': 'Selbstbild und Fremdbild',
  'report.gaps.textHeading': 'Selbstbild und Fremdbild (Durchschnitt, 1–5)',
  'report.gaps.blindSpots': 'Sie haben sich deutlich höher eingeschätzt als andere:',
  'report.gaps.hiddenStrengths': 'Andere haben Sie deutlich höher eingeschätzt als Sie sich selbst:',
  'report.gaps.item': '{label}: Sie {self}, andere {others}',
  'report.results.heading': 'Ergebnisse nach Gruppe',
  'report.results.textHeading': 'Ergebnisse nach Gruppe (Durchschnitt, 1–5)',
  'report.results.none': 'In diesem Quartal hatte keine Gruppe genug Antworten, um Ergebnisse zu zeigen.',
  'report.withheld.heading': 'Zum Schutz der Anonymität nicht angezeigt',
  'report.closing': 'Besprechen Sie diese Ergebnisse mit Ihrer Führungskraft, um Ihre Entwicklung zu planen.',
  'note.groupWithheld':
    '{group, select, self {Selbsteinschätzung} manager {Führungskraft} coachee {Coachees} peer {Kolleginnen und Kollegen} other {Coachees, Kolleginnen und Kollegen (zusammengefasst)}}: {responses, plural, one {# Antwort} other {# Antworten}}, weniger als die {minimum}, die für anonyme Antworten nötig sind; Bewertungen und Kommentare werden daher nicht angezeigt.',
  'note.merged':
    'Coachees sowie Kolleginnen und Kollegen werden zusammengefasst angezeigt, weil eine der Gruppen weniger als {minimum} Antworten hatte.',
  'note.itemsHidden':
    '{group, select, self {Selbsteinschätzung} manager {Führungskraft} coachee {Coachees} peer {Kolleginnen und Kollegen} other {Coachees, Kolleginnen und Kollegen (zusammengefasst)}}: Für {labels} wird kein Durchschnitt angezeigt, weil weniger als {minimum} Personen {count, plural, one {diese Kompetenz} other {diese Kompetenzen}} bewertet haben.',
  'note.commentsBelowMinimum':
    '{group, select, self {Selbsteinschätzung} manager {Führungskraft} coachee {Coachees} peer {Kolleginnen und Kollegen} other {Coachees, Kolleginnen und Kollegen (zusammengefasst)}}: Kommentare werden nur aus Gruppen von mindestens {commentMinimum} Personen angezeigt; in diesem Quartal daher keine.',
  'note.mergedCommentsOneGroup':
    '{group, select, self {Selbsteinschätzung} manager {Führungskraft} coachee {Coachees} peer {Kolleginnen und Kollegen} other {Coachees, Kolleginnen und Kollegen (zusammengefasst)}}: Kommentare werden nur aus Gruppen angezeigt, die für sich allein mindestens {commentMinimum} Personen umfassen; die Kommentare der kleineren Gruppe werden daher nicht angezeigt.',
  'note.mergedCommentsNone':
    '{group, select, self {Selbsteinschätzung} manager {Führungskraft} coachee {Coachees} peer {Kolleginnen und Kollegen} other {Coachees, Kolleginnen und Kollegen (zusammengefasst)}}: Kommentare werden nur aus Gruppen angezeigt, die für sich allein mindestens {commentMinimum} Personen umfassen; in diesem Quartal daher keine.',
  'note.differencingMeans':
    '{group, select, self {Selbsteinschätzung} manager {Führungskraft} coachee {Coachees} peer {Kolleginnen und Kollegen} other {Coachees, Kolleginnen und Kollegen (zusammengefasst)}}: Für {labels} wird in diesem Quartal kein Durchschnitt angezeigt: Im Vergleich mit Ihren früheren Berichten ließen sich sonst die Antworten von weniger als {minimum} Personen erkennen, weil sich die Gruppe zu wenig verändert hat.',
  'note.differencingComments':
    '{group, select, self {Selbsteinschätzung} manager {Führungskraft} coachee {Coachees} peer {Kolleginnen und Kollegen} other {Coachees, Kolleginnen und Kollegen (zusammengefasst)}}: Kommentare werden in diesem Quartal nicht angezeigt: Im Vergleich mit Ihren früheren Berichten ließe sich sonst erkennen, wer was geschrieben hat, weil sich die Gruppe zu wenig verändert hat.',
};

export const outcomes: Section<'outcomes'> = {
  'recommendation.ready-now': 'Jetzt bereit',
  'recommendation.ready-next-year': 'Bereit im nächsten Jahr',
  'recommendation.develop-in-role': 'In der Rolle weiterentwickeln',
  'recommendation.review-coaching-role': 'Coaching-Rolle überprüfen',
  'recommendation.insufficient-evidence': 'Unzureichende Datenlage',
  'flag.stand-in-ready': 'Bereit zur Stellvertretung',
  'flag.blind-spot': 'Blinder Fleck',
  'flag.retention-risk': 'Abwanderungsrisiko',
};

export const managerSummary: Section<'managerSummary'> = {
  'manager.subject': 'Führungsbereitschaft {quarter}: Übersicht für {team}',
  'manager.intro':
    'Guten Tag {name}, hier sind die Ergebnisse der Feedbackrunde {quarter} für die Consultant Sales Leader von {team}. Die Werte reichen von 0 bis 100 und fassen die Antworten aller Bewertergruppen zusammen; einzelne Antworten werden nie weitergegeben.',
  'manager.readiness': 'Führungsbereitschaft',
  'manager.readinessValue': '{score} von 100',
  'manager.recommendation': 'Empfehlung',
  'manager.flags': 'Hinweise',
  'manager.flags.none': 'Keine',
  'manager.needs': 'Entwicklungsfelder',
  'manager.needs.none': 'Keine unter dem Zielwert',
  'manager.noLeaders': 'In diesem Quartal wurde kein Consultant Sales Leader dieses Teams beurteilt.',
  'manager.footnote':
    'Jeder Consultant Sales Leader erhält einen eigenen Entwicklungsbericht mit anonymisierten Gruppenergebnissen, aber ohne den Wert für die Führungsbereitschaft und ohne Empfehlung.',
};

export const hrSummary: Section<'hrSummary'> = {
  'hr.subject':
    'Ladder {quarter}: Feedbackrunde abgeschlossen, Ergebnisse zur Führungsbereitschaft liegen vor',
  'hr.heading': 'Feedbackrunde {quarter}: Ergebnisse',
  'hr.closed':
    'Die Feedbackrunde {quarter} ist abgeschlossen; {leaders, plural, one {# Consultant Sales Leader wurde} other {# Consultant Sales Leader wurden}} bewertet.',
  'hr.responses': 'Rückmeldungen',
  'hr.requests': 'Feedbackanfragen',
  'hr.answered': 'Beantwortet',
  'hr.answeredValue': '{answered} ({rate})',
  'hr.declined': 'Abgelehnt',
  'hr.expired': 'Unbeantwortet abgelaufen',
  'hr.recommendations': 'Empfehlungen',
  'hr.leaders': 'Consultant Sales Leader',
  'hr.column.leader': 'Name',
  'hr.column.team': 'Team',
  'hr.column.readiness': 'Führungsbereitschaft',
  'hr.column.recommendation': 'Empfehlung',
  'hr.column.flags': 'Hinweise',
  'hr.noLeaders': 'Es wurde niemand bewertet.',
  'hr.more': '…und {count, plural, one {# weitere Person} other {# weitere Personen}}.',
  'hr.exportHint': 'Die vollständigen Ergebnisse stehen im Export: {command}',
  'hr.preheader':
    '{answered} von {total, plural, one {# Feedbackanfrage} other {# Feedbackanfragen}} beantwortet',
  'hr.delivery': 'E-Mail-Zustellung',
  'hr.delivery.allReached':
    '{raters, plural, one {Die bewertende Person wurde} other {Alle # bewertenden Personen wurden}} ohne Probleme per E-Mail erreicht.',
  'hr.delivery.someMissed':
    'Von {raters, plural, one {# bewertenden Person} other {# bewertenden Personen}} konnten diese nicht per E-Mail erreicht werden; ihre Feedbackanfragen sind im Export gekennzeichnet (undeliverable, bounced, complained, suppressed):',
  'hr.delivery.refused': 'Von SES abgelehnt: {reason}',
  'hr.delivery.bounced': 'E-Mail unzustellbar (Bounce)',
  'hr.delivery.complained': 'Als Spam markiert (Beschwerde)',
  'hr.delivery.suppressed': 'Nicht angeschrieben (Adresse nach Bounce oder Beschwerde gesperrt)',
  'hr.delivery.raters': '{count, plural, one {# Person} other {# Personen}}',
};
