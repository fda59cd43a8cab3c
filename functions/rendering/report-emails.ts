/**
 * Emails after a cycle: the leader's development report, the manager's team summary and HR's cycle
 * summary, each in its recipient's language (../i18n). Competencies are named by id in the
 * recipient's wording of the questionnaire; a label stored in English is only the fallback for an
 * id the questionnaire does not know.
 */
import type { CompetencyScore, LeaderReport, Recommendation, SelfOtherGap } from '../core/model.ts';
import type { ReportNote } from '../core/report-notes.ts';
import {
  HR_SUMMARY_MESSAGES,
  MANAGER_SUMMARY_MESSAGES,
  type OutcomeKey,
  REPORT_MESSAGES,
  type ReportKey,
} from '../i18n/catalogues.ts';
import type { Locale } from '../i18n/locales.ts';
import { competencyLabels } from '../i18n/questionnaire.ts';
import { emailBarCell } from './email-charts.ts';
import {
  type EmailLanguage,
  emailDocument,
  emailLocaliser,
  joinText,
  type RenderedEmail,
  textList,
  textSignature,
} from './emails.ts';
import { type HtmlValue, html, oneLine, EMAIL_STYLE as S } from './html.ts';

/** Competency id → label in `l`'s language, falling back to `fallback` (or the id). */
function competencyNamer(l: { locale: Locale }, given?: Readonly<Record<string, string>>) {
  const labels = competencyLabels(l.locale);
  return (id: string, fallback?: string): string => given?.[id] ?? labels[id] ?? fallback ?? id;
}

/** `stand-in-ready` → "Stand-in ready" (in the recipient's language); unknown flags are de-kebabed. */
/** What the label helpers need of a summary's localiser. */
interface OutcomeLabels {
  has(key: string): boolean;
  text(key: OutcomeKey): string;
}

function flagLabel(l: OutcomeLabels, flag: string): string {
  const key = `flag.${flag}`;
  if (l.has(key)) return l.text(key as OutcomeKey);
  const words = flag.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function recommendationLabel(l: OutcomeLabels, recommendation: Recommendation): string {
  const key = `recommendation.${recommendation}`;
  return l.has(key) ? l.text(key as OutcomeKey) : recommendation;
}

// ---------------------------------------------------------------------------------------------------
// The leader's own development report (no readiness score, no recommendation: those are for HR)

export interface LeaderReportEmailInput extends EmailLanguage {
  leaderName: string;
  quarter: string;
  report: LeaderReport;
  developmentNeeds: readonly CompetencyScore[];
  /**
   * Competency id → label; its key order is the order of the rows. Default: the questionnaire's
   * competencies in the recipient's language, in questionnaire order.
   */
  competencyLabels?: Readonly<Record<string, string>>;
}

function orderedCompetencies(
  means: Readonly<Record<string, number | null>>,
  order: readonly string[],
): string[] {
  const known = order.filter((id) => id in means);
  const extra = Object.keys(means).filter((id) => !order.includes(id));
  return [...known, ...extra];
}

/** The leader's development report: anonymised group results, comments, withheld notes, development needs. */
export function renderLeaderReportEmail(input: LeaderReportEmailInput): RenderedEmail {
  const l = emailLocaliser(REPORT_MESSAGES, input);
  const quarter = input.quarter;
  const subject = oneLine(l.text('report.subject', { quarter }));
  const nameOf = competencyNamer(l, input.competencyLabels);
  const order = input.competencyLabels
    ? Object.keys(input.competencyLabels)
    : Object.keys(competencyLabels(l.locale));
  const intro = l.text('report.intro', { name: input.leaderName, quarter });
  const groupTitle = (group: string, responses: number) => l.text('report.group', { group, responses });
  const needText = (n: CompetencyScore) =>
    n.score === null
      ? nameOf(n.id, n.label)
      : l.text('report.needs.item', { label: nameOf(n.id, n.label), score: l.score(n.score) });

  const groupsHtml = input.report.groups.map((g) => {
    const ids = orderedCompetencies(g.competencyMeans, order);
    const comments = (heading: string, list: readonly string[]): HtmlValue =>
      list.length > 0
        ? html`<h4 style="${S.h3}">${heading}</h4>
<ul style="${S.ul}">${list.map((c) => html`<li style="${S.li};white-space:pre-line">${c}</li>`)}</ul>
`
        : '';
    return html`<h3 style="${S.h2}">${groupTitle(g.group, g.responses)}</h3>
${
  ids.length > 0
    ? html`<table role="table" style="${S.table}">
<thead><tr><th scope="col" style="${S.th}">${l.text('report.column.competency')}</th><th scope="col" style="${S.thNum}">${l.text('report.column.average')}</th></tr></thead>
<tbody>
${ids.map((id) => html`<tr><td style="${S.td}">${nameOf(id)}</td>${emailBarCell({ value: g.competencyMeans[id], max: 5, text: l.mean(g.competencyMeans[id]), cellStyle: S.td })}</tr>\n`)}</tbody>
</table>
`
    : ''
}${comments(l.text('report.comments.keep'), g.comments.keep)}${comments(l.text('report.comments.change'), g.comments.change)}`;
  });

  const needsHtml =
    input.developmentNeeds.length > 0
      ? html`<p style="${S.p}">${l.text('report.needs.intro')}</p>
<ul style="${S.ul}">${input.developmentNeeds.map((n) => html`<li style="${S.li}">${needText(n)}</li>`)}</ul>`
      : html`<p style="${S.p}">${l.text('report.needs.none')}</p>`;

  // The readiness model's additions (absent on reports written before it).
  const plan = (input.report.developmentPlan ?? []).filter((item) => item.suggestions.length > 0);
  const planLine = (item: (typeof plan)[number]) =>
    l.text('report.training.item', {
      label: nameOf(item.id, item.label),
      titles: item.suggestions.map((t) => t.title).join('; '),
    });
  const planHtml =
    plan.length > 0
      ? html`<h3 style="${S.h2}">${l.text('report.training.heading')}</h3>
<ul style="${S.ul}">${plan.map((item) => html`<li style="${S.li}">${planLine(item)}</li>`)}</ul>
`
      : '';
  const gaps = input.report.selfOther ?? [];
  const gapLine = (gap: SelfOtherGap) =>
    l.text('report.gaps.item', {
      label: nameOf(gap.id, gap.label),
      self: l.mean(gap.self),
      others: l.mean(gap.others),
    });
  const blindSpots = gaps.filter((gap) => gap.kind === 'blind-spot');
  const hiddenStrengths = gaps.filter((gap) => gap.kind === 'hidden-strength');
  const gapsHtml =
    gaps.length > 0
      ? html`<h2 style="${S.h2}">${l.text('report.gaps.heading')}</h2>
${
  blindSpots.length > 0
    ? html`<p style="${S.p}">${l.text('report.gaps.blindSpots')}</p>
<ul style="${S.ul}">${blindSpots.map((gap) => html`<li style="${S.li}">${gapLine(gap)}</li>`)}</ul>
`
    : ''
}${
  hiddenStrengths.length > 0
    ? html`<p style="${S.p}">${l.text('report.gaps.hiddenStrengths')}</p>
<ul style="${S.ul}">${hiddenStrengths.map((gap) => html`<li style="${S.li}">${gapLine(gap)}</li>`)}</ul>
`
    : ''
}`
      : '';

  // Notes as data are said in the reader's language; reports without them keep their English notes.
  const structured = (input.report as LeaderReport & { notes?: readonly ReportNote[] }).notes;
  const notes = structured ? structured.map((note) => noteText(l, note, nameOf)) : input.report.withheld;
  const withheldHtml =
    notes.length > 0
      ? html`<h2 style="${S.h2}">${l.text('report.withheld.heading')}</h2>
<ul style="${S.ul}">${notes.map((w) => html`<li style="${S.li}">${w}</li>`)}</ul>
`
      : '';

  const body = html`<h1 style="${S.h1}">${subject}</h1>
<p style="${S.p}">${intro}</p>
<h2 style="${S.h2}">${l.text('report.needs.heading')}</h2>
${needsHtml}
${planHtml}${gapsHtml}<h2 style="${S.h2}">${l.text('report.results.heading')}</h2>
${input.report.groups.length > 0 ? groupsHtml : html`<p style="${S.p}">${l.text('report.results.none')}</p>`}
${withheldHtml}<p style="${S.small}">${l.text('report.closing')}</p>
`;

  const groupsText = input.report.groups.map((g) => {
    const ids = orderedCompetencies(g.competencyMeans, order);
    const lines = [
      groupTitle(g.group, g.responses),
      ...ids.map((id) => `  ${nameOf(id)}: ${l.mean(g.competencyMeans[id])}`),
    ];
    if (g.comments.keep.length > 0)
      lines.push(`  ${l.text('report.comments.keep')}:`, textList(g.comments.keep, '  - '));
    if (g.comments.change.length > 0)
      lines.push(`  ${l.text('report.comments.change')}:`, textList(g.comments.change, '  - '));
    return lines.join('\n');
  });

  const text = joinText([
    l.upper(subject),
    intro,
    `${l.upper(l.text('report.needs.heading'))}\n${
      input.developmentNeeds.length > 0
        ? textList(input.developmentNeeds.map(needText))
        : l.text('report.needs.none')
    }`,
    plan.length > 0 && `${l.upper(l.text('report.training.heading'))}\n${textList(plan.map(planLine))}`,
    gaps.length > 0 &&
      `${l.upper(l.text('report.gaps.textHeading'))}\n${[
        blindSpots.length > 0 && `${l.text('report.gaps.blindSpots')}\n${textList(blindSpots.map(gapLine))}`,
        hiddenStrengths.length > 0 &&
          `${l.text('report.gaps.hiddenStrengths')}\n${textList(hiddenStrengths.map(gapLine))}`,
      ]
        .filter((block): block is string => typeof block === 'string')
        .join('\n')}`,
    `${l.upper(l.text('report.results.textHeading'))}\n\n${
      groupsText.length > 0 ? groupsText.join('\n\n') : l.text('report.results.none')
    }`,
    notes.length > 0 && `${l.upper(l.text('report.withheld.heading'))}\n${textList(notes)}`,
    l.text('report.closing'),
    textSignature(l),
  ]);

  return { subject, html: emailDocument(l, { title: subject, preheader: intro, body }), text };
}

/** One note of the leader's report in the reader's language. */
function noteText(
  l: {
    text(key: ReportKey, values?: Record<string, string | number>): string;
    list(items: readonly string[]): string;
  },
  note: ReportNote,
  nameOf: (id: string) => string,
): string {
  const labels = (ids: readonly string[]) => l.list(ids.map((id) => nameOf(id)));
  switch (note.kind) {
    case 'groupWithheld':
      return l.text('note.groupWithheld', {
        group: note.group,
        responses: note.responses,
        minimum: note.minimum,
      });
    case 'merged':
      return l.text('note.merged', { minimum: note.minimum });
    case 'itemsHidden':
      return l.text('note.itemsHidden', {
        group: note.group,
        labels: labels(note.competencies),
        count: note.competencies.length,
        minimum: note.minimum,
      });
    case 'commentsBelowMinimum':
      return l.text('note.commentsBelowMinimum', { group: note.group, commentMinimum: note.commentMinimum });
    case 'mergedCommentsOneGroup':
      return l.text('note.mergedCommentsOneGroup', { group: 'others', commentMinimum: note.commentMinimum });
    case 'mergedCommentsNone':
      return l.text('note.mergedCommentsNone', { group: 'others', commentMinimum: note.commentMinimum });
    case 'differencingMeans':
      return l.text('note.differencingMeans', {
        group: note.group,
        labels: labels(note.competencies),
        minimum: note.minimum,
      });
    case 'differencingComments':
      return l.text('note.differencingComments', { group: note.group });
  }
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

export interface ManagerSummaryEmailInput extends EmailLanguage {
  managerName: string;
  team: string;
  quarter: string;
  leaders: readonly ManagerSummaryLeader[];
}

/** Readiness, recommendation, flags and development needs of the consultant leaders of one team. */
export function renderManagerSummaryEmail(input: ManagerSummaryEmailInput): RenderedEmail {
  const l = emailLocaliser(MANAGER_SUMMARY_MESSAGES, input);
  const nameOf = competencyNamer(l);
  const { quarter, team } = input;
  const subject = oneLine(l.text('manager.subject', { quarter, team }));
  const intro = l.text('manager.intro', { name: input.managerName, quarter, team });
  const needs = (leader: ManagerSummaryLeader): string =>
    leader.developmentNeeds.length > 0
      ? l.list(leader.developmentNeeds.map((n) => nameOf(n.id, n.label)))
      : l.text('manager.needs.none');
  const flags = (leader: ManagerSummaryLeader): string =>
    leader.flags.length > 0 ? l.list(leader.flags.map((f) => flagLabel(l, f))) : l.text('manager.flags.none');
  const readiness = (leader: ManagerSummaryLeader): string =>
    leader.readinessScore === null
      ? l.score(null)
      : l.text('manager.readinessValue', { score: l.score(leader.readinessScore) });
  const noLeaders = l.text('manager.noLeaders');
  const footnote = l.text('manager.footnote');
  const rowLabels = {
    readiness: l.text('manager.readiness'),
    recommendation: l.text('manager.recommendation'),
    flags: l.text('manager.flags'),
    needs: l.text('manager.needs'),
  };

  const body = html`<h1 style="${S.h1}">${subject}</h1>
<p style="${S.p}">${intro}</p>
${
  input.leaders.length > 0
    ? input.leaders.map(
        (leader) => html`<h2 style="${S.h2}">${leader.name}</h2>
<table role="table" style="${S.table}"><tbody>
<tr><th scope="row" style="${S.td};width:40%">${rowLabels.readiness}</th>${emailBarCell({ value: leader.readinessScore, max: 100, text: readiness(leader), cellStyle: S.td })}</tr>
<tr><th scope="row" style="${S.td}">${rowLabels.recommendation}</th><td style="${S.td}"><strong>${recommendationLabel(l, leader.recommendation)}</strong></td></tr>
<tr><th scope="row" style="${S.td}">${rowLabels.flags}</th><td style="${S.td}">${flags(leader)}</td></tr>
<tr><th scope="row" style="${S.td}">${rowLabels.needs}</th><td style="${S.td}">${needs(leader)}</td></tr>
</tbody></table>
`,
      )
    : html`<p style="${S.p}">${noLeaders}</p>`
}<p style="${S.small}">${footnote}</p>
`;

  const text = joinText([
    l.upper(subject),
    intro,
    ...(input.leaders.length > 0
      ? input.leaders.map((leader) =>
          [
            leader.name,
            `  ${rowLabels.readiness}: ${readiness(leader)}`,
            `  ${rowLabels.recommendation}: ${recommendationLabel(l, leader.recommendation)}`,
            `  ${rowLabels.flags}: ${flags(leader)}`,
            `  ${rowLabels.needs}: ${needs(leader)}`,
          ].join('\n'),
        )
      : [noLeaders]),
    footnote,
    textSignature(l),
  ]);

  return { subject, html: emailDocument(l, { title: subject, preheader: intro, body }), text };
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

export interface HrSummaryEmailInput extends EmailLanguage {
  quarter: string;
  requests: { total: number; answered: number; declined: number; expired: number };
  leaders: readonly HrSummaryLeader[];
  /** At most this many leaders are listed (the export has them all). Default 500. */
  maxListed?: number;
  /** What became of the raters' emails; the section appears when it is given. */
  delivery?: HrDelivery;
}

/** Raters whose email did not get through, by cause. */
export interface HrDelivery {
  raters: number;
  undeliverable: number;
  /** SES's own reason for refusing (in English, as SES gives it), with the raters it concerned. */
  reasons: readonly { reason: string; raters: number }[];
  bounced: number;
  complained: number;
  suppressed: number;
}

const RECOMMENDATION_ORDER: readonly Recommendation[] = [
  'ready-now',
  'ready-next-year',
  'develop-in-role',
  'review-coaching-role',
  'insufficient-evidence',
];

/** Cycle summary for HR: response figures, recommendations by count, and the leaders in the caller's order. */
export function renderHrSummaryEmail(input: HrSummaryEmailInput): RenderedEmail {
  const l = emailLocaliser(HR_SUMMARY_MESSAGES, input);
  const { quarter } = input;
  const subject = oneLine(l.text('hr.subject', { quarter }));
  const { total, answered, declined, expired } = input.requests;
  const rate = total > 0 ? l.percent(answered / total) : '—';
  const max = Math.max(0, Math.floor(input.maxListed ?? 500));
  const listed = input.leaders.slice(0, max);
  const unlisted = input.leaders.length - listed.length;
  const exportHint = l.text('hr.exportHint', { command: `ladder export --quarter ${quarter} --format csv` });
  const counts = RECOMMENDATION_ORDER.map((r) => ({
    label: recommendationLabel(l, r),
    count: l.number(input.leaders.filter((leader) => leader.recommendation === r).length),
  }));
  const figures = [
    { label: l.text('hr.requests'), value: l.number(total) },
    {
      label: l.text('hr.answered'),
      value: l.text('hr.answeredValue', { answered: l.number(answered), rate }),
    },
    { label: l.text('hr.declined'), value: l.number(declined) },
    { label: l.text('hr.expired'), value: l.number(expired) },
  ];
  const closed = l.text('hr.closed', { quarter, leaders: input.leaders.length });
  const flags = (leader: HrSummaryLeader): string => l.list(leader.flags.map((f) => flagLabel(l, f)));
  const columns = [
    l.text('hr.column.leader'),
    l.text('hr.column.team'),
    l.text('hr.column.readiness'),
    l.text('hr.column.recommendation'),
    l.text('hr.column.flags'),
  ];
  const more = unlisted > 0 ? l.text('hr.more', { count: unlisted }) : '';
  const d = input.delivery;
  const raters = (count: number) => l.text('hr.delivery.raters', { count });
  const problems = d
    ? [
        ...d.reasons.map((r) => ({
          label: l.text('hr.delivery.refused', { reason: r.reason }),
          count: r.raters,
        })),
        { label: l.text('hr.delivery.bounced'), count: d.bounced },
        { label: l.text('hr.delivery.complained'), count: d.complained },
        { label: l.text('hr.delivery.suppressed'), count: d.suppressed },
      ]
        .filter((row) => row.count > 0)
        .map((row) => ({ label: row.label, value: raters(row.count) }))
    : [];
  const deliveryIntro = d
    ? l.text(
        d.undeliverable + d.bounced + d.complained + d.suppressed === 0
          ? 'hr.delivery.allReached'
          : 'hr.delivery.someMissed',
        { raters: d.raters },
      )
    : '';
  const heading = l.text('hr.heading', { quarter });

  const body = html`<h1 style="${S.h1}">${heading}</h1>
<p style="${S.p}">${closed}</p>
<h2 style="${S.h2}">${l.text('hr.responses')}</h2>
<table role="table" style="${S.table}"><tbody>
${figures.map((f) => html`<tr><th scope="row" style="${S.td}">${f.label}</th><td style="${S.tdNum}">${f.value}</td></tr>\n`)}</tbody></table>
<h2 style="${S.h2}">${l.text('hr.recommendations')}</h2>
<table role="table" style="${S.table}"><tbody>
${counts.map((c) => html`<tr><th scope="row" style="${S.td}">${c.label}</th><td style="${S.tdNum}">${c.count}</td></tr>\n`)}</tbody></table>
${
  d
    ? html`<h2 style="${S.h2}">${l.text('hr.delivery')}</h2>
<p style="${S.p}">${deliveryIntro}</p>
${
  problems.length > 0
    ? html`<table role="table" style="${S.table}"><tbody>
${problems.map((f) => html`<tr><th scope="row" style="${S.td}">${f.label}</th><td style="${S.tdNum}">${f.value}</td></tr>\n`)}</tbody></table>
`
    : ''
}`
    : ''
}<h2 style="${S.h2}">${l.text('hr.leaders')}</h2>
${
  listed.length > 0
    ? html`<table role="table" style="${S.table}">
<thead><tr><th scope="col" style="${S.th}">${columns[0]}</th><th scope="col" style="${S.th}">${columns[1]}</th><th scope="col" style="${S.thNum}">${columns[2]}</th><th scope="col" style="${S.th}">${columns[3]}</th><th scope="col" style="${S.th}">${columns[4]}</th></tr></thead>
<tbody>
${listed.map((leader) => html`<tr><td style="${S.td}">${leader.name}</td><td style="${S.td}">${leader.team}</td><td style="${S.tdNum}">${l.score(leader.readinessScore)}</td><td style="${S.td}">${recommendationLabel(l, leader.recommendation)}</td><td style="${S.td}">${flags(leader)}</td></tr>\n`)}</tbody>
</table>
`
    : html`<p style="${S.p}">${l.text('hr.noLeaders')}</p>\n`
}${more ? html`<p style="${S.p}">${more}</p>\n` : ''}<p style="${S.small}">${exportHint}</p>
`;

  const text = joinText([
    l.upper(heading),
    closed,
    `${l.upper(l.text('hr.responses'))}\n${figures.map((f) => `  ${f.label}: ${f.value}`).join('\n')}`,
    `${l.upper(l.text('hr.recommendations'))}\n${counts.map((c) => `  ${c.label}: ${c.count}`).join('\n')}`,
    d !== undefined &&
      `${l.upper(l.text('hr.delivery'))}\n${deliveryIntro}${problems.map((f) => `\n  ${f.label}: ${f.value}`).join('')}`,
    `${l.upper(l.text('hr.leaders'))} (${columns.join(' | ')})\n${
      listed.length > 0
        ? listed
            .map(
              (leader) =>
                `  ${leader.name} | ${leader.team} | ${l.score(leader.readinessScore)} | ${recommendationLabel(l, leader.recommendation)} | ${flags(leader) || '-'}`,
            )
            .join('\n')
        : `  ${l.text('hr.noLeaders')}`
    }${more ? `\n  ${more}` : ''}`,
    exportHint,
    textSignature(l),
  ]);

  return {
    subject,
    html: emailDocument(l, {
      title: subject,
      preheader: l.text('hr.preheader', { answered, total }),
      body,
    }),
    text,
  };
}
