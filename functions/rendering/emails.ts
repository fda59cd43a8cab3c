/**
 * Emails of a review cycle: invitations and reminders to raters, the leader's development report, the
 * manager's team summary and HR's cycle summary. Each returns a one-line subject, an HTML part (all
 * user-provided text escaped) and a plain-text part (not escaped: it is not HTML).
 */
import type {
  CompetencyScore,
  LeaderReport,
  RaterGroup,
  Recommendation,
  ReportGroup,
  SelfOtherGap,
} from '../core/model.ts';
import {
  emailLayout,
  formatDeadline,
  formatShortDate,
  type HtmlValue,
  html,
  oneLine,
  EMAIL_STYLE as S,
  safeUrl,
} from './html.ts';

export interface RenderedEmail {
  /** One line: never contains CR, LF or other control characters. */
  subject: string;
  html: string;
  text: string;
}

/** Plain-language names of the recommendations (HR and managers only). */
export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  'ready-now': 'Ready now',
  'ready-next-year': 'Ready next year',
  'develop-in-role': 'Develop in role',
  'review-coaching-role': 'Review coaching role',
  'insufficient-evidence': 'Insufficient evidence',
};

const FLAG_LABELS: Record<string, string> = {
  'stand-in-ready': 'Stand-in ready',
};

/** `stand-in-ready` → "Stand-in ready"; unknown flags are de-kebabed. */
export function flagLabel(flag: string): string {
  const known = FLAG_LABELS[flag];
  if (known) return known;
  const words = flag.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const GROUP_LABELS: Record<ReportGroup, string> = {
  self: 'Your self-assessment',
  manager: 'Your manager',
  coachee: 'Your coachees',
  peer: 'Your peers',
  others: 'Your coachees and peers (combined)',
};

/** A 1–5 mean with one decimal, or "—" when nobody rated it. */
export function formatMean(mean: number | null | undefined): string {
  return typeof mean === 'number' && Number.isFinite(mean) ? (Math.round(mean * 10) / 10).toFixed(1) : '—';
}

/** A 0–100 score rounded to a whole number, or "—". */
export function formatScore(score: number | null | undefined): string {
  return typeof score === 'number' && Number.isFinite(score) ? String(Math.round(score)) : '—';
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function textList(items: readonly string[], bullet = '- '): string {
  const indent = `\n${' '.repeat(bullet.length)}`;
  return items.map((i) => `${bullet}${i.replace(/\r?\n/g, indent)}`).join('\n');
}

function joinText(blocks: readonly (string | false | null | undefined)[]): string {
  return `${blocks.filter((b): b is string => typeof b === 'string').join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// Invitations and reminders: one email per rater, listing everyone they are asked about

/** One person the rater is asked about, with the personal link to that person's form. */
export interface RaterEmailRequest {
  leaderName: string;
  /** The rater's group for this leader (`self`: the rater's own self-assessment). */
  group: RaterGroup;
  /** The personal link `<base>/feedback/<token>` of this request. */
  link: string;
}

export interface RaterEmailInput {
  kind: 'invitation' | 'reminder';
  raterName: string;
  /** Quarter id such as `2026-Q4`. */
  quarter: string;
  /** ISO 8601 date-time. */
  deadline: string;
  /** Everyone the rater is asked about (a reminder: those still open), the self-assessment first. */
  requests: readonly RaterEmailRequest[];
}

/**
 * Every English string of the invitation and reminder, in one place (the data they need is
 * passed in): the seam for message catalogues in other languages.
 */
export const RATER_EMAIL_TEXT = {
  subject: {
    invitation: (p: { quarter: string; self: boolean; others: readonly string[] }) =>
      p.self && p.others.length === 0
        ? `Your ${p.quarter} self-assessment`
        : p.self
          ? `Your ${p.quarter} self-assessment and feedback on ${peopleList(p.others)}`
          : `Please give feedback on ${peopleList(p.others)} (${p.quarter} review)`,
    reminder: (p: { quarter: string; self: boolean; others: readonly string[]; due: string }) =>
      p.self && p.others.length === 0
        ? `Reminder: your ${p.quarter} self-assessment is due ${p.due}`
        : `Reminder: your ${p.quarter} feedback is due ${p.due}`,
  },
  greeting: (name: string) => `Hi ${name},`,
  opening: {
    invitation: (p: { quarter: string; count: number }) =>
      p.count === 1
        ? `It's time for the ${p.quarter} review of Consultant Sales Leaders, and your view is asked for.`
        : `It's time for the ${p.quarter} review of Consultant Sales Leaders. You're asked about ${p.count} people: each has a short form of its own, behind its own link below.`,
    reminder: (p: { count: number }) =>
      p.count === 1
        ? "This is a reminder: we haven't received your answers for the form below yet."
        : `This is a reminder: we haven't received your answers for these ${p.count} forms yet.`,
  },
  relation: (group: RaterGroup, leader: string) => {
    switch (group) {
      case 'self':
        return 'your self-assessment';
      case 'coachee':
        return `${leader} coaches you`;
      case 'peer':
        return `${leader} is a colleague of yours`;
      case 'manager':
        return `you are ${leader}'s manager`;
    }
  },
  button: (group: RaterGroup, leader: string) =>
    group === 'self' ? 'Start my self-assessment' : `Give feedback on ${leader}`,
  howTo: (p: { othersIncluded: boolean }) =>
    p.othersIncluded
      ? "Each form takes a few minutes on any device. If you can't judge someone, open their link and say so."
      : 'It takes a few minutes on any device.',
  until: (deadline: string) =>
    `Please answer by ${deadline}. You can change your answers with the same links until then.`,
  privacy: {
    self: 'Your self-assessment appears in your own development report next to the feedback of others.',
    manager:
      'As the manager, your ratings are shown to them as the manager’s; comments are shown without names.',
    anonymous:
      "Coachees' and peers' answers are anonymous: a leader only sees them combined, in groups of at least 3 people, and comments without names.",
  },
  fallback: "If a button doesn't work, copy its link into your browser:",
  personal: "These links are personal: please don't forward this email.",
  signature: 'Ladder – quarterly reviews of Consultant Sales Leaders',
};

/** "Ana", "Ana and Ben", "Ana, Ben and Cleo", "Ana, Ben and 3 others". */
function peopleList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} others`;
}

/** The invitation or reminder of one rater, with one personal link per person listed. */
export function renderRaterEmail(input: RaterEmailInput): RenderedEmail {
  if (input.requests.length === 0) throw new RangeError('A rater email lists at least one request');
  const T = RATER_EMAIL_TEXT;
  const items = input.requests.map((request) => ({
    ...request,
    link: safeUrl(request.link),
    relation: T.relation(request.group, request.leaderName),
    button: T.button(request.group, request.leaderName),
  }));
  const self = items.some((item) => item.group === 'self');
  const others = items.filter((item) => item.group !== 'self').map((item) => item.leaderName);
  const subject = oneLine(
    input.kind === 'reminder'
      ? T.subject.reminder({ quarter: input.quarter, self, others, due: formatShortDate(input.deadline) })
      : T.subject.invitation({ quarter: input.quarter, self, others }),
  );
  const opening =
    input.kind === 'reminder'
      ? T.opening.reminder({ count: items.length })
      : T.opening.invitation({ quarter: input.quarter, count: items.length });
  const until = T.until(formatDeadline(input.deadline));
  const howTo = T.howTo({ othersIncluded: others.length > 0 });
  const groups = new Set(items.map((item) => item.group));
  const privacy = [
    groups.has('self') && T.privacy.self,
    groups.has('manager') && T.privacy.manager,
    (groups.has('coachee') || groups.has('peer')) && T.privacy.anonymous,
  ].filter((line): line is string => typeof line === 'string');

  const body = html`<h1 style="${S.h1}">${subject}</h1>
<p style="${S.p}">${T.greeting(input.raterName)}</p>
<p style="${S.p}">${opening}</p>
<table role="presentation" style="${S.table}"><tbody>
${items.map(
  (
    item,
  ) => html`<tr><td style="${S.td}"><strong>${item.leaderName}</strong><br><span style="${S.small}">${item.relation}</span></td><td style="${S.td};text-align:right"><a href="${item.link}" style="${S.button}">${item.button}</a></td></tr>
`,
)}</tbody></table>
<p style="${S.p}">${howTo}</p>
<p style="${S.p}">${until}</p>
${privacy.map(
  (line) => html`<p style="${S.p}">${line}</p>
`,
)}<p style="${S.small}">${T.fallback}</p>
<ul style="${S.ul}">${items.map((item) => html`<li style="${S.small}">${item.leaderName}: <a href="${item.link}" style="${S.a}">${item.link}</a></li>`)}</ul>
<p style="${S.small}">${T.personal}</p>
`;

  const text = joinText([
    T.greeting(input.raterName),
    opening,
    items.map((item) => `${item.button} (${item.relation}):\n${item.link}`).join('\n\n'),
    howTo,
    until,
    ...privacy,
    T.personal,
    `-- \n${T.signature}`,
  ]);

  return { subject, html: emailLayout({ title: subject, preheader: until, body }), text };
}

// ---------------------------------------------------------------------------------------------------
// The leader's own development report (no readiness score, no recommendation: those are for HR)

export interface LeaderReportEmailInput {
  leaderName: string;
  quarter: string;
  report: LeaderReport;
  developmentNeeds: readonly CompetencyScore[];
  /** Competency id → label; its key order is the order of the rows. */
  competencyLabels: Readonly<Record<string, string>>;
}

function orderedCompetencies(
  means: Readonly<Record<string, number | null>>,
  labels: Readonly<Record<string, string>>,
): string[] {
  const known = Object.keys(labels).filter((id) => id in means);
  const extra = Object.keys(means).filter((id) => !(id in labels));
  return [...known, ...extra];
}

/** The leader's development report: anonymised group results, comments, withheld notes, development needs. */
export function renderLeaderReportEmail(input: LeaderReportEmailInput): RenderedEmail {
  const subject = oneLine(`Your ${input.quarter} development report`);
  const labelOf = (id: string): string => input.competencyLabels[id] ?? id;
  const intro = `Hi ${input.leaderName}, here is the feedback from your ${input.quarter} review. Ratings are averages on a scale from 1 (strongly disagree) to 5 (strongly agree). Coachees' and peers' answers are only shown for groups large enough to keep them anonymous, and comments are shown without names.`;

  const groupsHtml = input.report.groups.map((g) => {
    const ids = orderedCompetencies(g.competencyMeans, input.competencyLabels);
    const title = `${GROUP_LABELS[g.group] ?? g.group} (${plural(g.responses, 'response')})`;
    const comments = (heading: string, list: readonly string[]): HtmlValue =>
      list.length > 0
        ? html`<h4 style="${S.h3}">${heading}</h4>
<ul style="${S.ul}">${list.map((c) => html`<li style="${S.li};white-space:pre-line">${c}</li>`)}</ul>
`
        : '';
    return html`<h3 style="${S.h2}">${title}</h3>
${
  ids.length > 0
    ? html`<table role="table" style="${S.table}">
<thead><tr><th scope="col" style="${S.th}">Competency</th><th scope="col" style="${S.thNum}">Average (1–5)</th></tr></thead>
<tbody>
${ids.map((id) => html`<tr><td style="${S.td}">${labelOf(id)}</td><td style="${S.tdNum}">${formatMean(g.competencyMeans[id])}</td></tr>\n`)}</tbody>
</table>
`
    : ''
}${comments('Keep doing', g.comments.keep)}${comments('Do differently', g.comments.change)}`;
  });

  const needsHtml =
    input.developmentNeeds.length > 0
      ? html`<p style="${S.p}">The competencies furthest below target this quarter:</p>
<ul style="${S.ul}">${input.developmentNeeds.map((n) => html`<li style="${S.li}">${n.label}${n.score === null ? '' : ` (${formatScore(n.score)} of 100)`}</li>`)}</ul>`
      : html`<p style="${S.p}">No competency is below target this quarter. Well done.</p>`;

  // The readiness model's additions (absent on reports written before it).
  const plan = (input.report.developmentPlan ?? []).filter((item) => item.suggestions.length > 0);
  const planHtml =
    plan.length > 0
      ? html`<h3 style="${S.h2}">Suggested training</h3>
<ul style="${S.ul}">${plan.map((item) => html`<li style="${S.li}">${item.label}: ${item.suggestions.map((t) => t.title).join('; ')}</li>`)}</ul>
`
      : '';
  const gaps = input.report.selfOther ?? [];
  const gapLine = (gap: SelfOtherGap) =>
    `${gap.label}: you ${formatMean(gap.self)}, others ${formatMean(gap.others)}`;
  const blindSpots = gaps.filter((gap) => gap.kind === 'blind-spot');
  const hiddenStrengths = gaps.filter((gap) => gap.kind === 'hidden-strength');
  const gapsHtml =
    gaps.length > 0
      ? html`<h2 style="${S.h2}">How you see yourself and how others see you</h2>
${
  blindSpots.length > 0
    ? html`<p style="${S.p}">You rated yourself clearly higher than others did:</p>
<ul style="${S.ul}">${blindSpots.map((gap) => html`<li style="${S.li}">${gapLine(gap)}</li>`)}</ul>
`
    : ''
}${
  hiddenStrengths.length > 0
    ? html`<p style="${S.p}">Others rated you clearly higher than you did:</p>
<ul style="${S.ul}">${hiddenStrengths.map((gap) => html`<li style="${S.li}">${gapLine(gap)}</li>`)}</ul>
`
    : ''
}`
      : '';

  const withheldHtml =
    input.report.withheld.length > 0
      ? html`<h2 style="${S.h2}">Not shown, to keep answers anonymous</h2>
<ul style="${S.ul}">${input.report.withheld.map((w) => html`<li style="${S.li}">${w}</li>`)}</ul>
`
      : '';

  const body = html`<h1 style="${S.h1}">Your ${input.quarter} development report</h1>
<p style="${S.p}">${intro}</p>
<h2 style="${S.h2}">Development needs</h2>
${needsHtml}
${planHtml}${gapsHtml}<h2 style="${S.h2}">Results by group</h2>
${input.report.groups.length > 0 ? groupsHtml : html`<p style="${S.p}">No group had enough answers to show this quarter.</p>`}
${withheldHtml}<p style="${S.small}">Talk these results through with your manager to plan your development.</p>
`;

  const groupsText = input.report.groups.map((g) => {
    const ids = orderedCompetencies(g.competencyMeans, input.competencyLabels);
    const lines = [
      `${GROUP_LABELS[g.group] ?? g.group} (${plural(g.responses, 'response')})`,
      ...ids.map((id) => `  ${labelOf(id)}: ${formatMean(g.competencyMeans[id])}`),
    ];
    if (g.comments.keep.length > 0) lines.push('  Keep doing:', textList(g.comments.keep, '  - '));
    if (g.comments.change.length > 0) lines.push('  Do differently:', textList(g.comments.change, '  - '));
    return lines.join('\n');
  });

  const text = joinText([
    `YOUR ${input.quarter} DEVELOPMENT REPORT`,
    intro,
    `DEVELOPMENT NEEDS\n${
      input.developmentNeeds.length > 0
        ? textList(
            input.developmentNeeds.map(
              (n) => `${n.label}${n.score === null ? '' : ` (${formatScore(n.score)} of 100)`}`,
            ),
          )
        : 'No competency is below target this quarter. Well done.'
    }`,
    plan.length > 0 &&
      `SUGGESTED TRAINING\n${textList(plan.map((item) => `${item.label}: ${item.suggestions.map((t) => t.title).join('; ')}`))}`,
    gaps.length > 0 &&
      `HOW YOU SEE YOURSELF AND HOW OTHERS SEE YOU (average, 1–5)\n${[
        blindSpots.length > 0 &&
          `You rated yourself clearly higher than others did:\n${textList(blindSpots.map(gapLine))}`,
        hiddenStrengths.length > 0 &&
          `Others rated you clearly higher than you did:\n${textList(hiddenStrengths.map(gapLine))}`,
      ]
        .filter((block): block is string => typeof block === 'string')
        .join('\n')}`,
    `RESULTS BY GROUP (average, 1–5)\n\n${
      groupsText.length > 0 ? groupsText.join('\n\n') : 'No group had enough answers to show this quarter.'
    }`,
    input.report.withheld.length > 0 &&
      `NOT SHOWN, TO KEEP ANSWERS ANONYMOUS\n${textList(input.report.withheld)}`,
    'Talk these results through with your manager to plan your development.',
    '-- \nLadder – quarterly reviews of Consultant Sales Leaders',
  ]);

  return { subject, html: emailLayout({ title: subject, preheader: intro, body }), text };
}

// ---------------------------------------------------------------------------------------------------
// Manager's team summary

export interface ManagerSummaryLeader {
  name: string;
  readinessScore: number | null;
  recommendation: Recommendation;
  flags: readonly string[];
  developmentNeeds: readonly CompetencyScore[];
}

export interface ManagerSummaryEmailInput {
  managerName: string;
  team: string;
  quarter: string;
  leaders: readonly ManagerSummaryLeader[];
}

/** Readiness, recommendation, flags and development needs of the consultant leaders of one team. */
export function renderManagerSummaryEmail(input: ManagerSummaryEmailInput): RenderedEmail {
  const subject = oneLine(`${input.quarter} readiness summary for ${input.team}`);
  const intro = `Hi ${input.managerName}, here are the results of the ${input.quarter} review for the Consultant Sales Leaders of ${input.team}. Scores run from 0 to 100 and combine the answers of all rater groups; individual answers are never shared.`;
  const needs = (l: ManagerSummaryLeader): string =>
    l.developmentNeeds.length > 0 ? l.developmentNeeds.map((n) => n.label).join(', ') : 'None below target';
  const flags = (l: ManagerSummaryLeader): string =>
    l.flags.length > 0 ? l.flags.map(flagLabel).join(', ') : 'None';

  const body = html`<h1 style="${S.h1}">${subject}</h1>
<p style="${S.p}">${intro}</p>
${
  input.leaders.length > 0
    ? input.leaders.map(
        (l) => html`<h2 style="${S.h2}">${l.name}</h2>
<table role="table" style="${S.table}"><tbody>
<tr><th scope="row" style="${S.td};width:40%">Readiness</th><td style="${S.td}">${formatScore(l.readinessScore)}${l.readinessScore === null ? '' : ' of 100'}</td></tr>
<tr><th scope="row" style="${S.td}">Recommendation</th><td style="${S.td}"><strong>${RECOMMENDATION_LABELS[l.recommendation] ?? l.recommendation}</strong></td></tr>
<tr><th scope="row" style="${S.td}">Flags</th><td style="${S.td}">${flags(l)}</td></tr>
<tr><th scope="row" style="${S.td}">Development needs</th><td style="${S.td}">${needs(l)}</td></tr>
</tbody></table>
`,
      )
    : html`<p style="${S.p}">No Consultant Sales Leader of this team was reviewed this quarter.</p>`
}<p style="${S.small}">Each leader receives their own development report with anonymised group results, but not the readiness score or recommendation.</p>
`;

  const text = joinText([
    subject.toUpperCase(),
    intro,
    ...(input.leaders.length > 0
      ? input.leaders.map((l) =>
          [
            l.name,
            `  Readiness: ${formatScore(l.readinessScore)}${l.readinessScore === null ? '' : ' of 100'}`,
            `  Recommendation: ${RECOMMENDATION_LABELS[l.recommendation] ?? l.recommendation}`,
            `  Flags: ${flags(l)}`,
            `  Development needs: ${needs(l)}`,
          ].join('\n'),
        )
      : ['No Consultant Sales Leader of this team was reviewed this quarter.']),
    'Each leader receives their own development report with anonymised group results, but not the readiness score or recommendation.',
    '-- \nLadder – quarterly reviews of Consultant Sales Leaders',
  ]);

  return { subject, html: emailLayout({ title: subject, preheader: intro, body }), text };
}

// ---------------------------------------------------------------------------------------------------
// HR's cycle summary

export interface HrSummaryLeader {
  name: string;
  team: string;
  readinessScore: number | null;
  recommendation: Recommendation;
  flags: readonly string[];
}

export interface HrSummaryEmailInput {
  quarter: string;
  requests: { total: number; answered: number; declined: number; expired: number };
  leaders: readonly HrSummaryLeader[];
  /** At most this many leaders are listed (the export has them all). Default 500. */
  maxListed?: number;
  /** What became of the raters' emails; the section appears when something went wrong. */
  delivery?: HrDelivery;
}

/** Raters whose email did not get through, by cause (functions/core/delivery.ts). */
export interface HrDelivery {
  raters: number;
  undeliverable: number;
  reasons: readonly { reason: string; raters: number }[];
  bounced: number;
  complained: number;
  suppressed: number;
}

/** Cycle summary for HR: response figures, recommendations by count, and the leaders in the caller's order. */
export function renderHrSummaryEmail(input: HrSummaryEmailInput): RenderedEmail {
  const subject = oneLine(`Ladder ${input.quarter}: review complete, readiness results ready`);
  const { total, answered, declined, expired } = input.requests;
  const rate = total > 0 ? `${Math.round((answered / total) * 100)}%` : '—';
  const max = Math.max(0, Math.floor(input.maxListed ?? 500));
  const listed = input.leaders.slice(0, max);
  const unlisted = input.leaders.length - listed.length;
  const exportHint = `The full results are in the export: ladder export --quarter ${input.quarter} --format csv`;
  const counts = (Object.keys(RECOMMENDATION_LABELS) as Recommendation[]).map((r) => ({
    label: RECOMMENDATION_LABELS[r],
    count: input.leaders.filter((l) => l.recommendation === r).length,
  }));
  const figures = [
    { label: 'Feedback requests', value: String(total) },
    { label: 'Answered', value: `${answered} (${rate})` },
    { label: 'Declined', value: String(declined) },
    { label: 'Expired unanswered', value: String(expired) },
  ];
  const scored = `${plural(input.leaders.length, 'Consultant Sales Leader')} ${input.leaders.length === 1 ? 'was' : 'were'} scored.`;
  const flags = (l: HrSummaryLeader): string => l.flags.map(flagLabel).join(', ');
  const d = input.delivery;
  const problems = d
    ? [
        ...d.reasons.map((r) => ({
          label: `Email refused by SES: ${r.reason}`,
          value: plural(r.raters, 'rater'),
        })),
        { label: 'Email bounced', value: plural(d.bounced, 'rater') },
        { label: 'Marked as spam (complaint)', value: plural(d.complained, 'rater') },
        {
          label: 'Not emailed (address suppressed after a bounce or complaint)',
          value: plural(d.suppressed, 'rater'),
        },
      ].filter((row) => !row.value.startsWith('0 '))
    : [];
  const deliveryIntro = d
    ? `Of ${plural(d.raters, 'rater')}, ${d.undeliverable + d.bounced + d.complained + d.suppressed === 0 ? 'every one was emailed without a problem.' : 'these could not be reached by email; their feedback requests are marked in the export (undeliverable, bounced, complained, suppressed):'}`
    : '';

  const body = html`<h1 style="${S.h1}">${input.quarter} review: results</h1>
<p style="${S.p}">The ${input.quarter} review cycle is closed and ${scored}</p>
<h2 style="${S.h2}">Responses</h2>
<table role="table" style="${S.table}"><tbody>
${figures.map((f) => html`<tr><th scope="row" style="${S.td}">${f.label}</th><td style="${S.tdNum}">${f.value}</td></tr>\n`)}</tbody></table>
<h2 style="${S.h2}">Recommendations</h2>
<table role="table" style="${S.table}"><tbody>
${counts.map((c) => html`<tr><th scope="row" style="${S.td}">${c.label}</th><td style="${S.tdNum}">${c.count}</td></tr>\n`)}</tbody></table>
${
  d
    ? html`<h2 style="${S.h2}">Email delivery</h2>
<p style="${S.p}">${deliveryIntro}</p>
${
  problems.length > 0
    ? html`<table role="table" style="${S.table}"><tbody>
${problems.map((f) => html`<tr><th scope="row" style="${S.td}">${f.label}</th><td style="${S.tdNum}">${f.value}</td></tr>\n`)}</tbody></table>
`
    : ''
}`
    : ''
}<h2 style="${S.h2}">Leaders</h2>
${
  listed.length > 0
    ? html`<table role="table" style="${S.table}">
<thead><tr><th scope="col" style="${S.th}">Leader</th><th scope="col" style="${S.th}">Team</th><th scope="col" style="${S.thNum}">Readiness</th><th scope="col" style="${S.th}">Recommendation</th><th scope="col" style="${S.th}">Flags</th></tr></thead>
<tbody>
${listed.map((l) => html`<tr><td style="${S.td}">${l.name}</td><td style="${S.td}">${l.team}</td><td style="${S.tdNum}">${formatScore(l.readinessScore)}</td><td style="${S.td}">${RECOMMENDATION_LABELS[l.recommendation] ?? l.recommendation}</td><td style="${S.td}">${flags(l)}</td></tr>\n`)}</tbody>
</table>
`
    : html`<p style="${S.p}">No leaders were scored.</p>\n`
}${unlisted > 0 ? html`<p style="${S.p}">…and ${plural(unlisted, 'more leader')}.</p>\n` : ''}<p style="${S.small}">${exportHint}</p>
`;

  const text = joinText([
    `${input.quarter} REVIEW: RESULTS`,
    `The ${input.quarter} review cycle is closed and ${scored}`,
    `RESPONSES\n${figures.map((f) => `  ${f.label}: ${f.value}`).join('\n')}`,
    `RECOMMENDATIONS\n${counts.map((c) => `  ${c.label}: ${c.count}`).join('\n')}`,
    d !== undefined &&
      `EMAIL DELIVERY\n${deliveryIntro}${problems.map((f) => `\n  ${f.label}: ${f.value}`).join('')}`,
    `LEADERS (name | team | readiness | recommendation | flags)\n${
      listed.length > 0
        ? listed
            .map(
              (l) =>
                `  ${l.name} | ${l.team} | ${formatScore(l.readinessScore)} | ${RECOMMENDATION_LABELS[l.recommendation] ?? l.recommendation} | ${flags(l) || '-'}`,
            )
            .join('\n')
        : '  No leaders were scored.'
    }${unlisted > 0 ? `\n  …and ${plural(unlisted, 'more leader')}.` : ''}`,
    exportHint,
    '-- \nLadder – quarterly reviews of Consultant Sales Leaders',
  ]);

  return {
    subject,
    html: emailLayout({
      title: subject,
      preheader: `${answered} of ${total} feedback requests answered`,
      body,
    }),
    text,
  };
}
