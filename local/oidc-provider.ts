/**
 * A real OpenID provider for the local console (oidc-provider, an OpenID-certified implementation):
 * discovery, authorization code flow with PKCE (required), signed ID tokens, RP-initiated logout.
 * One seed user per console role, with fixed local-only passwords (printed by `ladder local` and in
 * the README). Its ID tokens carry the groups in `cognito:groups`, as the stack's Cognito user pool
 * does, so the console runs with the same settings locally and on AWS.
 */
import { generateKeyPairSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { escapeHtml } from '../functions/rendering/html.ts';
import { PAGE_CSS } from '../functions/rendering/page-style.ts';
import { closeServer, httpUrl, listen, readBody } from './net.ts';
import { createOidcStore } from './oidc-store.ts';

export interface SeedUser {
  subject: string;
  name: string;
  email: string;
  password: string;
  groups: string[];
  /** What the account is for, printed next to it. */
  note: string;
}

/**
 * The seed users. The manager is Ada Okafor, the manager of team North in examples/roster.csv and
 * in the demo's organisation: the console matches managers to the roster by email address.
 */
export const SEED_USERS: readonly SeedUser[] = [
  {
    subject: 'local-hr-admin',
    name: 'Hana Admin',
    email: 'hana.admin@hr.ladder.example',
    password: 'ladder-hr-admin',
    groups: ['hr-admin'],
    note: 'HR admin: everything',
  },
  {
    subject: 'local-hr-viewer',
    name: 'Victor Viewer',
    email: 'victor.viewer@hr.ladder.example',
    password: 'ladder-hr-viewer',
    groups: ['hr-viewer'],
    note: 'HR viewer: sees everything, changes nothing',
  },
  {
    subject: 'local-manager',
    name: 'Ada Okafor',
    email: 'ada.okafor.1@demo.ladder.example',
    password: 'ladder-manager',
    groups: ['manager'],
    note: 'manager of team North (examples/roster.csv, the demo)',
  },
];

export const LOCAL_CLIENT_ID = 'ladder-console-local';
export const GROUPS_CLAIM = 'cognito:groups';

export interface LocalOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  users: readonly SeedUser[];
  close(): Promise<void>;
}

export interface LocalOidcOptions {
  host?: string;
  /** 0 (default) picks a free port; `ladder local` uses 8090. */
  port?: number;
  /** `http://127.0.0.1:3000/console`: where sign-in returns and sign-out lands. */
  consoleUrl: string;
  users?: readonly SeedUser[];
}

function shell(title: string, body: string, formTargets: string[], css = ''): string {
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'self' ${formTargets.join(' ')}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)} – Ladder local sign-in</title>
<style>${PAGE_CSS}${css}</style>
</head>
<body>
<main id="main">
${body}
<footer><p>Ladder – local OpenID provider for development (not for production)</p></footer>
</main>
</body>
</html>`;
}

function loginPage(
  uid: string,
  email: string,
  error: string | undefined,
  users: readonly SeedUser[],
  targets: string[],
) {
  const summary = error
    ? `<div class="error-summary" role="alert" tabindex="-1" id="error-summary"><h2>There is a problem</h2><ul><li><a href="#email">${escapeHtml(error)}</a></li></ul></div>`
    : '';
  return shell(
    error ? 'Error: Sign in' : 'Sign in',
    `${summary}<h1>Sign in to the Ladder console</h1>
<p>This is the local identity provider that <code>ladder local</code> starts. Its accounts:</p>
<ul>${users.map((u) => `<li>${escapeHtml(u.email)} – ${escapeHtml(u.note)}</li>`).join('')}</ul>
<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="on">
<div class="field${error ? ' has-error' : ''}"><label class="block" for="email">Email address</label>
<input class="text" type="email" id="email" name="email" value="${escapeHtml(email)}" autocomplete="username" required${error ? ' aria-invalid="true"' : ''}></div>
<div class="field"><label class="block" for="password">Password</label>
<input class="text" type="password" id="password" name="password" autocomplete="current-password" required></div>
<div class="actions"><button type="submit" class="button-primary">Sign in</button></div>
</form>
`,
    targets,
    'input.text{display:block;width:100%;min-height:3rem;padding:.5rem;font:inherit;border:2px solid #6b6b6b;border-radius:.25rem;margin:0 0 1rem}',
  );
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export async function startOidcProvider(options: LocalOidcOptions): Promise<LocalOidcProvider> {
  const host = options.host ?? '127.0.0.1';
  const users = options.users ?? SEED_USERS;
  const server = createServer();
  const port = await listen(server, options.port ?? 0, host);
  const issuer = httpUrl(host, port);
  const consoleOrigin = new URL(options.consoleUrl).origin;
  const clientSecret = randomBytes(32).toString('base64url');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: 'jwk' }),
    kid: randomBytes(8).toString('hex'),
    alg: 'RS256',
    use: 'sig',
  };
  const bySubject = new Map(users.map((u) => [u.subject, u]));

  const provider = new Provider(issuer, {
    adapter: createOidcStore(),
    clients: [
      {
        client_id: LOCAL_CLIENT_ID,
        client_secret: clientSecret,
        client_name: 'Ladder console (local)',
        redirect_uris: [`${options.consoleUrl}/auth/callback`],
        post_logout_redirect_uris: [`${options.consoleUrl}/auth/signed-out`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile'],
    claims: { openid: ['sub', GROUPS_CLAIM], email: ['email', 'email_verified'], profile: ['name'] },
    // Like Cognito: the requested scopes' claims are in the ID token itself.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 600,
      IdToken: 3600,
      Interaction: 3600,
      Session: 28_800,
      Grant: 28_800,
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // A first-party client: no consent screen, the grant covers what the console asks for.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const clientId = ctx.oidc.client?.clientId ?? '';
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ accountId: ctx.oidc.session.accountId, clientId });
      grant.addOIDCScope('openid email profile');
      grant.addOIDCClaims(['sub', 'email', 'email_verified', 'name', GROUPS_CLAIM]);
      await grant.save();
      return grant;
    },
    findAccount: async (_ctx: unknown, sub: string) => {
      const user = bySubject.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: user.email,
          email_verified: true,
          name: user.name,
          [GROUPS_CLAIM]: user.groups,
        }),
      };
    },
    renderError: async (ctx: KoaContextWithOIDC, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = shell(
        'Sign-in error',
        `<h1>Sign-in error</h1><p>${escapeHtml(out.error_description ?? out.error ?? 'Something went wrong.')}</p>`,
        [consoleOrigin],
      );
    },
  });

  async function logoutSource(ctx: KoaContextWithOIDC, form: string) {
    ctx.body = shell(
      'Sign out',
      `<h1>Sign out of the local identity provider?</h1>
<p>You are signed out of the Ladder console already. Sign out here too, so the next sign-in asks for a password again.</p>
${form}
<div class="actions"><button type="submit" form="op.logoutForm" name="logout" value="yes" class="button-primary">Sign out</button>
<button type="submit" form="op.logoutForm" class="button-secondary">Stay signed in here</button></div>`,
      [consoleOrigin],
    );
  }

  async function postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
    ctx.body = shell(
      'Signed out',
      `<h1>You are signed out</h1><p><a href="${escapeHtml(options.consoleUrl)}/">Back to the Ladder console</a></p>`,
      [consoleOrigin],
    );
  }

  const oidc = provider.callback();
  const send = (res: ServerResponse, status: number, html: string) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  };

  async function interaction(
    req: IncomingMessage,
    res: ServerResponse,
    uid: string,
    action: string | undefined,
  ) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid)
      return send(
        res,
        400,
        loginPage(uid, '', 'This sign-in has expired: start again.', users, [consoleOrigin]),
      );
    if (req.method === 'GET' && !action)
      return send(res, 200, loginPage(uid, '', undefined, users, [consoleOrigin]));
    if (req.method === 'POST' && action === 'login') {
      const { body } = await readBody(req, 16 * 1024);
      const form = new URLSearchParams(body.toString('utf8'));
      const email = (form.get('email') ?? '').trim();
      const password = form.get('password') ?? '';
      const user = users.find((u) => u.email.toLowerCase() === email.toLowerCase());
      if (!user || !sameText(user.password, password)) {
        return send(
          res,
          400,
          loginPage(uid, email, 'The email address or the password is not right.', users, [consoleOrigin]),
        );
      }
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.subject } },
        { mergeWithLastSubmission: false },
      );
    }
    return send(res, 405, loginPage(uid, '', 'This page cannot be used this way.', users, [consoleOrigin]));
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([^/?]+)(?:\/([^/?]+))?/.exec(req.url ?? '');
    if (!match) return oidc(req, res);
    interaction(req, res, decodeURIComponent(match[1]!), match[2]).catch((error: Error) => {
      if (!res.headersSent)
        send(
          res,
          400,
          loginPage(
            '',
            '',
            `This sign-in cannot continue (${error.name}): start again from the console.`,
            users,
            [consoleOrigin],
          ),
        );
    });
  });

  return {
    issuer,
    clientId: LOCAL_CLIENT_ID,
    clientSecret,
    users,
    close: () => closeServer(server),
  };
}
