/** HR's cycle summary email, in HR's language. */
import type { Recommendation } from '../core/model.ts';
import { HR_SUMMARY_MESSAGES } from '../i18n/catalogues.ts';
import {
  type EmailLanguage,
  emailDocument,
  emailLocaliser,
  joinText,
  type RenderedEmail,
  textSignature,
} from './emails.ts';
import { html, oneLine, EMAIL_STYLE as S } from './html.ts';
import { flagLabel, recommendationLabel } from './report-email-labels.ts';

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
