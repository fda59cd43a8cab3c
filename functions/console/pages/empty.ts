/** The page a quarter-based view shows before any cycle was scored. */
import { html } from '../../rendering/html.ts';
import { type ConsoleResponse, htmlResponse } from '../http/response.ts';
import type { RouteContext, SignedIn } from '../http/router.ts';
import { consolePage } from './layout.ts';

export function noQuarterPage(
  context: RouteContext & { auth: SignedIn },
  title: string,
  section: 'readiness' | 'bench' | 'calibration' | 'exports',
): ConsoleResponse {
  const { settings, auth } = context;
  return htmlResponse(
    200,
    consolePage({
      title,
      basePath: settings.basePath,
      user: auth.user,
      section,
      body: html`<h1>${title}</h1><p>No cycle has been scored yet. <a href="${settings.basePath}/cycles">See the cycles</a>.</p>`,
    }),
  );
}
