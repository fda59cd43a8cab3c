/**
 * The console's roster page and its uploads (`/console/roster`, `/console/roster/sales`): the only
 * console function that writes the roster and the sales figures (functions/console/pages/roster.ts).
 */
import { consoleHandler } from '../console/http/handler.ts';
import { rosterRoutes } from '../console/pages/roster.ts';

export const handler = consoleHandler(rosterRoutes);
