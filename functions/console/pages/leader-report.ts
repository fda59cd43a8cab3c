/**
 * The report the leader receives, as HR sees it in the console: the same guarded report the email
 * carries (functions/shared/leader-report.ts), drawn as pictures: a bar per competency by rater group,
 * self against others, hidden strengths and blind spots, the highest and lowest items, verbatim
 * comments, development needs with their courses, and what was withheld for anonymity.
 */
import type { GuardResult } from '../../core/differencing.ts';
import type { CompetencyScore, ReportGroup } from '../../core/model.ts';
import { type HtmlValue, html, type SafeHtml } from '../../rendering/html.ts';
import { competencyLabels } from '../../shared/leader-report.ts';
import { barChart } from '../charts/bars.ts';
import { gapChart } from '../charts/gaps.ts';
import { fixed } from '../charts/svg.ts';

export const REPORT_GROUP_NAMES: Record<ReportGroup, string> = {
  self: 'Self',
  manager: 'Manager',
  coachee: 'Coachees',
  peer: 'Peers',
  others: 'Coachees and peers',
};

/** Highest and lowest competencies among those the report showed (0–100, others' view). */
export function highestAndLowest(
  competencies: readonly CompetencyScore[],
  report: GuardResult['report'],
  count = 3,
): { highest: CompetencyScore[]; lowest: CompetencyScore[] } {
  const shown = new Set(
    report.groups
      .filter((g) => g.group !== 'self')
      .flatMap((g) =>
        Object.entries(g.competencyMeans)
          .filter(([, mean]) => mean !== null)
          .map(([id]) => id),
      ),
  );
  const scored = competencies.filter(
    (c): c is CompetencyScore & { score: number } => c.score !== null && shown.has(c.id),
  );
  const sorted = [...scored].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const highest = sorted.slice(0, count);
  const lowest = sorted
    .slice(-count)
    .reverse()
    .filter((c) => !highest.includes(c));
  return { highest, lowest };
}

function list(items: HtmlValue[], empty: string): HtmlValue {
  return items.length > 0
    ? html`<ul>${items.map((item) => html`<li>${item}</li>`)}</ul>`
    : html`<p>${empty}</p>`;
}

export function leaderReportSection(input: {
  leaderName: string;
  guarded: GuardResult;
  competencies: readonly CompetencyScore[];
}): SafeHtml {
  const { report, developmentNeeds } = input.guarded;
  const ids = Object.keys(competencyLabels);
  const groups = report.groups;
  const chart =
    groups.length > 0
      ? barChart({
          id: 'report-groups',
          title: 'Average rating per competency, by rater group (1–5)',
          description: `Average rating from 1 (strongly disagree) to 5 (strongly agree) per competency for each group shown in the report: ${groups
            .map((g) => `${REPORT_GROUP_NAMES[g.group]} (${g.responses} answers)`)
            .join(', ')}. A dash means the group was not asked or too few rated it.`,
          series: groups.map((g) => ({ name: `${REPORT_GROUP_NAMES[g.group]} (${g.responses})` })),
          rows: ids
            .filter((id) => groups.some((g) => id in g.competencyMeans))
            .map((id) => ({
              label: competencyLabels[id] ?? id,
              values: groups.map((g) => g.competencyMeans[id] ?? null),
            })),
          max: 5,
          format: (v) => fixed(v),
          rowHeader: 'Competency',
        })
      : html`<p>No group had enough answers to show this quarter.</p>`;
  const gaps = report.selfOther ?? [];
  const blind = gaps.filter((g) => g.kind === 'blind-spot');
  const hidden = gaps.filter((g) => g.kind === 'hidden-strength');
  const { highest, lowest } = highestAndLowest(input.competencies, report);
  const comments = (heading: string, texts: string[]): HtmlValue =>
    texts.length > 0
      ? html`<h4>${heading}</h4><ul class="comments">${texts.map((t) => html`<li class="comment">${t}</li>`)}</ul>`
      : '';
  const commentGroups = groups.filter((g) => g.comments.keep.length + g.comments.change.length > 0);
  const plan = (report.developmentPlan ?? []).filter((item) => item.suggestions.length > 0);

  return html`<section aria-labelledby="report-title">
<h2 id="report-title">The report ${input.leaderName} received</h2>
<p class="muted">Anonymised group results only, exactly as emailed: no readiness score, no recommendation.</p>
${chart}
<h3>Self against others</h3>
${gaps.length > 0 ? gapChart({ id: 'report-gaps', gaps }) : html`<p>No competency where self and others differ by a full point or more.</p>`}
<div class="chart-pair"><div><h3>Hidden strengths</h3>
${list(
  hidden.map((g) => `${g.label}: self ${fixed(g.self)}, others ${fixed(g.others)}`),
  'None this quarter.',
)}</div>
<div><h3>Blind spots</h3>
${list(
  blind.map((g) => `${g.label}: self ${fixed(g.self)}, others ${fixed(g.others)}`),
  'None this quarter.',
)}</div></div>
<div class="chart-pair"><div><h3>Highest items</h3>
${list(
  highest.map((c) => `${c.label}: ${fixed(c.score ?? 0)} of 100`),
  'Not enough answers.',
)}</div>
<div><h3>Lowest items</h3>
${list(
  lowest.map((c) => `${c.label}: ${fixed(c.score ?? 0)} of 100`),
  'Not enough answers.',
)}</div></div>
<h3>Development needs</h3>
${list(
  developmentNeeds.map((n) => `${n.label}${n.score === null ? '' : ` (${fixed(n.score)} of 100)`}`),
  'No competency is below target this quarter.',
)}
${
  plan.length > 0
    ? html`<h3>Suggested training</h3>${list(
        plan.map((p) => `${p.label}: ${p.suggestions.map((s) => s.title).join('; ')}`),
        '',
      )}`
    : ''
}
<h3>Comments, verbatim</h3>
${commentGroups.length > 0 ? commentGroups.map((g) => html`${comments(`Keep doing (${REPORT_GROUP_NAMES[g.group]})`, g.comments.keep)}${comments(`Do differently (${REPORT_GROUP_NAMES[g.group]})`, g.comments.change)}`) : html`<p>No comments could be shown.</p>`}
${report.withheld.length > 0 ? html`<h3>Not shown, to keep answers anonymous</h3>${list(report.withheld, '')}` : ''}
</section>`;
}
