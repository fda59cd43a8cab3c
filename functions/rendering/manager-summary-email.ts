/** The manager's team summary email, in the manager's language. */
import type { CompetencyScore, Recommendation } from '../core/model.ts';
import { MANAGER_SUMMARY_MESSAGES } from '../i18n/catalogues.ts';
import { emailBarCell } from './email-charts.ts';
import {
  type EmailLanguage,
  emailDocument,
  emailLocaliser,
  joinText,
  type RenderedEmail,
  textSignature,
} from './emails.ts';
import { html, oneLine, EMAIL_STYLE as S } from './html.ts';
import { competencyNamer, flagLabel, recommendationLabel } from './report-email-labels.ts';

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
