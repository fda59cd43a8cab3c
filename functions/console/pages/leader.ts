/**
 * One leader in one quarter. HR sees the report the leader received, the HR-only fields (scores,
 * confidence, reasons, flags) and the evidence behind the recommendation (answers per group,
 * declines, sales figures, rater calibration, the trend), HR's decisions with their history, and
 * (hr-admin) the form to accept or override the recommendation. A manager sees what their team
 * summary shows, for their own teams only; any other leader is "not found".
 */
import { DEFAULT_CONFIG } from '../../core/config.ts';
import { type DecisionProblem, latestDecisions, reasonsFor } from '../../core/decisions.ts';
import { trendInWords } from '../../core/export-words.ts';
import { DECISION_LABELS, flagLabel, RECOMMENDATION_LABELS, recommendationLabel } from '../../core/labels.ts';
import { RECOMMENDATIONS } from '../../core/model.ts';
import { type HtmlValue, html, type SafeHtml } from '../../rendering/html.ts';
import { guardedLeaderReport } from '../../shared/leader-report.ts';
import { leaderDecisions, toDecision } from '../../shared/store/decision-store.ts';
import type { RecommendationItem } from '../../shared/store/items.ts';
import { getRecommendations, leaderHistory } from '../../shared/store/result-store.ts';
import { allows } from '../auth/roles.ts';
import { inScope } from '../auth/scope.ts';
import { trendChart } from '../charts/lines.ts';
import { dataTable, fixed } from '../charts/svg.ts';
import { type ConsoleResponse, htmlResponse } from '../http/response.ts';
import type { Route, RouteContext, SignedIn } from '../http/router.ts';
import { GROUP_NAMES } from './cycle-progress.ts';
import { csrfField, dateTime, link, percent, problemList, quarterParam, score } from './format.ts';
import { consolePage, messagePage } from './layout.ts';
import { leaderReportSection } from './leader-report.ts';
import { chooseQuarter, recentCycles } from './quarters.ts';

export interface DecisionFormState {
  values: Record<string, string>;
  problems: DecisionProblem[];
}

function facts(rows: [string, HtmlValue][]): SafeHtml {
  return html`<dl class="facts">${rows.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`)}</dl>`;
}

function decisionForm(
  context: RouteContext & { auth: SignedIn },
  rec: RecommendationItem,
  state?: DecisionFormState,
): SafeHtml {
  const { settings, auth } = context;
  const values = state?.values ?? {};
  const problems = state?.problems ?? [];
  const error = (field: DecisionProblem['field']) => {
    const messages = problems.filter((p) => p.field === field).map((p) => p.message);
    return messages.length > 0
      ? html`<p class="field-error" id="${field}-error"><span class="visually-hidden">Error: </span>${messages.join(' ')}</p>`
      : '';
  };
  const invalid = (field: DecisionProblem['field']) =>
    problems.some((p) => p.field === field)
      ? html` aria-invalid="true" aria-describedby="${field}-error"`
      : '';
  const reasonOption = (reason: { id: string; label: string }) =>
    html`<option value="${reason.id}"${values.reasonCode === reason.id ? html` selected` : ''}>${reason.label}</option>`;
  const action = values.action ?? '';
  return html`<form method="post" action="${settings.basePath}/calibration/${encodeURIComponent(rec.leaderId)}" class="decision-form" id="decision-form">
${
  problems.length > 0
    ? problemList(
        'The decision was not recorded',
        problems.map((p) => p.message),
      )
    : ''
}
${csrfField(auth.user.csrfToken)}
<input type="hidden" name="quarter" value="${rec.quarter}">
<input type="hidden" name="modelRecommendation" value="${rec.recommendation}">
${error('modelRecommendation')}
<fieldset${problems.some((p) => p.field === 'action') ? html` aria-describedby="action-error"` : ''}><legend>Your decision on “${recommendationLabel(rec.recommendation)}”</legend>
${error('action')}
<label class="radio"><input type="radio" name="action" value="accept"${action === 'accept' ? html` checked` : ''}> Accept the recommendation</label>
<label class="radio"><input type="radio" name="action" value="override"${action === 'override' ? html` checked` : ''}> Override it</label>
</fieldset>
<div class="field"><label for="finalRecommendation">Final recommendation, when overriding</label>
${error('finalRecommendation')}
<select id="finalRecommendation" name="finalRecommendation"${invalid('finalRecommendation')}><option value="">Choose…</option>${RECOMMENDATIONS.filter(
    (r) => r !== rec.recommendation,
  ).map(
    (r) =>
      html`<option value="${r}"${values.finalRecommendation === r ? html` selected` : ''}>${RECOMMENDATION_LABELS[r]}</option>`,
  )}</select></div>
<div class="field"><label for="reasonCode">Reason</label>
${error('reasonCode')}
<select id="reasonCode" name="reasonCode"${invalid('reasonCode')}><option value="">Choose…</option>
<optgroup label="To accept">${reasonsFor(DEFAULT_CONFIG, 'accept')
    .filter((r) => r.for.length === 1)
    .map(reasonOption)}</optgroup>
<optgroup label="To override">${reasonsFor(DEFAULT_CONFIG, 'override')
    .filter((r) => r.for.length === 1)
    .map(reasonOption)}</optgroup>
<optgroup label="Either">${DEFAULT_CONFIG.decisions.reasons.filter((r) => r.for.length > 1).map(reasonOption)}</optgroup>
</select></div>
<div class="field"><label for="note">Note</label>
<p class="hint" id="note-hint">Required to override; at most 1,000 characters. Part of the record and of the export.</p>
${error('note')}
<textarea id="note" name="note" class="note" rows="3" maxlength="1000" aria-describedby="note-hint${problems.some((p) => p.field === 'note') ? ' note-error' : ''}"${problems.some((p) => p.field === 'note') ? html` aria-invalid="true"` : ''}>${values.note ?? ''}</textarea></div>
<button type="submit" class="button-primary">Record the decision</button>
</form>`;
}

export async function leaderPage(
  context: RouteContext & { auth: SignedIn },
  status = 200,
  formState?: DecisionFormState,
  quarterOverride?: string,
): Promise<ConsoleResponse> {
  const { settings, request, now, auth } = context;
  const leaderId = request.params.leaderId ?? '';
  const notFound = () =>
    htmlResponse(
      404,
      messagePage({
        title: 'Leader not found',
        basePath: settings.basePath,
        user: auth.user,
        section: 'readiness',
        heading: 'Leader not found',
        paragraphs: ['There is no such leader in this quarter, or not in the teams you may see.'],
      }),
    );
  const cycles = await recentCycles(now);
  const quarter = quarterOverride ?? chooseQuarter(quarterParam(request.query), cycles);
  if (!quarter) return notFound();
  const [rec] = await getRecommendations(quarter, [leaderId]);
  if (!rec || !inScope(auth.scope, rec.managerId)) return notFound();
  const hr = allows(auth.user.roles, 'hr');
  const [guarded, decisionItems, history] = await Promise.all([
    hr ? guardedLeaderReport(quarter, leaderId, rec) : Promise.resolve(undefined),
    hr ? leaderDecisions(quarter, leaderId) : Promise.resolve([]),
    leaderHistory(leaderId),
  ]);
  const decisions = decisionItems.map(toDecision);
  const decision = latestDecisions(decisions).get(leaderId);
  const decided = request.query.get('decided') === '1';

  const summary = facts([
    ['Team', rec.team],
    [
      'Readiness',
      html`${score(rec.readinessScore)} of 100${rec.confidence?.readiness.margin != null ? html` (± ${fixed(rec.confidence.readiness.margin)}, confidence ${rec.confidence.level})` : ''}`,
    ],
    ['Model recommendation', recommendationLabel(rec.recommendation)],
    ...(hr
      ? ([
          [
            'Final recommendation',
            decision
              ? html`<strong>${recommendationLabel(decision.finalRecommendation)}</strong> (${DECISION_LABELS[decision.action].toLowerCase()} by ${decision.decidedBy.name}, ${dateTime(decision.decidedAt)})`
              : html`<span class="muted">Not yet decided by HR</span>`,
          ],
        ] as [string, HtmlValue][])
      : []),
    ['Flags', rec.flags.length > 0 ? rec.flags.map(flagLabel).join(', ') : 'None'],
    [
      'Development needs',
      rec.developmentNeeds.length > 0
        ? rec.developmentNeeds.map((n) => n.label).join(', ')
        : 'None below target',
    ],
  ]);
  const quarters = history
    .map((h) => h.quarter)
    .sort()
    .reverse();
  const evidence = html`<section aria-labelledby="evidence-title">
<h2 id="evidence-title">Evidence behind the recommendation</h2>
<h3>Why</h3>
<ul>${rec.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>
${dataTable({
  caption: 'Scores (0–100)',
  columns: [{ label: 'Score' }, { label: 'Value', numeric: true }, { label: 'Margin (±)', numeric: true }],
  rows: [
    [
      'Readiness',
      score(rec.readinessScore),
      rec.confidence?.readiness.margin != null ? fixed(rec.confidence.readiness.margin) : '—',
    ],
    [
      'Coaching',
      score(rec.coachingScore),
      rec.confidence?.coaching.margin != null ? fixed(rec.confidence.coaching.margin) : '—',
    ],
    [
      'Management',
      score(rec.managementScore),
      rec.confidence?.management.margin != null ? fixed(rec.confidence.management.margin) : '—',
    ],
  ],
})}
${dataTable({
  caption: 'Answers counted',
  columns: [{ label: 'Rater group' }, { label: 'Answered', numeric: true }],
  rows: [
    ...(['self', 'manager', 'coachee', 'peer'] as const).map((g) => [GROUP_NAMES[g], rec.responses[g]]),
    ['Declined', rec.declined],
    ['Expired unanswered', rec.expired],
  ],
})}
${facts([
  [
    'Own sales attainment',
    rec.sales?.ownRecent != null
      ? html`${percent(rec.sales.ownRecent, 1)} of quota (recent quarters)`
      : 'No sales figures',
  ],
  [
    'Coaching impact',
    rec.sales?.coachingImpact != null
      ? `${fixed(rec.sales.coachingImpact)} percentage points`
      : 'Not enough figures',
  ],
  [
    'Rater calibration',
    rec.calibration
      ? `${rec.calibration.ratersAdjusted} raters adjusted for leniency; readiness moved ${rec.calibration.readinessShift === null ? 'n/a' : `${fixed(rec.calibration.readinessShift)} points`}`
      : 'None',
  ],
  ['Trend', rec.trend ? trendInWords(rec.trend) : 'No history'],
  ['Configuration', rec.configVersion],
])}
${rec.trend && rec.trend.points.length > 0 ? trendChart({ id: 'trend', title: `Readiness by quarter: ${rec.leaderName}`, points: rec.trend.points }) : ''}
${quarters.length > 1 ? html`<p>Other quarters: ${quarters.filter((q) => q !== quarter).map((q, i) => html`${i > 0 ? ', ' : ''}<a href="${link(`${settings.basePath}/leaders/${encodeURIComponent(leaderId)}`, { quarter: q })}">${q}</a>`)}</p>` : ''}
</section>`;
  const decisionSection = hr
    ? html`<section aria-labelledby="decision-title" id="decision">
<h2 id="decision-title">Calibration decision</h2>
${decided ? html`<div class="ok" role="status"><p><strong>Your decision was recorded.</strong></p></div>` : ''}
${allows(auth.user.roles, 'admin') ? decisionForm(context, rec, formState) : html`<p>Only an HR admin can record decisions.</p>`}
<h3>History</h3>
${
  decisions.length > 0
    ? dataTable({
        caption: 'Decisions, newest first',
        hideCaption: true,
        columns: [
          { label: 'When (UTC)' },
          { label: 'Who' },
          { label: 'Decision' },
          { label: 'Reason' },
          { label: 'Note' },
        ],
        rows: [...decisions]
          .reverse()
          .map((d) => [
            dateTime(d.decidedAt),
            `${d.decidedBy.name} (${d.decidedBy.email})`,
            `${DECISION_LABELS[d.action]}: ${recommendationLabel(d.modelRecommendation)} → ${recommendationLabel(d.finalRecommendation)}`,
            d.reasonLabel,
            html`<span class="comment">${d.note || '—'}</span>`,
          ]),
      })
    : html`<p>No decision yet.</p>`
}
</section>`
    : '';

  const body = html`<h1>${rec.leaderName}, ${quarter}</h1>
${summary}
${allows(auth.user.roles, 'admin') ? html`<p><a href="${link(`${settings.basePath}/promotions`, { id: leaderId })}#record-title">Record a promotion or another move of ${rec.leaderName}</a></p>` : ''}
${hr ? decisionSection : ''}
${hr && guarded ? leaderReportSection({ leaderName: rec.leaderName, guarded, competencies: rec.competencies }) : ''}
${hr ? evidence : html`<p>${rec.trend ? trendInWords(rec.trend) : ''}</p>${rec.trend && rec.trend.points.length > 0 ? trendChart({ id: 'trend', title: `Readiness by quarter: ${rec.leaderName}`, points: rec.trend.points }) : ''}`}`;
  return htmlResponse(
    status,
    consolePage({
      title: `${formState?.problems.length ? 'Error: ' : ''}${rec.leaderName} ${quarter}`,
      basePath: settings.basePath,
      user: auth.user,
      section: 'readiness',
      body,
    }),
  );
}

export const leaderRoutes: Route[] = [
  { method: 'GET', path: '/leaders/{leaderId}', access: 'any', handle: (context) => leaderPage(context) },
];
