/**
 * English: the source catalogue. Every other language has exactly these keys and uses exactly these
 * placeholders (test/i18n/catalogues.test.ts). ICU MessageFormat: `{name}` is a value, `{n, plural,
 * one {…} other {…}}` and `{x, select, … other {…}}` choose by value, `<strong>…</strong>` is
 * markup in HTML and plain in text, `'` is literal except before `{`, `}`, `<` or `#`.
 *
 * Sections are separate exports so that each Lambda bundles only the sections it renders.
 */

/** Used by every page and email. */
export const common = {
  'common.footer': 'Ladder – quarterly reviews of Consultant Sales Leaders',
  'common.pageTitle': '{title} – Ladder',
};

/**
 * Questionnaire version 1, wording revision 1 (`v1-en-1`): the competencies' short names (here, as
 * the reports need only these) and the rest of its words (`questionnaire`). Changing a word here
 * means a new wording id in functions/core/questionnaire.ts (answers record the wording they were
 * given).
 */
export const competencyLabels = {
  'q1.coaching-questions.label': 'Coaching questions',
  'q1.knowledge-transfer.label': 'Knowledge transfer',
  'q1.motivation.label': 'Motivation and accountability',
  'q1.development.label': 'Development plans',
  'q1.deal-strategy.label': 'Deal strategy',
  'q1.hiring.label': 'Hiring',
  'q1.territory-targets.label': 'Territory and targets',
  'q1.forecasting.label': 'Forecasting',
  'q1.strategy-execution.label': 'Strategy execution',
  'q1.cross-functional.label': 'Cross-functional work',
  'q1.budgeting.label': 'Budgeting',
  'q1.firefighting.label': 'Firefighting',
  'q1.stand-in.label': 'Standing in',
};

/** Questionnaire version 1 (`v1-en-1`): scale, areas, statements, open questions. */
export const questionnaire = {
  'q1.scale.1': 'Strongly disagree',
  'q1.scale.2': 'Disagree',
  'q1.scale.3': 'Neither agree nor disagree',
  'q1.scale.4': 'Agree',
  'q1.scale.5': 'Strongly agree',
  'q1.notObserved': 'Not observed',
  'q1.area.coaching': 'Coaching',
  'q1.area.management': 'Management',
  'q1.coaching-questions.statement': 'Asks coaching-style questions that help people see issues in a new way',
  'q1.knowledge-transfer.statement': 'Shares the techniques that make them successful',
  'q1.motivation.statement': 'Keeps people motivated and accountable to their targets',
  'q1.development.statement': 'Helps people build and follow a plan to improve',
  'q1.deal-strategy.statement': 'Helps shape strategy on live opportunities',
  'q1.hiring.statement': 'Judges and interviews candidates well',
  'q1.territory-targets.statement': 'Sets fair territory plans and targets',
  'q1.forecasting.statement': 'Produces reliable forecasts and metrics',
  'q1.strategy-execution.statement': 'Turns management strategy into action in the team',
  'q1.cross-functional.statement': 'Works well with support, marketing and finance',
  'q1.budgeting.statement': 'Handles budgets and shows good spending judgement',
  'q1.firefighting.statement': 'Stays effective when things go wrong',
  'q1.stand-in.statement': "Could run the team in the manager's absence",
  'q1.open.keep': 'What should they keep doing?',
  'q1.open.change': 'What should they do differently?',
};

/** The feedback form, its answers' problems, and the pages behind a link. */
export const form = {
  'form.language': 'Language',
  'form.title.self': 'Your self-assessment',
  'form.title.other': 'Feedback for {leader}',
  'form.errorTitle': 'Error: {title}',
  'form.errorSummary': 'There is a problem',
  'form.errorPrefix': 'Error:',
  'form.state.answered':
    '<strong>We have your answers.</strong> You can change them until {deadline}: edit them below and send them again.',
  'form.state.declined.self':
    "<strong>You told us you can't do a self-assessment.</strong> If you change your mind, you can still answer until {deadline}.",
  'form.state.declined.other':
    "<strong>You told us you can't judge {leader}.</strong> If you change your mind, you can still answer until {deadline}.",
  'form.intro.self':
    "This quarter's review of Consultant Sales Leaders asks you, too, how you see yourself. Rate each statement from “{lowest}” to “{highest}”, or choose “{notObserved}” when it doesn't apply.",
  'form.intro.other':
    "You are asked for your view of <strong>{leader}</strong> as a Consultant Sales Leader. Rate each statement from “{lowest}” to “{highest}”, or choose “{notObserved}” when you haven't seen it.",
  'form.privacy.self':
    'Your answers appear in your own development report next to the feedback of your coachees, peers and manager, so you can compare how you see yourself with how others see you.',
  'form.privacy.manager':
    "As {leader}'s manager, your ratings are shown to them as the manager's ratings, so they are not anonymous. Comments are shown without names.",
  'form.privacy.anonymous':
    "<strong>Your answers are anonymous.</strong> {leader} only sees coachees' and peers' ratings combined, for a group of at least {minimum, plural, one {# person} other {# people}}; a smaller group is not shown on its own. Comments are shown without names, exactly as written, so leave out anything that would identify you.",
  'form.deadline':
    'Please answer by <strong>{deadline}</strong>. You can change your answers with the same link until then.',
  'form.statement': 'Statement',
  'form.openQuestions': 'In your own words',
  'form.commentHint.self': 'Optional, up to {max, number} characters.',
  'form.commentHint.other': 'Optional, up to {max, number} characters. Shown without your name.',
  'form.submit.new': 'Send my answers',
  'form.submit.update': 'Update my answers',
  'form.decline.title.self': 'Not able to assess yourself?',
  'form.decline.title.other': "Don't know {leader} well enough?",
  'form.decline.text.self': 'Tell us instead of answering.',
  'form.decline.text.other':
    "If you haven't worked with {leader} enough to judge, tell us instead of answering.",
  'form.decline.button.self': "I can't do a self-assessment",
  'form.decline.button.other': "I can't judge this person",
  'answers.missing': 'Choose a rating for "{label}" (1–5 or {notObserved}).',
  'answers.repeated': '"{label}" was answered more than once; choose one rating.',
  'answers.unknown': '"{field}" is not a question of this form.',
  'answers.notAsked':
    '"{label}" is not asked of {group, select, self {the leader themself} manager {the manager} coachee {coachees} other {peers}}.',
  'answers.commentRepeated': '"{prompt}" was sent more than once; send one answer.',
  'answers.control': '"{prompt}" contains a control character; use only text, line breaks and tabs.',
  'answers.tooLong':
    '"{prompt}" is too long: {length, number} characters, at most {max, number} are allowed.',
  'thanks.title.saved': 'Thank you, your answers are saved',
  'thanks.title.declined': 'Thank you for letting us know',
  'thanks.saved.self': 'Your self-assessment will appear in your development report after the review closes.',
  'thanks.saved.other':
    'Your feedback for {leader} is saved and will be part of their report after the review closes.',
  'thanks.declined.self': "We have noted that you won't do a self-assessment this quarter.",
  'thanks.declined.other': "We have noted that you can't judge {leader}. You won't get reminders about it.",
  'thanks.edit.saved':
    'You can change your answers until <strong>{deadline}</strong>: <link>change your answers</link>.',
  'thanks.edit.declined':
    'You can still answer until <strong>{deadline}</strong>: <link>go to the form</link>.',
  'thanks.close': 'You can close this page.',
  'notFound.title': 'Page not found',
  'notFound.text': "This link doesn't work. If you copied it from an email, check that you copied all of it.",
  'notFound.help': "If it still doesn't work, please contact your HR team.",
  'closed.title': 'This review is closed',
  'closed.text': 'The deadline has passed, so answers can no longer be given or changed.',
  'closed.help':
    'Thank you for your time. If you have a question about the review, please contact your HR team.',
  'error.title': 'Sorry, something went wrong',
  'error.retry':
    'Please try again in a few minutes. If you were sending answers, go back and send them again: they may not have been saved.',
  'error.method': 'This page only accepts GET and POST.',
  'error.contentType': 'The form must be sent as application/x-www-form-urlencoded.',
  'error.tooLarge': 'The form is too large to be accepted.',
  'error.unavailable':
    'We could not save or show this page just now. Please wait a few seconds and try again; your answers are counted only once.',
  'error.internal': 'Something went wrong on our side. Please try again in a minute.',
};

/**
 * The one email per rater (invitation or reminder) listing everyone they are asked about, each with
 * their own link.
 */
export const raterEmail = {
  'rater.subject.invitation.self': 'Your {quarter} self-assessment',
  'rater.subject.invitation.selfAndOthers': 'Your {quarter} self-assessment and feedback on {people}',
  'rater.subject.invitation.others': 'Please give feedback on {people} ({quarter} review)',
  'rater.subject.reminder.self': 'Reminder: your {quarter} self-assessment is due {due}',
  'rater.subject.reminder.others': 'Reminder: your {quarter} feedback is due {due}',
  'rater.people.one': '{first}',
  'rater.people.two': '{first} and {second}',
  'rater.people.three': '{first}, {second} and {third}',
  'rater.people.more': '{first}, {second} and {count, plural, one {# other} other {# others}}',
  'rater.greeting': 'Hi {name},',
  'rater.opening.invitation':
    "{count, plural, one {It's time for the {quarter} review of Consultant Sales Leaders, and your view is asked for.} other {It's time for the {quarter} review of Consultant Sales Leaders. You're asked about # people: each has a short form of its own, behind its own link below.}}",
  'rater.opening.reminder':
    "{count, plural, one {This is a reminder: we haven't received your answers for the form below yet.} other {This is a reminder: we haven't received your answers for these # forms yet.}}",
  'rater.relation':
    "{group, select, self {your self-assessment} coachee {{leader} coaches you} peer {{leader} is a colleague of yours} other {you are {leader}'s manager}}",
  'rater.button': '{group, select, self {Start my self-assessment} other {Give feedback on {leader}}}',
  'rater.howTo.self': 'It takes a few minutes on any device.',
  'rater.howTo.others':
    "Each form takes a few minutes on any device. If you can't judge someone, open their link and say so.",
  'rater.until': 'Please answer by {deadline}. You can change your answers with the same links until then.',
  'rater.privacy.self':
    'Your self-assessment appears in your own development report next to the feedback of others.',
  'rater.privacy.manager':
    'The person you manage sees your ratings as their manager’s; comments are shown without names.',
  'rater.privacy.anonymous':
    "Coachees' and peers' answers are anonymous: a leader only sees them combined, in groups of at least {minimum, plural, one {# person} other {# people}}, and comments without names.",
  'rater.fallback': "If a button doesn't work, copy its link into your browser:",
  'rater.personal': "These links are personal: please don't forward this email.",
};

/** The leader's own development report. */
export const report = {
  'report.subject': 'Your {quarter} development report',
  'report.intro':
    "Hi {name}, here is the feedback from your {quarter} review. Ratings are averages on a scale from 1 (strongly disagree) to 5 (strongly agree). Coachees' and peers' answers are only shown for groups large enough to keep them anonymous, and comments are shown without names.",
  'report.group':
    '{group, select, self {Your self-assessment} manager {Your manager} coachee {Your coachees} peer {Your peers} others {Your coachees and peers (combined)} other {{group}}} ({responses, plural, one {# response} other {# responses}})',
  'report.column.competency': 'Competency',
  'report.column.average': 'Average (1–5)',
  'report.comments.keep': 'Keep doing',
  'report.comments.change': 'Do differently',
  'report.needs.heading': 'Development needs',
  'report.needs.intro': 'The competencies furthest below target this quarter:',
  'report.needs.none': 'No competency is below target this quarter. Well done.',
  'report.needs.item': '{label} ({score} of 100)',
  'report.training.heading': 'Suggested training',
  'report.training.item': '{label}: {titles}',
  'report.gaps.heading': 'How you see yourself and how others see you',
  'report.gaps.textHeading': 'How you see yourself and how others see you (average, 1–5)',
  'report.gaps.blindSpots': 'You rated yourself clearly higher than others did:',
  'report.gaps.hiddenStrengths': 'Others rated you clearly higher than you did:',
  'report.gaps.item': '{label}: you {self}, others {others}',
  'report.results.heading': 'Results by group',
  'report.results.textHeading': 'Results by group (average, 1–5)',
  'report.results.none': 'No group had enough answers to show this quarter.',
  'report.withheld.heading': 'Not shown, to keep answers anonymous',
  'report.closing': 'Talk these results through with your manager to plan your development.',
  'note.groupWithheld':
    '{group, select, self {Self} manager {Manager} coachee {Coachees} peer {Peers} other {Others (coachees and peers)}}: {responses, plural, one {# response} other {# responses}}, fewer than the {minimum} needed to keep answers anonymous, so ratings and comments are not shown.',
  'note.merged':
    'Coachees and peers are shown together as "others" because one of the groups had fewer than {minimum} responses.',
  'note.itemsHidden':
    '{group, select, self {Self} manager {Manager} coachee {Coachees} peer {Peers} other {Others (coachees and peers)}}: no mean is shown for {labels}, because fewer than {minimum} people rated {count, plural, one {it} other {them}}.',
  'note.commentsBelowMinimum':
    '{group, select, self {Self} manager {Manager} coachee {Coachees} peer {Peers} other {Others (coachees and peers)}}: comments are shown only from a group of at least {commentMinimum} people, so none are shown this quarter.',
  'note.mergedCommentsOneGroup':
    "{group, select, self {Self} manager {Manager} coachee {Coachees} peer {Peers} other {Others (coachees and peers)}}: comments are shown only from a group of at least {commentMinimum} people on its own, so the smaller group's comments are not shown.",
  'note.mergedCommentsNone':
    '{group, select, self {Self} manager {Manager} coachee {Coachees} peer {Peers} other {Others (coachees and peers)}}: comments are shown only from a group of at least {commentMinimum} people on its own, so none are shown this quarter.',
  'note.differencingMeans':
    '{group, select, self {Self} manager {Manager} coachee {Coachees} peer {Peers} other {Others (coachees and peers)}}: no mean is shown this quarter for {labels}: compared with your earlier reports, it would reveal the answers of fewer than {minimum} people, because the group changed too little.',
  'note.differencingComments':
    '{group, select, self {Self} manager {Manager} coachee {Coachees} peer {Peers} other {Others (coachees and peers)}}: comments are not shown this quarter: compared with your earlier reports, they would reveal who wrote what, because the group changed too little.',
};

/** Recommendations and flags, as managers and HR read them. */
export const outcomes = {
  'recommendation.ready-now': 'Ready now',
  'recommendation.ready-next-year': 'Ready next year',
  'recommendation.develop-in-role': 'Develop in role',
  'recommendation.review-coaching-role': 'Review coaching role',
  'recommendation.insufficient-evidence': 'Insufficient evidence',
  'flag.stand-in-ready': 'Stand-in ready',
  'flag.blind-spot': 'Blind spot',
  'flag.retention-risk': 'Retention risk',
};

/** The manager's team summary. */
export const managerSummary = {
  'manager.subject': '{quarter} readiness summary for {team}',
  'manager.intro':
    'Hi {name}, here are the results of the {quarter} review for the Consultant Sales Leaders of {team}. Scores run from 0 to 100 and combine the answers of all rater groups; individual answers are never shared.',
  'manager.readiness': 'Readiness',
  'manager.readinessValue': '{score} of 100',
  'manager.recommendation': 'Recommendation',
  'manager.flags': 'Flags',
  'manager.flags.none': 'None',
  'manager.needs': 'Development needs',
  'manager.needs.none': 'None below target',
  'manager.noLeaders': 'No Consultant Sales Leader of this team was reviewed this quarter.',
  'manager.footnote':
    'Each leader receives their own development report with anonymised group results, but not the readiness score or recommendation.',
};

/** HR's cycle summary. */
export const hrSummary = {
  'hr.subject': 'Ladder {quarter}: review complete, readiness results ready',
  'hr.heading': '{quarter} review: results',
  'hr.closed':
    'The {quarter} review cycle is closed and {leaders, plural, one {# Consultant Sales Leader was} other {# Consultant Sales Leaders were}} scored.',
  'hr.responses': 'Responses',
  'hr.requests': 'Feedback requests',
  'hr.answered': 'Answered',
  'hr.answeredValue': '{answered} ({rate})',
  'hr.declined': 'Declined',
  'hr.expired': 'Expired unanswered',
  'hr.recommendations': 'Recommendations',
  'hr.leaders': 'Leaders',
  'hr.column.leader': 'Leader',
  'hr.column.team': 'Team',
  'hr.column.readiness': 'Readiness',
  'hr.column.recommendation': 'Recommendation',
  'hr.column.flags': 'Flags',
  'hr.noLeaders': 'No leaders were scored.',
  'hr.more': '…and {count, plural, one {# more leader} other {# more leaders}}.',
  'hr.exportHint': 'The full results are in the export: {command}',
  'hr.preheader': '{answered} of {total} feedback requests answered',
  'hr.delivery': 'Email delivery',
  'hr.delivery.allReached':
    'Of {raters, plural, one {# rater} other {# raters}}, every one was emailed without a problem.',
  'hr.delivery.someMissed':
    'Of {raters, plural, one {# rater} other {# raters}}, these could not be reached by email; their feedback requests are marked in the export (undeliverable, bounced, complained, suppressed):',
  'hr.delivery.refused': 'Email refused by SES: {reason}',
  'hr.delivery.bounced': 'Email bounced',
  'hr.delivery.complained': 'Marked as spam (complaint)',
  'hr.delivery.suppressed': 'Not emailed (address suppressed after a bounce or complaint)',
  'hr.delivery.raters': '{count, plural, one {# rater} other {# raters}}',
};
