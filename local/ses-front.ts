/**
 * The local SES as the SDK sees it: an HTTP front in front of aws-ses-v2-local that speaks SES's v1
 * Query API the way a real account answers it. For every call it
 *
 * 1. applies the SES faults of the injector (local/faults.ts): a reset before SES read the request,
 *    throttling, 5xx, a sustained throttling window, an answer lost after SES accepted;
 * 2. answers `GetSendQuota` itself from the account (aws-ses-v2-local does not implement it);
 * 3. checks each `SendEmail` / `SendRawEmail` against the account (local/ses-account.ts): addresses,
 *    verified identities, the send rate and the daily quota — refusing with SES's own error shapes;
 * 4. forwards what the account admits to aws-ses-v2-local (which stores the email for the viewer and
 *    the tests), records the message and its tags, and publishes its Send and Delivery events.
 *
 * The web viewer and the mail store (`GET /`, `GET /store`, `POST /clear-store`) pass through
 * untouched: they are tooling, not the SES API.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type FaultInjector, forwarder, readRequest, relay } from './faults.ts';
import { closeServer, httpUrl, listen } from './net.ts';
import { isSesError, type SesAccount, type SesError } from './ses-account.ts';
import type { SesEventPublisher, SesSendLog } from './ses-events.ts';

export interface SesFrontOptions {
  /** aws-ses-v2-local. */
  upstream: string;
  account: SesAccount;
  injector: FaultInjector;
  /** Where accepted messages are recorded (id, tags: for events and tests). */
  sentMessages: SesSendLog;
  /** Publishes Send and Delivery events of accepted messages. */
  events?: SesEventPublisher;
  host?: string;
  port?: number;
}

export interface SesFront {
  endpoint: string;
  close(): Promise<void>;
}

const XMLNS = 'http://ses.amazonaws.com/doc/2010-12-01/';
const SEND_ACTIONS = new Set(['SendEmail', 'SendRawEmail']);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An SES Query API error document. */
export function sesErrorXml(error: SesError, requestId = randomUUID()): string {
  return `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${error.type}</Type><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

function sendSesError(response: ServerResponse, error: SesError): void {
  const requestId = randomUUID();
  const body = sesErrorXml(error, requestId);
  response.writeHead(error.status, {
    'content-type': 'text/xml',
    'x-amzn-requestid': requestId,
    'content-length': String(Buffer.byteLength(body)),
  });
  response.end(body);
}

function sendXml(response: ServerResponse, body: string): void {
  response.writeHead(200, {
    'content-type': 'text/xml',
    'x-amzn-requestid': randomUUID(),
    'content-length': String(Buffer.byteLength(body)),
  });
  response.end(body);
}

/** Recipients of a SendEmail (To, Cc, Bcc) or SendRawEmail (Destinations, else the raw headers). */
export function recipientsOf(form: URLSearchParams): string[] {
  const members = (prefix: string) => {
    const list: string[] = [];
    for (let i = 1; form.has(`${prefix}.member.${i}`); i++) list.push(form.get(`${prefix}.member.${i}`)!);
    return list;
  };
  if (form.get('Action') === 'SendRawEmail') {
    const listed = members('Destinations');
    if (listed.length > 0) return listed;
    const raw = Buffer.from(form.get('RawMessage.Data') ?? '', 'base64').toString('utf8');
    const headers = raw.split(/\r?\n\r?\n/)[0] ?? '';
    return [...headers.matchAll(/^(?:To|Cc|Bcc):(.*)$/gim)].flatMap((match) =>
      match[1]!
        .split(',')
        .map((address) => address.trim())
        .filter(Boolean),
    );
  }
  return ['ToAddresses', 'CcAddresses', 'BccAddresses'].flatMap((field) => members(`Destination.${field}`));
}

/** Message tags of a send, `{ name: value }`. */
function tagsOf(form: URLSearchParams): Record<string, string> {
  const tags: Record<string, string> = {};
  for (let i = 1; form.has(`Tags.member.${i}.Name`); i++) {
    tags[form.get(`Tags.member.${i}.Name`)!] = form.get(`Tags.member.${i}.Value`) ?? '';
  }
  return tags;
}

function sourceOf(form: URLSearchParams): string {
  const source = form.get('Source');
  if (source) return source;
  const raw = Buffer.from(form.get('RawMessage.Data') ?? '', 'base64').toString('utf8');
  return /^From:(.*)$/im.exec(raw.split(/\r?\n\r?\n/)[0] ?? '')?.[1]?.trim() ?? '';
}

export async function startSesFront(options: SesFrontOptions): Promise<SesFront> {
  const host = options.host ?? '127.0.0.1';
  const upstream = await forwarder(options.upstream);
  const { account, injector } = options;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readRequest(request);
    const method = request.method ?? 'GET';
    const path = request.url ?? '/';
    const isApiCall = method === 'POST' && path === '/';
    if (!isApiCall) {
      if (method === 'POST' && path.startsWith('/v2/')) {
        sendSesError(response, {
          status: 400,
          type: 'Sender',
          code: 'InvalidAction',
          message: 'The local SES front speaks the SES v1 (Query) API only.',
        });
        return;
      }
      relay(response, await upstream.forward(method, path, request.headers, body));
      return;
    }
    const form = new URLSearchParams(body.toString('utf8'));
    const action = form.get('Action') ?? '';
    const fault = injector.pick('ses', { operation: action });
    if (fault === 'reset-before') {
      // The connection drops before SES read the request: nothing was sent.
      request.socket.destroy();
      return;
    }
    if (fault === 'throttle') {
      sendSesError(response, {
        status: 400,
        type: 'Sender',
        code: 'Throttling',
        message: 'Maximum sending rate exceeded.',
      });
      return;
    }
    if (fault === 'server-error') {
      sendSesError(response, {
        status: 503,
        type: 'Receiver',
        code: 'ServiceUnavailable',
        message: 'Service unavailable (local fault injection)',
      });
      return;
    }
    if (SEND_ACTIONS.has(action) && injector.sesThrottled({ operation: action, payload: tagsOf(form) })) {
      sendSesError(response, {
        status: 400,
        type: 'Sender',
        code: 'Throttling',
        message: 'Maximum sending rate exceeded.',
      });
      return;
    }

    if (action === 'GetSendQuota') {
      const quota = account.getSendQuota();
      if (isSesError(quota)) return sendSesError(response, quota);
      sendXml(
        response,
        `<GetSendQuotaResponse xmlns="${XMLNS}"><GetSendQuotaResult><SentLast24Hours>${quota.SentLast24Hours.toFixed(1)}</SentLast24Hours><Max24HourSend>${quota.Max24HourSend.toFixed(1)}</Max24HourSend><MaxSendRate>${quota.MaxSendRate.toFixed(1)}</MaxSendRate></GetSendQuotaResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetSendQuotaResponse>`,
      );
      return;
    }

    if (!SEND_ACTIONS.has(action)) {
      relay(response, await upstream.forward(method, path, request.headers, body));
      return;
    }
    const admission = account.admit(sourceOf(form), recipientsOf(form));
    if (isSesError(admission)) return sendSesError(response, admission);
    let result: Awaited<ReturnType<typeof upstream.forward>>;
    try {
      result = await upstream.forward(method, path, request.headers, body);
    } catch (error) {
      admission.cancel();
      throw error;
    }
    const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(result.body.toString('utf8'))?.[1];
    if (result.status !== 200 || !messageId) {
      admission.cancel();
      relay(response, result);
      return;
    }
    const message = options.sentMessages.record(form, messageId);
    options.events?.accepted(message);
    if (fault === 'response-lost') {
      // SES accepted the email; its answer never arrives.
      await sleep(injector.timeoutMs);
      request.socket.destroy();
      return;
    }
    relay(response, result);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      if (!response.headersSent) {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(`local SES front: upstream failed: ${error.message}`);
      } else {
        response.destroy();
      }
    });
  });
  const port = await listen(server, options.port ?? 0, host);
  return {
    endpoint: httpUrl(host, port),
    close: async () => {
      await closeServer(server);
      upstream.close();
    },
  };
}
