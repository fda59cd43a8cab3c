/**
 * Français : vouvoiement, typographie française (espace insécable U+00A0 avant « : ; ? ! » et à
 * l'intérieur des guillemets « »). L'échelle suit les questionnaires français (« Pas du tout
 * d’accord » … « Tout à fait d’accord »). Les intitulés de rôle (Consultant Sales Leader) restent en
 * anglais ; « coaché » désigne la personne accompagnée.
 */
import type { Section } from './section.ts';

export const common: Section<'common'> = {
  'common.footer': 'Ladder – revues trimestrielles des Consultant Sales Leaders',
  'common.pageTitle': '{title} – Ladder',
};

/** Questionnaire version 1, formulation 1 (`v1-fr-1`). */
export const competencyLabels: Section<'competencyLabels'> = {
  'q1.coaching-questions.label': 'Questions de coaching',
  'q1.knowledge-transfer.label': 'Transmission du savoir-faire',
  'q1.motivation.label': 'Motivation et responsabilisation',
  'q1.development.label': 'Plans de développement',
  'q1.deal-strategy.label': 'Stratégie sur les affaires',
  'q1.hiring.label': 'Recrutement',
  'q1.territory-targets.label': 'Territoires et objectifs',
  'q1.forecasting.label': 'Prévisions',
  'q1.strategy-execution.label': 'Mise en œuvre de la stratégie',
  'q1.cross-functional.label': 'Travail transverse',
  'q1.budgeting.label': 'Gestion budgétaire',
  'q1.firefighting.label': 'Gestion des imprévus',
  'q1.stand-in.label': 'Intérim du manager',
};

export const questionnaire: Section<'questionnaire'> = {
  'q1.scale.1': 'Pas du tout d’accord',
  'q1.scale.2': 'Pas d’accord',
  'q1.scale.3': 'Ni d’accord ni pas d’accord',
  'q1.scale.4': 'D’accord',
  'q1.scale.5': 'Tout à fait d’accord',
  'q1.notObserved': 'Non observé',
  'q1.area.coaching': 'Coaching',
  'q1.area.management': 'Management',
  'q1.coaching-questions.statement':
    'Pose des questions de coaching qui aident à voir les problèmes sous un nouvel angle',
  'q1.knowledge-transfer.statement': 'Partage les techniques qui font son succès',
  'q1.motivation.statement': 'Entretient la motivation de chacun et l’engagement envers ses objectifs',
  'q1.development.statement': 'Aide chacun à construire et à suivre un plan de progrès',
  'q1.deal-strategy.statement': 'Contribue à définir la stratégie sur les opportunités en cours',
  'q1.hiring.statement': 'Évalue les candidats avec justesse et mène bien les entretiens',
  'q1.territory-targets.statement': 'Établit des plans de territoire et des objectifs équitables',
  'q1.forecasting.statement': 'Produit des prévisions et des indicateurs fiables',
  'q1.strategy-execution.statement':
    'Traduit la stratégie de la direction en actions concrètes dans l’équipe',
  'q1.cross-functional.statement': 'Collabore efficacement avec le support, le marketing et la finance',
  'q1.budgeting.statement': 'Gère les budgets et fait preuve de discernement dans les dépenses',
  'q1.firefighting.statement': 'Reste efficace quand les choses tournent mal',
  'q1.stand-in.statement': 'Pourrait diriger l’équipe en l’absence du manager',
  'q1.open.keep': 'Que devrait continuer à faire cette personne\u00a0?',
  'q1.open.change': 'Que devrait faire différemment cette personne\u00a0?',
};

export const form: Section<'form'> = {
  'form.language': 'Langue',
  'form.title.self': 'Votre auto-évaluation',
  'form.title.other': 'Feedback sur {leader}',
  'form.errorTitle': 'Erreur\u00a0: {title}',
  'form.errorSummary': 'Veuillez corriger les points suivants',
  'form.errorPrefix': 'Erreur\u00a0:',
  'form.state.answered':
    '<strong>Nous avons bien reçu vos réponses.</strong> Vous pouvez les modifier jusqu’au {deadline}\u00a0: modifiez-les ci-dessous et envoyez-les à nouveau.',
  'form.state.declined.self':
    '<strong>Vous nous avez indiqué ne pas pouvoir faire d’auto-évaluation.</strong> Si vous changez d’avis, vous pouvez encore répondre jusqu’au {deadline}.',
  'form.state.declined.other':
    '<strong>Vous nous avez indiqué ne pas pouvoir évaluer {leader}.</strong> Si vous changez d’avis, vous pouvez encore répondre jusqu’au {deadline}.',
  'form.intro.self':
    'La revue trimestrielle des Consultant Sales Leaders vous demande aussi comment vous vous voyez. Évaluez chaque affirmation de «\u00a0{lowest}\u00a0» à «\u00a0{highest}\u00a0», ou choisissez «\u00a0{notObserved}\u00a0» si elle ne s’applique pas.',
  'form.intro.other':
    'Nous vous demandons votre avis sur <strong>{leader}</strong> en tant que Consultant Sales Leader. Évaluez chaque affirmation de «\u00a0{lowest}\u00a0» à «\u00a0{highest}\u00a0», ou choisissez «\u00a0{notObserved}\u00a0» si vous n’avez pas pu l’observer.',
  'form.privacy.self':
    'Vos réponses figurent dans votre propre rapport de développement, à côté des retours de vos coachés, de vos pairs et de votre manager\u00a0: vous pouvez ainsi comparer la façon dont vous vous voyez à celle dont les autres vous voient.',
  'form.privacy.manager':
    'En tant que manager de {leader}, vos évaluations lui sont présentées comme celles de son manager\u00a0: elles ne sont donc pas anonymes. Les commentaires sont affichés sans nom.',
  'form.privacy.anonymous':
    '<strong>Vos réponses sont anonymes.</strong> {leader} ne voit les évaluations des coachés et des pairs que regroupées, pour un groupe d’au moins {minimum, plural, one {# personne} other {# personnes}}\u00a0; un groupe plus petit n’est pas présenté séparément. Les commentaires sont affichés sans nom, tels qu’ils ont été écrits\u00a0: évitez donc tout ce qui permettrait de vous reconnaître.',
  'form.deadline':
    'Merci de répondre au plus tard le <strong>{deadline}</strong>. D’ici là, vous pouvez modifier vos réponses avec le même lien.',
  'form.statement': 'Affirmation',
  'form.openQuestions': 'Avec vos propres mots',
  'form.commentHint.self': 'Facultatif, {max, number} caractères au maximum.',
  'form.commentHint.other': 'Facultatif, {max, number} caractères au maximum. Affiché sans votre nom.',
  'form.submit.new': 'Envoyer mes réponses',
  'form.submit.update': 'Mettre à jour mes réponses',
  'form.decline.title.self': 'Vous ne pouvez pas vous évaluer\u00a0?',
  'form.decline.title.other': 'Vous ne connaissez pas assez {leader}\u00a0?',
  'form.decline.text.self': 'Indiquez-le-nous au lieu de répondre.',
  'form.decline.text.other':
    'Si vous n’avez pas assez travaillé avec {leader} pour donner votre avis, indiquez-le-nous au lieu de répondre.',
  'form.decline.button.self': 'Je ne peux pas faire mon auto-évaluation',
  'form.decline.button.other': 'Je ne peux pas évaluer cette personne',
  'answers.missing': 'Choisissez une réponse pour «\u00a0{label}\u00a0» (1 à 5 ou {notObserved}).',
  'answers.repeated': '«\u00a0{label}\u00a0» a reçu plusieurs réponses\u00a0; choisissez-en une seule.',
  'answers.unknown': '«\u00a0{field}\u00a0» n’est pas une question de ce formulaire.',
  'answers.notAsked':
    '«\u00a0{label}\u00a0» n’est pas demandé {group, select, self {à la personne évaluée} manager {au manager} coachee {aux coachés} other {aux pairs}}.',
  'answers.commentRepeated':
    '«\u00a0{prompt}\u00a0» a été envoyé plusieurs fois\u00a0; envoyez une seule réponse.',
  'answers.control':
    '«\u00a0{prompt}\u00a0» contient un caractère de contrôle\u00a0; utilisez uniquement du texte, des retours à la ligne et des tabulations.',
  'answers.tooLong':
    '«\u00a0{prompt}\u00a0» est trop long\u00a0: {length, number} caractères, {max, number} au maximum.',
  'thanks.title.saved': 'Merci, vos réponses sont enregistrées',
  'thanks.title.declined': 'Merci de nous avoir prévenus',
  'thanks.saved.self':
    'Votre auto-évaluation figurera dans votre rapport de développement après la clôture de la revue.',
  'thanks.saved.other':
    'Votre feedback sur {leader} est enregistré et fera partie de son rapport après la clôture de la revue.',
  'thanks.declined.self': 'Nous avons noté que vous ne ferez pas d’auto-évaluation ce trimestre.',
  'thanks.declined.other':
    'Nous avons noté que vous ne pouvez pas évaluer {leader}. Vous ne recevrez pas de relance à ce sujet.',
  'thanks.edit.saved':
    'Vous pouvez modifier vos réponses jusqu’au <strong>{deadline}</strong>\u00a0: <link>modifier mes réponses</link>.',
  'thanks.edit.declined':
    'Vous pouvez encore répondre jusqu’au <strong>{deadline}</strong>\u00a0: <link>accéder au formulaire</link>.',
  'thanks.close': 'Vous pouvez fermer cette page.',
  'notFound.title': 'Page introuvable',
  'notFound.text':
    'Ce lien ne fonctionne pas. Si vous l’avez copié depuis un e-mail, vérifiez que vous l’avez copié en entier.',
  'notFound.help': 'S’il ne fonctionne toujours pas, contactez votre équipe RH.',
  'closed.title': 'Cette revue est clôturée',
  'closed.text':
    'La date limite est passée\u00a0: il n’est plus possible de répondre ni de modifier les réponses.',
  'closed.help': 'Merci pour votre temps. Pour toute question sur la revue, contactez votre équipe RH.',
  'error.title': 'Désolé, une erreur s’est produite',
  'error.retry':
    'Veuillez réessayer dans quelques minutes. Si vous envoyiez des réponses, revenez en arrière et envoyez-les à nouveau\u00a0: elles n’ont peut-être pas été enregistrées.',
  'error.method': 'Cette page n’accepte que GET et POST.',
  'error.contentType': 'Le formulaire doit être envoyé au format application/x-www-form-urlencoded.',
  'error.tooLarge': 'Le formulaire est trop volumineux pour être accepté.',
  'error.unavailable':
    'Nous n’avons pas pu enregistrer ni afficher cette page pour le moment. Patientez quelques secondes et réessayez\u00a0; vos réponses ne sont comptées qu’une seule fois.',
  'error.internal': 'Une erreur s’est produite de notre côté. Veuillez réessayer dans une minute.',
};

export const raterEmail: Section<'raterEmail'> = {
  'rater.subject.invitation.self': 'Votre auto-évaluation {quarter}',
  'rater.subject.invitation.selfAndOthers': 'Votre auto-évaluation {quarter} et votre avis sur {people}',
  'rater.subject.invitation.others': 'Votre avis sur {people} (revue {quarter})',
  'rater.subject.reminder.self': 'Rappel\u00a0: votre auto-évaluation {quarter} est attendue pour le {due}',
  'rater.subject.reminder.others': 'Rappel\u00a0: vos retours {quarter} sont attendus pour le {due}',
  'rater.people.one': '{first}',
  'rater.people.two': '{first} et {second}',
  'rater.people.three': '{first}, {second} et {third}',
  'rater.people.more':
    '{first}, {second} et {count, plural, one {# autre personne} other {# autres personnes}}',
  'rater.greeting': 'Bonjour {name},',
  'rater.opening.invitation':
    '{count, plural, one {La revue {quarter} des Consultant Sales Leaders commence, et nous vous demandons votre avis.} other {La revue {quarter} des Consultant Sales Leaders commence. Nous vous demandons votre avis sur # personnes\u00a0: chacune a son propre formulaire, court, accessible par son lien ci-dessous.}}',
  'rater.opening.reminder':
    '{count, plural, one {Petit rappel\u00a0: nous n’avons pas encore reçu vos réponses au formulaire ci-dessous.} other {Petit rappel\u00a0: nous n’avons pas encore reçu vos réponses à ces # formulaires.}}',
  'rater.relation':
    '{group, select, self {votre auto-évaluation} coachee {{leader} vous accompagne en tant que coach} peer {{leader} est votre collègue} other {vous êtes le manager de {leader}}}',
  'rater.button':
    '{group, select, self {Commencer mon auto-évaluation} other {Donner mon avis sur {leader}}}',
  'rater.howTo.self': 'Cela ne prend que quelques minutes, sur n’importe quel appareil.',
  'rater.howTo.others':
    'Chaque formulaire ne prend que quelques minutes, sur n’importe quel appareil. Si vous ne pouvez pas évaluer quelqu’un, ouvrez son lien et indiquez-le.',
  'rater.until':
    'Merci de répondre au plus tard le {deadline}. D’ici là, vous pouvez modifier vos réponses avec les mêmes liens.',
  'rater.privacy.self':
    'Votre auto-évaluation figure dans votre propre rapport de développement, à côté des retours des autres.',
  'rater.privacy.manager':
    'La personne dont vous êtes le manager voit vos évaluations comme celles de son manager\u00a0; les commentaires sont affichés sans nom.',
  'rater.privacy.anonymous':
    'Les réponses des coachés et des pairs sont anonymes\u00a0: la personne évaluée ne les voit que regroupées, par groupes d’au moins {minimum, plural, one {# personne} other {# personnes}}, et les commentaires sans nom.',
  'rater.fallback': 'Si un bouton ne fonctionne pas, copiez son lien dans votre navigateur\u00a0:',
  'rater.personal': 'Ces liens vous sont personnels\u00a0: merci de ne pas transférer cet e-mail.',
};

export const report: Section<'report'> = {
  'report.subject': 'Votre rapport de développement {quarter}',
  'report.intro':
    'Bonjour {name}, voici les retours de votre revue {quarter}. Les évaluations sont des moyennes sur une échelle de 1 (pas du tout d’accord) à 5 (tout à fait d’accord). Les réponses des coachés et des pairs ne sont présentées que pour des groupes assez grands pour préserver l’anonymat, et les commentaires sont affichés sans nom.',
  'report.group':
    '{group, select, self {Votre auto-évaluation} manager {Votre manager} coachee {Vos coachés} peer {Vos pairs} others {Vos coachés et vos pairs (regroupés)} other {{group}}} ({responses, plural, one {# réponse} other {# réponses}})',
  'report.column.competency': 'Compétence',
  'report.column.average': 'Moyenne (1 à 5)',
  'report.comments.keep': 'À continuer',
  'report.comments.change': 'À faire différemment',
  'report.needs.heading': 'Axes de développement',
  'report.needs.intro': 'Les compétences les plus éloignées de l’objectif ce trimestre\u00a0:',
  'report.needs.none': 'Aucune compétence n’est sous l’objectif ce trimestre. Bravo\u00a0!',
  'report.needs.item': '{label} ({score} sur 100)',
  'report.training.heading': 'Formations suggérées',
  'report.training.item': '{label}\u00a0: {titles}',
  'report.gaps.heading': 'Comment vous vous voyez et comment les autres vous voient',
  'report.gaps.textHeading': 'Comment vous vous voyez et comment les autres vous voient (moyenne, 1 à 5)',
  'report.gaps.blindSpots': 'Votre auto-évaluation est nettement plus élevée que celle des autres\u00a0:',
  'report.gaps.hiddenStrengths': 'Les autres ont une vision nettement plus favorable que la vôtre\u00a0:',
  'report.gaps.item': '{label}\u00a0: vous {self}, les autres {others}',
  'report.results.heading': 'Résultats par groupe',
  'report.results.textHeading': 'Résultats par groupe (moyenne, 1 à 5)',
  'report.results.none': 'Aucun groupe n’a reçu assez de réponses pour être présenté ce trimestre.',
  'report.withheld.heading': 'Non présenté, pour préserver l’anonymat',
  'report.closing': 'Parlez de ces résultats avec votre manager pour planifier votre développement.',
  'note.groupWithheld':
    '{group, select, self {Auto-évaluation} manager {Manager} coachee {Coachés} peer {Pairs} other {Coachés et pairs (regroupés)}}\u00a0: {responses, plural, one {# réponse} other {# réponses}}, moins que les {minimum} nécessaires pour préserver l’anonymat\u00a0; les évaluations et les commentaires ne sont donc pas présentés.',
  'note.merged':
    'Les coachés et les pairs sont présentés ensemble, car l’un des groupes a reçu moins de {minimum} réponses.',
  'note.itemsHidden':
    '{group, select, self {Auto-évaluation} manager {Manager} coachee {Coachés} peer {Pairs} other {Coachés et pairs (regroupés)}}\u00a0: aucune moyenne n’est présentée pour {labels}, car moins de {minimum} personnes {count, plural, one {l’ont évaluée} other {les ont évaluées}}.',
  'note.commentsBelowMinimum':
    '{group, select, self {Auto-évaluation} manager {Manager} coachee {Coachés} peer {Pairs} other {Coachés et pairs (regroupés)}}\u00a0: les commentaires ne sont présentés que pour un groupe d’au moins {commentMinimum} personnes\u00a0; aucun ne l’est donc ce trimestre.',
  'note.mergedCommentsOneGroup':
    '{group, select, self {Auto-évaluation} manager {Manager} coachee {Coachés} peer {Pairs} other {Coachés et pairs (regroupés)}}\u00a0: les commentaires ne sont présentés que pour un groupe d’au moins {commentMinimum} personnes à lui seul\u00a0; ceux du plus petit groupe ne sont donc pas présentés.',
  'note.mergedCommentsNone':
    '{group, select, self {Auto-évaluation} manager {Manager} coachee {Coachés} peer {Pairs} other {Coachés et pairs (regroupés)}}\u00a0: les commentaires ne sont présentés que pour un groupe d’au moins {commentMinimum} personnes à lui seul\u00a0; aucun ne l’est donc ce trimestre.',
  'note.differencingMeans':
    '{group, select, self {Auto-évaluation} manager {Manager} coachee {Coachés} peer {Pairs} other {Coachés et pairs (regroupés)}}\u00a0: aucune moyenne n’est présentée ce trimestre pour {labels}\u00a0: comparée à vos rapports précédents, elle révélerait les réponses de moins de {minimum} personnes, car le groupe a trop peu changé.',
  'note.differencingComments':
    '{group, select, self {Auto-évaluation} manager {Manager} coachee {Coachés} peer {Pairs} other {Coachés et pairs (regroupés)}}\u00a0: les commentaires ne sont pas présentés ce trimestre\u00a0: comparés à vos rapports précédents, ils révéleraient qui a écrit quoi, car le groupe a trop peu changé.',
};

export const outcomes: Section<'outcomes'> = {
  'recommendation.ready-now': 'Promouvable dès maintenant',
  'recommendation.ready-next-year': 'Promouvable d’ici un an',
  'recommendation.develop-in-role': 'À développer dans le poste',
  'recommendation.review-coaching-role': 'Rôle de coach à revoir',
  'recommendation.insufficient-evidence': 'Éléments insuffisants',
  'flag.stand-in-ready': 'Peut assurer l’intérim',
  'flag.blind-spot': 'Angle mort',
  'flag.retention-risk': 'Risque de départ',
};

export const managerSummary: Section<'managerSummary'> = {
  'manager.subject': 'Préparation au management {quarter}\u00a0: synthèse pour {team}',
  'manager.intro':
    'Bonjour {name}, voici les résultats de la revue {quarter} pour les Consultant Sales Leaders de l’équipe {team}. Les scores vont de 0 à 100 et combinent les réponses de tous les groupes d’évaluateurs\u00a0; les réponses individuelles ne sont jamais communiquées.',
  'manager.readiness': 'Préparation au management',
  'manager.readinessValue': '{score} sur 100',
  'manager.recommendation': 'Recommandation',
  'manager.flags': 'Signaux',
  'manager.flags.none': 'Aucun',
  'manager.needs': 'Axes de développement',
  'manager.needs.none': 'Aucun sous l’objectif',
  'manager.noLeaders': 'Aucun Consultant Sales Leader de cette équipe n’a été évalué ce trimestre.',
  'manager.footnote':
    'Chaque Consultant Sales Leader reçoit son propre rapport de développement avec des résultats de groupe anonymisés, mais sans le score de préparation ni la recommandation.',
};

export const hrSummary: Section<'hrSummary'> = {
  'hr.subject': 'Ladder {quarter}\u00a0: revue terminée, résultats de préparation disponibles',
  'hr.heading': 'Revue {quarter}\u00a0: résultats',
  'hr.closed':
    'La revue {quarter} est clôturée et {leaders, plural, one {# Consultant Sales Leader a été évalué} other {# Consultant Sales Leaders ont été évalués}}.',
  'hr.responses': 'Réponses',
  'hr.requests': 'Demandes de feedback',
  'hr.answered': 'Répondues',
  'hr.answeredValue': '{answered} ({rate})',
  'hr.declined': 'Déclinées',
  'hr.expired': 'Expirées sans réponse',
  'hr.recommendations': 'Recommandations',
  'hr.leaders': 'Consultant Sales Leaders',
  'hr.column.leader': 'Nom',
  'hr.column.team': 'Équipe',
  'hr.column.readiness': 'Préparation',
  'hr.column.recommendation': 'Recommandation',
  'hr.column.flags': 'Signaux',
  'hr.noLeaders': 'Personne n’a été évalué.',
  'hr.more': '… et {count, plural, one {# autre personne} other {# autres personnes}}.',
  'hr.exportHint': 'Les résultats complets sont dans l’export\u00a0: {command}',
  'hr.preheader':
    'Réponses reçues\u00a0: {answered} sur {total, plural, one {# demande de feedback} other {# demandes de feedback}}',
  'hr.delivery': 'Distribution des e-mails',
  'hr.delivery.allReached':
    '{raters, plural, one {L’évaluateur a reçu son e-mail} other {Les # évaluateurs ont tous reçu leur e-mail}} sans problème.',
  'hr.delivery.someMissed':
    'Sur {raters, plural, one {# évaluateur} other {# évaluateurs}}, les suivants n’ont pas pu être joints par e-mail\u00a0; leurs demandes de feedback sont signalées dans l’export (undeliverable, bounced, complained, suppressed)\u00a0:',
  'hr.delivery.refused': 'E-mail refusé par SES\u00a0: {reason}',
  'hr.delivery.bounced': 'E-mail non distribué (rebond)',
  'hr.delivery.complained': 'Signalé comme spam (plainte)',
  'hr.delivery.suppressed': 'Non envoyé (adresse bloquée après un rebond ou une plainte)',
  'hr.delivery.raters': '{count, plural, one {# évaluateur} other {# évaluateurs}}',
};
