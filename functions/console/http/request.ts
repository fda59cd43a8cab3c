/**
 * An HTTP API (payload 2.0) event as the console reads it: method, path, query, cookies and the
 * form body. Forms are `application/x-www-form-urlencoded`, uploads `multipart/form-data` (parsed by
 * Node's own WHATWG `Request.formData()`: no parser library in the bundle).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { parseCookie } from 'cookie';

/** Far above any console form but the uploads. */
export const MAX_FORM_BYTES = 64 * 1024;
/**
 * Largest upload (roster or sales figures CSV). Lambda takes at most 6 MB per request and the body
 * arrives base64-encoded (4/3 larger), so 4 MiB of file is the most that fits with room to spare.
 */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;

export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
  constructor(
    message: string,
    readonly status: 400 | 413 | 415 = 400,
  ) {
    super(message);
  }
}

/** A posted field: text, or an uploaded file's name and bytes. */
export type FormValue = string | { fileName: string; bytes: Buffer };

export interface ConsoleRequest {
  method: string;
  /** The raw path, e.g. `/console/leaders/c1`. */
  path: string;
  query: URLSearchParams;
  headers: Readonly<Record<string, string>>;
  cookies: Readonly<Record<string, string>>;
  /** Path parameters filled by the router. */
  params: Record<string, string>;
  /** The posted form, parsed on first call (uploads allowed only when asked). */
  form(options?: { uploads?: boolean }): Promise<Map<string, FormValue>>;
}

function lowerCaseHeaders(headers: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {}))
    if (value !== undefined) out[name.toLowerCase()] = value;
  return out;
}

export function toConsoleRequest(event: APIGatewayProxyEventV2): ConsoleRequest {
  const headers = lowerCaseHeaders(event.headers);
  const cookies: Record<string, string> = {};
  for (const entry of event.cookies ?? (headers.cookie ? [headers.cookie] : [])) {
    for (const [name, value] of Object.entries(parseCookie(entry))) {
      if (value !== undefined && !(name in cookies)) cookies[name] = value;
    }
  }
  let parsed: Promise<Map<string, FormValue>> | undefined;
  return {
    method: event.requestContext.http.method.toUpperCase(),
    path: event.rawPath,
    query: new URLSearchParams(event.rawQueryString ?? ''),
    headers,
    cookies,
    params: {},
    form: (options = {}) => {
      parsed ??= parseForm(event, headers, options.uploads ?? false);
      return parsed;
    },
  };
}

async function parseForm(
  event: APIGatewayProxyEventV2,
  headers: Record<string, string>,
  uploads: boolean,
): Promise<Map<string, FormValue>> {
  const body = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64')
    : Buffer.from(event.body ?? '', 'utf8');
  const contentType = headers['content-type'] ?? '';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const limit = uploads ? MAX_UPLOAD_BYTES + MAX_FORM_BYTES : MAX_FORM_BYTES;
  if (body.byteLength > limit) {
    throw new BadRequestError(
      uploads
        ? `The file is too large: at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB can be uploaded.`
        : 'The form is too large to be accepted.',
      413,
    );
  }
  const form = new Map<string, FormValue>();
  if (type === 'application/x-www-form-urlencoded') {
    for (const [name, value] of new URLSearchParams(body.toString('utf8')))
      if (!form.has(name)) form.set(name, value);
    return form;
  }
  if (type === 'multipart/form-data' && uploads) {
    let data: FormData;
    try {
      data = await new Request('http://console.invalid/', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      }).formData();
    } catch {
      throw new BadRequestError('The upload could not be read: send the form again.');
    }
    for (const [name, value] of data) {
      if (form.has(name)) continue;
      form.set(
        name,
        typeof value === 'string'
          ? value
          : { fileName: value.name, bytes: Buffer.from(await value.arrayBuffer()) },
      );
    }
    return form;
  }
  throw new BadRequestError(
    uploads
      ? 'The form must be sent as multipart/form-data.'
      : 'The form must be sent as application/x-www-form-urlencoded.',
    415,
  );
}

/** A text field, or '' when absent or a file. */
export function textField(form: Map<string, FormValue>, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
