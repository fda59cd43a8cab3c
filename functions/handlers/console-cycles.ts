/**
 * The console's cycles pages (`/console/cycles`, `/console/cycles/{quarter}`): progress of each cycle
 * and starting one. The only console function that may start or describe a Step Functions execution.
 */
import { consoleHandler } from '../console/http/handler.ts';
import { progressRoutes } from '../console/pages/cycle-progress.ts';
import { cycleRoutes } from '../console/pages/cycles.ts';

export const handler = consoleHandler([...cycleRoutes, ...progressRoutes]);
