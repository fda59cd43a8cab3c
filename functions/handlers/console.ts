/**
 * The web console's pages (HTTP API `/console/*`): readiness, bench strength, a leader, calibration,
 * the export list, promotions with the validity figure, and a cycle's emails. The other console functions serve the rest, each with its own role: sign-in
 * callback and sign-out (ConsoleAuth), cycles (ConsoleCycles), roster uploads (ConsoleRoster) and
 * downloads (ConsoleExport); all are built from functions/console/.
 */
import { consoleHandler } from '../console/http/handler.ts';
import { benchRoutes } from '../console/pages/bench.ts';
import { calibrationRoutes } from '../console/pages/calibration.ts';
import { cycleEmailRoutes } from '../console/pages/cycle-emails.ts';
import { exportPageRoutes } from '../console/pages/exports.ts';
import { homeRoutes } from '../console/pages/home.ts';
import { leaderRoutes } from '../console/pages/leader.ts';
import { promotionRoutes } from '../console/pages/promotions.ts';
import { readinessRoutes } from '../console/pages/readiness.ts';

export const routes = [
  ...homeRoutes,
  ...readinessRoutes,
  ...benchRoutes,
  ...leaderRoutes,
  ...calibrationRoutes,
  ...exportPageRoutes,
  ...promotionRoutes,
  ...cycleEmailRoutes,
];

export const handler = consoleHandler(routes);
