/**
 * Responses of the console: HTML pages, redirects, file downloads. Every response leaves through
 * `withSecurityHeaders` (functions/console/http/handler.ts): the CSP allows no script at all, only the
 * one stylesheet (by hash), forms only to the console itself and the identity provider (sign-out
 * continues there), and no framing.
 */
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { STYLE_HASH } from '../pages/style.ts';

export type ConsoleResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
  cookies?: string[];
};

export function securityHeaders(options: { secure: boolean; formTargets: string[] }): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'none'",
      `style-src ${STYLE_HASH}`,
      "img-src 'none'",
      `form-action 'self'${options.formTargets.map((origin) => ` ${origin}`).join('')}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    // Pages hold personal data: never cached, by the browser or anything in between.
    'cache-control': 'no-store',
    ...(options.secure ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}

export function withSecurityHeaders(
  response: ConsoleResponse,
  options: { secure: boolean; formTargets: string[] },
): ConsoleResponse {
  return { ...response, headers: { ...securityHeaders(options), ...response.headers } };
}

export function htmlResponse(statusCode: number, body: string, cookies: string[] = []): ConsoleResponse {
  return {
    statusCode,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body,
    ...(cookies.length ? { cookies } : {}),
  };
}

/** 303 See Other: after a POST, and to send the browser to the identity provider. */
export function redirect(location: string, cookies: string[] = []): ConsoleResponse {
  return { statusCode: 303, headers: { location }, body: '', ...(cookies.length ? { cookies } : {}) };
}

/**
 * A file to save: base64 in the Lambda response, with a safe ASCII and a UTF-8 file name. Text
 * (CSV, JSON) is gzipped when the browser accepts it: a Lambda response may not exceed 6 MB, and
 * CSV shrinks about tenfold (XLSX is compressed already).
 */
export function download(
  name: string,
  contentType: string,
  bytes: Buffer,
  acceptEncoding = '',
): ConsoleResponse {
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, '_');
  const gzip = /\bgzip\b/.test(acceptEncoding) && /^(text\/|application\/json)/.test(contentType);
  return {
    statusCode: 200,
    headers: {
      'content-type': contentType,
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      ...(gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
    },
    body: (gzip ? gzipSync(bytes) : bytes).toString('base64'),
    isBase64Encoded: true,
  };
}
