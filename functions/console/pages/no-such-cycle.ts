/** The 404 page of a cycle page asked for a quarter that has no cycle (or is no quarter at all). */
import { html } from '../../rendering/html.ts';
import type { ConsoleUser } from '../auth/session.ts';
import { type ConsoleResponse, htmlResponse } from '../http/response.ts';
import { messagePage } from './layout.ts';

export function noSuchCycle(basePath: string, user: ConsoleUser): ConsoleResponse {
  return htmlResponse(
    404,
    messagePage({
      title: 'No such cycle',
      basePath,
      user,
      section: 'cycles',
      heading: 'No such cycle',
      paragraphs: [
        html`There is no review cycle for this quarter. <a href="${basePath}/cycles">See all cycles</a>.`,
      ],
    }),
  );
}
