/**
 * The downloads (the ConsoleExport function, which only reads): every file is built by
 * functions/shared/exports.ts, the same code as `ladder export`. Managers get their own teams' rows;
 * the SuccessFactors file (a nomination import) is for HR only.
 */
import { isQuarterId } from '../../core/quarter.ts';
import { buildExport, NothingToExportError } from '../../shared/exports.ts';
import { logger } from '../../shared/middleware.ts';
import { allows } from '../auth/roles.ts';
import { type ConsoleResponse, download, htmlResponse } from '../http/response.ts';
import type { Route, RouteContext, SignedIn } from '../http/router.ts';
import { DOWNLOADS, type DownloadName } from './download-list.ts';
import { messagePage } from './layout.ts';

async function downloadFile(context: RouteContext & { auth: SignedIn }): Promise<ConsoleResponse> {
  const { settings, request, auth } = context;
  const quarter = request.params.quarter ?? '';
  const name = request.params.file as DownloadName;
  const spec = Object.hasOwn(DOWNLOADS, name) ? DOWNLOADS[name] : undefined;
  const refuse = (status: number, heading: string, text: string) =>
    htmlResponse(
      status,
      messagePage({
        title: heading,
        basePath: settings.basePath,
        user: auth.user,
        section: 'exports',
        heading,
        paragraphs: [text],
      }),
    );
  if (!spec || !isQuarterId(quarter)) return refuse(404, 'No such file', 'There is no such export.');
  if (!allows(auth.user.roles, spec.access))
    return refuse(403, 'Not allowed', 'Your role does not allow this file.');
  try {
    const file = await buildExport({
      quarter,
      format: spec.format,
      bom: spec.bom,
      ...(auth.scope.managerIds ? { managerScope: auth.scope.managerIds } : {}),
    });
    logger.info('console: export downloaded', { quarter, format: name, rows: file.rows.length });
    return download(file.name, file.contentType, file.body, request.headers['accept-encoding'] ?? '');
  } catch (error) {
    if (error instanceof NothingToExportError) return refuse(404, 'Nothing to export', error.message);
    throw error;
  }
}

export const downloadRoutes: Route[] = [
  { method: 'GET', path: '/exports/{quarter}/{file}', access: 'any', handle: downloadFile },
];
