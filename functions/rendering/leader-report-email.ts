/**
 * The leader's development report email, in the leader's language: anonymised group results,
 * comments, withheld notes and development needs (no readiness score, no recommendation: those are
 * for HR).
 */
import type { CompetencyScore, LeaderReport, SelfOtherGap } from '../core/model.ts';
import type { ReportNote } from '../core/report-notes.ts';
import { REPORT_MESSAGES, type ReportKey } from '../i18n/catalogues.ts';
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
import { competencyNamer } from './report-email-labels.ts';

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
