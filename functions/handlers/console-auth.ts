/**
 * The console's sign-in callback and sign-out (`/console/auth/*`): the only function that reads the
 * OpenID client secret (functions/console/auth/routes.ts).
 */
import { authRoutes } from '../console/auth/routes.ts';
import { consoleHandler } from '../console/http/handler.ts';

export const handler = consoleHandler(authRoutes);
