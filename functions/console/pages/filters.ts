/** The filter form of the quarter-based pages: a GET form, so it needs no JavaScript. */
import { type HtmlValue, html } from '../../rendering/html.ts';
import { select } from './format.ts';

export function filterForm(input: {
  action: string;
  quarters: string[];
  quarter: string;
  teams: string[];
  team?: string;
  managers?: [string, string][];
  manager?: string;
}): HtmlValue {
  return html`<form method="get" action="${input.action}" class="filters" aria-label="Filters">
${select({ id: 'f-quarter', name: 'quarter', label: 'Quarter', options: input.quarters.map((q) => [q, q]), selected: input.quarter })}
${select({ id: 'f-team', name: 'team', label: 'Team', options: [['', 'All teams'], ...input.teams.map((t): [string, string] => [t, t])], selected: input.team ?? '' })}
${input.managers ? select({ id: 'f-manager', name: 'manager', label: 'Manager', options: [['', 'All managers'], ...input.managers], selected: input.manager ?? '' }) : ''}
<button type="submit" class="button-secondary">Show</button>
</form>`;
}
