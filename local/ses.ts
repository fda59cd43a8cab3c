/**
 * Local SES: aws-ses-v2-local in-process. It accepts port 0 (Express passes it to `listen`), so the
 * bound port is read back from the server. Its mail store is module-global: every instance in one
 * process shares the same store.
 */
import type { Server } from 'node:http';
import { persistMailStore } from './mail-persistence.ts';
import { boundPort, closeServer, httpUrl, keepConnectionsLikeAws } from './net.ts';

export interface LocalSesOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Keep the mail store in this file across restarts (local/mail-persistence.ts). */
  mailFile?: string;
}

export interface LocalSes {
  endpoint: string;
  /** The library's web viewer of sent mail. */
  viewerUrl: string;
  close(): Promise<void>;
}

/** One email as aws-ses-v2-local stores it (`at` is epoch seconds). */
export interface StoredEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments: { content: string; contentType: string; filename?: string; size: number }[];
  at: number;
}

type StartServer = (config: { host: string; port: number }) => Promise<Server>;

async function loadServerFactory(): Promise<StartServer> {
  // A CommonJS module with `__esModule`: Node puts its exports under `default`, bundlers unwrap it.
  const mod = (await import('aws-ses-v2-local')) as unknown as {
    default: StartServer | { default: StartServer };
  };
  return typeof mod.default === 'function' ? mod.default : mod.default.default;
}

export async function startSes(options: LocalSesOptions = {}): Promise<LocalSes> {
  const host = options.host ?? '127.0.0.1';
  const start = await loadServerFactory();
  const server = await start({ host, port: options.port ?? 0 });
  // On EADDRINUSE the library still resolves, with a server that is not listening.
  if (!server.listening) throw new Error(`Local SES could not listen on ${host}:${options.port}`);
  keepConnectionsLikeAws(server);
  if (options.mailFile) await persistMailStore(server, options.mailFile);
  const endpoint = httpUrl(host, boundPort(server));
  return { endpoint, viewerUrl: `${endpoint}/`, close: () => closeServer(server) };
}

/** Emails sent so far, optionally only those sent at or after `since` (Date or epoch seconds). */
export async function readMailStore(
  endpoint: string,
  since?: Date | number,
): Promise<{ emails: StoredEmail[] }> {
  const url = new URL('/store', endpoint);
  if (since !== undefined) {
    const seconds = since instanceof Date ? Math.floor(since.getTime() / 1000) : Math.floor(since);
    url.searchParams.set('since', String(seconds));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return { emails };
}

/** Empties the mail store (and the library's template store). */
export async function clearMailStore(endpoint: string): Promise<void> {
  const response = await fetch(new URL('/clear-store', endpoint), { method: 'POST' });
  if (!response.ok) throw new Error(`POST /clear-store → ${response.status}`);
}
