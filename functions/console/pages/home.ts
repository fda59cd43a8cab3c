/** `/console/`: HR starts at the cycles, a manager at their teams' readiness. */
import { htmlResponse, redirect } from '../http/response.ts';
import type { Route } from '../http/router.ts';
import { messagePage } from './layout.ts';

export const homeRoutes: Route[] = [
  {
    method: 'GET',
    path: '/',
    access: 'session',
    handle: async ({ settings, auth }) => {
      const roles = auth.user.roles;
      if (roles.includes('hr-admin') || roles.includes('hr-viewer'))
        return redirect(`${settings.basePath}/cycles`);
      if (roles.includes('manager')) return redirect(`${settings.basePath}/readiness`);
      return htmlResponse(
        403,
        messagePage({
          title: 'No Ladder role',
          basePath: settings.basePath,
          user: auth.user,
          heading: 'Your account has no Ladder role',
          paragraphs: [
            'Ask your Ladder administrator to add your account to the hr-admin, hr-viewer or manager group, then sign in again.',
          ],
        }),
      );
    },
  },
];
