/**
 * The OpenID provider's metadata, discovered once per process (oauth4webapi, an OpenID-certified
 * relying-party library). On plain HTTP only when the settings allow it: the local provider.
 */
import * as oauth from 'oauth4webapi';
import type { ConsoleSettings } from '../settings.ts';

let cached: { issuer: string; server: Promise<oauth.AuthorizationServer> } | undefined;

/** Options for every request to the provider (HTTP allowed only for the local one). */
export function requestOptions(settings: ConsoleSettings) {
  return settings.allowHttp ? { [oauth.allowInsecureRequests]: true } : {};
}

export function authorizationServer(settings: ConsoleSettings): Promise<oauth.AuthorizationServer> {
  if (cached?.issuer !== settings.issuer) {
    const issuer = new URL(settings.issuer);
    const server = oauth
      .discoveryRequest(issuer, { algorithm: 'oidc', ...requestOptions(settings) })
      .then((response) => oauth.processDiscoveryResponse(issuer, response));
    // A failed discovery is not kept: the next request tries again.
    server.catch(() => {
      if (cached?.server === server) cached = undefined;
    });
    cached = { issuer: settings.issuer, server };
  }
  return cached.server;
}

export function oauthClient(settings: ConsoleSettings): oauth.Client {
  return { client_id: settings.clientId };
}

export function callbackUrl(settings: ConsoleSettings): string {
  return `${settings.baseUrl}/auth/callback`;
}

export function signedOutUrl(settings: ConsoleSettings): string {
  return `${settings.baseUrl}/auth/signed-out`;
}
