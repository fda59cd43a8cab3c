/**
 * The console's downloads (`/console/exports/{quarter}/{file}`): CSV, JSON, XLSX and the
 * SuccessFactors file, built by the same code as `ladder export`. Reads only.
 */
import { consoleHandler } from '../console/http/handler.ts';
import { downloadRoutes } from '../console/pages/downloads.ts';

export const handler = consoleHandler(downloadRoutes);
