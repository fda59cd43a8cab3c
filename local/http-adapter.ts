/**
 * A node:http stand-in for an API Gateway HTTP API (Lambda proxy, payload format 2.0): matches a
 * route table, builds the APIGatewayProxyEventV2, calls the handler in-process and writes its result.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FaultInjector } from './faults.ts';
import { invokeLambda, LOCAL_ACCOUNT, type LocalFunction } from './lambda.ts';
import { closeServer, httpUrl, listen, readBody } from './net.ts';

export interface HttpRoute {
  /** `METHOD /path/{param}`, `ANY` for every method, `{name+}` for a greedy last segment. */
  routeKey: string;
  function: LocalFunction;
  /** Larger request bodies get 413 without calling the handler; default: the adapter's limit. */
  bodyLimitBytes?: number;
}

export interface HttpAdapterOptions {
  routes: HttpRoute[];
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Larger request bodies get 413 without calling the handler. Default 64 KiB. */
  bodyLimitBytes?: number;
  /**
   * Injects API/Lambda faults as API Gateway reports them: 503 without calling the handler (Lambda
   * throttled), or 502 after the handler ran (its response lost).
   */
  faults?: FaultInjector;
}

export interface HttpAdapter {
  endpoint: string;
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
/** API Gateway HTTP APIs take request bodies up to 10 MB (larger: 413). */
export const HTTP_API_MAX_BODY_BYTES = 10 * 1024 * 1024;
/**
 * Lambda's invocation payload quota (synchronous: request and response, 6 MB each). API Gateway
 * cannot invoke the function with a larger event, nor return a larger result: it answers 500.
 */
export const LAMBDA_PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024;
const API_ID = 'local';

export interface RouteMatch {
  route: HttpRoute;
  pathParameters: Record<string, string>;
}

/**
 * The route API Gateway picks: a full match before a greedy (`{name+}`) one, the route's own method
 * before ANY, and among greedy routes the longest path. A trailing slash is ignored, as on AWS
 * (`/console/` matches `/console`).
 */
export function matchRoute(routes: HttpRoute[], method: string, path: string): RouteMatch | undefined {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const segments = trimmed.split('/').slice(1);
  const candidates: (RouteMatch & { rank: number[] })[] = [];
  for (const route of routes) {
    const [routeMethod = '', routePath = ''] = route.routeKey.split(' ');
    if (routeMethod !== 'ANY' && routeMethod !== method) continue;
    const pattern = routePath.split('/').slice(1);
    const pathParameters = matchPath(pattern, segments);
    if (!pathParameters) continue;
    const greedy = /\{.+\+\}$/.test(routePath);
    candidates.push({
      route,
      pathParameters,
      rank: [greedy ? 1 : 0, routeMethod === 'ANY' ? 1 : 0, -pattern.length],
    });
  }
  candidates.sort((a, b) => a.rank[0]! - b.rank[0]! || a.rank[1]! - b.rank[1]! || a.rank[2]! - b.rank[2]!);
  const best = candidates[0];
  return best ? { route: best.route, pathParameters: best.pathParameters } : undefined;
}

function matchPath(pattern: string[], segments: string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index];
    const greedy = /^\{(.+)\+\}$/.exec(part);
    if (greedy?.[1] && index === pattern.length - 1) {
      const rest = segments.slice(index).join('/');
      if (!rest) return undefined;
      parameters[greedy[1]] = decode(rest);
      return parameters;
    }
    if (segment === undefined) return undefined;
    const name = /^\{(.+)\}$/.exec(part)?.[1];
    if (name) {
      if (!segment) return undefined;
      parameters[name] = decode(segment);
    } else if (part !== segment) {
      return undefined;
    }
  }
  return pattern.length === segments.length ? parameters : undefined;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Like HTTP APIs (and function URLs), only JSON and text/* bodies reach the handler as text. */
function isTextContent(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type.startsWith('text/') || type === 'application/json' || type.endsWith('+json');
}

export function toEvent(request: IncomingMessage, body: Buffer, match: RouteMatch): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'http://local');
  const rawQueryString = (request.url ?? '').split('?')[1] ?? '';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie')
      headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // API Gateway tells the function how the client reached it; locally that is plain HTTP.
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(request.socket.localPort ?? '');
  headers['x-forwarded-for'] ??= (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const query: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key).join(',');
  const cookies = request.headers.cookie
    ?.split(';')
    .map((cookie) => cookie.trim())
    .filter(Boolean);
  const text = isTextContent(request.headers['content-type']);
  const now = new Date();
  const requestId = randomUUID();
  return {
    version: '2.0',
    routeKey: match.route.routeKey,
    rawPath: url.pathname,
    rawQueryString,
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT,
      apiId: API_ID,
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: match.route.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !text,
  };
}

/** Payload format 2.0: a result without `statusCode` is a 200 JSON body. */
function writeResult(response: ServerResponse, result: unknown): void {
  const structured =
    typeof result === 'object' && result !== null && 'statusCode' in result
      ? (result as APIGatewayProxyStructuredResultV2)
      : {
          statusCode: 200,
          headers: { 'content-type': 'application/json' },
          body: typeof result === 'string' ? result : JSON.stringify(result),
        };
  const body = Buffer.from(structured.body ?? '', structured.isBase64Encoded ? 'base64' : 'utf8');
  for (const [name, value] of Object.entries(structured.headers ?? {}))
    response.setHeader(name, String(value));
  if (structured.cookies?.length) response.setHeader('set-cookie', structured.cookies);
  response.setHeader('content-length', body.length);
  response.writeHead(structured.statusCode ?? 200);
  response.end(body);
}

function writeMessage(response: ServerResponse, status: number, message: string): void {
  writeResult(response, {
    statusCode: status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message }),
  });
}

export async function startHttpAdapter(options: HttpAdapterOptions): Promise<HttpAdapter> {
  const host = options.host ?? '127.0.0.1';
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const server = createServer(async (request, response) => {
    try {
      const path = new URL(request.url ?? '/', 'http://local').pathname;
      const match = matchRoute(options.routes, request.method ?? 'GET', path);
      const { body, tooLarge } = await readBody(request, match?.route.bodyLimitBytes ?? limit);
      if (!match) return writeMessage(response, 404, 'Not Found');
      if (tooLarge) return writeMessage(response, 413, 'Request Entity Too Large');
      const fault = options.faults?.pick('api', { operation: request.method ?? 'GET' });
      if (fault === 'throttle') return writeMessage(response, 503, 'Service Unavailable');
      const event = toEvent(request, body, match);
      if (Buffer.byteLength(JSON.stringify(event)) > LAMBDA_PAYLOAD_LIMIT_BYTES) {
        return writeMessage(response, 500, 'Internal Server Error');
      }
      const result = await invokeLambda(match.route.function, event);
      if (fault === 'response-lost') return writeMessage(response, 502, 'Bad Gateway');
      if (Buffer.byteLength(JSON.stringify(result) ?? '') > LAMBDA_PAYLOAD_LIMIT_BYTES) {
        console.error(`[local api] ${request.method} ${path}: the function's response exceeds Lambda's 6 MB`);
        return writeMessage(response, 500, 'Internal Server Error');
      }
      writeResult(response, result);
    } catch (error) {
      console.error(`[local api] ${request.method} ${request.url} failed:`, error);
      if (!response.headersSent) writeMessage(response, 500, 'Internal Server Error');
      else response.destroy();
    }
  });
  const port = await listen(server, options.port ?? 0, host);
  return { endpoint: httpUrl(host, port), close: () => closeServer(server) };
}
