import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpAdapter, type HttpRoute, matchRoute, startHttpAdapter } from '../../local/http-adapter.ts';
import { fixtureFunction } from './fixtures/fixture-workflow.ts';
import { fixtureState } from './fixtures/state.ts';

const echo = fixtureFunction('http-echo');
const routes: HttpRoute[] = [
  { routeKey: 'GET /feedback/{token}', function: echo },
  { routeKey: 'POST /feedback/{token}', function: echo },
];

let api: HttpAdapter;
beforeAll(async () => {
  api = await startHttpAdapter({ routes, bodyLimitBytes: 1024 });
});
afterAll(() => api.close());

const echoed = async (response: Response) => (await response.json()) as APIGatewayProxyEventV2;

describe('HTTP API adapter (payload format 2.0)', () => {
  it('builds the APIGatewayProxyEventV2 a Lambda behind an HTTP API receives', async () => {
    const before = Date.now();
    const response = await fetch(`${api.endpoint}/feedback/abc%20def?x=1&x=2&y=z`, {
      headers: { 'X-Custom': 'Yes', cookie: 'a=1; b=2' },
    });
    expect(response.status).toBe(201);
    const event = await echoed(response);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /feedback/{token}',
      rawPath: '/feedback/abc%20def',
      rawQueryString: 'x=1&x=2&y=z',
      queryStringParameters: { x: '1,2', y: 'z' },
      pathParameters: { token: 'abc def' },
      cookies: ['a=1', 'b=2'],
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'GET', path: '/feedback/abc%20def', sourceIp: '127.0.0.1' },
        routeKey: 'GET /feedback/{token}',
        stage: '$default',
      },
    });
    expect(event.headers['x-custom']).toBe('Yes');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.body).toBeUndefined();
    expect(event.requestContext.timeEpoch).toBeGreaterThanOrEqual(before);
    expect(event.requestContext.timeEpoch).toBeLessThanOrEqual(Date.now());
  });

  it('passes JSON and text bodies as text, and other bodies (forms too, as on AWS) base64-encoded', async () => {
    const json = await echoed(
      await fetch(`${api.endpoint}/feedback/t`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"a":1}',
      }),
    );
    expect(json).toMatchObject({
      routeKey: 'POST /feedback/{token}',
      body: '{"a":1}',
      isBase64Encoded: false,
    });
    const form = await echoed(
      await fetch(`${api.endpoint}/feedback/t`, {
        method: 'POST',
        body: new URLSearchParams({ 'rating.hiring': '4' }),
      }),
    );
    expect(form.isBase64Encoded).toBe(true);
    expect(Buffer.from(form.body!, 'base64').toString('utf8')).toBe('rating.hiring=4');
    expect(form.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
  });

  it('writes status, headers, cookies and base64 bodies of the result', async () => {
    const response = await fetch(`${api.endpoint}/feedback/t`);
    expect(response.headers.get('x-fixture')).toBe('yes');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    const binary = await fetch(`${api.endpoint}/feedback/binary`);
    expect(binary.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await binary.arrayBuffer())]).toEqual([1, 2, 3]);
    const plain = await fetch(`${api.endpoint}/feedback/plain-object`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('application/json');
    expect(await plain.json()).toEqual({ hello: 'world' });
  });

  it('answers 500 when the handler throws', async () => {
    const response = await fetch(`${api.endpoint}/feedback/throw`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
  });

  it('refuses a body over the limit with 413 without calling the handler', async () => {
    const calls = () => fixtureState.calls.get('http:big') ?? 0;
    const response = await fetch(`${api.endpoint}/feedback/big`, { method: 'POST', body: 'x'.repeat(2048) });
    expect(response.status).toBe(413);
    expect(calls()).toBe(0);
    const small = await fetch(`${api.endpoint}/feedback/big`, { method: 'POST', body: 'x'.repeat(1024) });
    expect(small.status).toBe(201);
    expect(calls()).toBe(1);
  });

  it('answers 404 for an unknown route or method', async () => {
    for (const [method, path] of [
      ['GET', '/nothing'],
      ['GET', '/feedback'],
      ['GET', '/feedback/a/b'],
      ['DELETE', '/feedback/a'],
    ] as const) {
      const response = await fetch(`${api.endpoint}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json()).toEqual({ message: 'Not Found' });
    }
  });

  it('matches ANY and greedy {proxy+} routes', () => {
    const table: HttpRoute[] = [{ routeKey: 'ANY /files/{path+}', function: echo }];
    expect(matchRoute(table, 'PUT', '/files/a/b.txt')?.pathParameters).toEqual({ path: 'a/b.txt' });
    expect(matchRoute(table, 'GET', '/files/')).toBeUndefined();
  });
});
