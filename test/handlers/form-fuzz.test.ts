/**
 * Property-based fuzzing of the feedback form (fast-check), with AWS healthy:
 * random fields, names (`__proto__`…), values (unicode, lone surrogates, control characters),
 * encodings (raw and invalid percent-encoding, invalid UTF-8, base64 flags with good and bad
 * base64), content types, methods, tokens, duplicates and sizes. Always a clear answer — 200 for a
 * valid form, else 4xx — never a 5xx; and a request that is not 200 changes nothing in the table.
 *
 * Two layers: the handler in-process with API Gateway events (fast, many cases, every flag), and
 * raw bytes through the local HTTP API (body limits, invalid UTF-8 on the wire).
 * The case counts are written to test-results/form-fuzz.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleStart } from '../../cli/commands/cycle.ts';
import { MAX_COMMENT_CHARACTERS } from '../../functions/core/answers.ts';
import type { RaterGroup } from '../../functions/core/model.ts';
import { competenciesFor, QUESTIONNAIRE_V1 } from '../../functions/core/questionnaire.ts';
import { hasControlCharacter } from '../../functions/core/text.ts';
import { MAX_BODY_BYTES } from '../../functions/handlers/feedback-form.ts';
import { dynamo } from '../../functions/shared/aws-clients.ts';
import { keys } from '../../functions/shared/keys.ts';
import type { RequestItem } from '../../functions/shared/store/items.ts';
import { findByTokenHash } from '../../functions/shared/store/request-store.ts';
import { hashToken } from '../../functions/shared/tokens.ts';
import { DEFAULT_BODY_LIMIT_BYTES } from '../../local/http-adapter.ts';
import { catalogFunction, invokeLambda } from '../../local/lambda.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { clearMailStore, readMailStore } from '../../local/ses.ts';
import { feedbackLinks, pollUntil, tokenOf } from '../support/mail.ts';
import { importSimulatedRoster } from '../support/simulated-cycle.ts';

const QUARTER = '2023-Q2';
const FORM = catalogFunction('FeedbackForm');
const ALLOWED = new Set([200, 400, 404, 405, 410, 413, 415]);

let runtime: LocalRuntime;
/** One link per rater group: token and the request key. */
let links: { token: string; sk: string; group: RaterGroup; url: string }[];
const counts = { inProcess: 0, http: 0, byStatus: {} as Record<number, number> };

beforeAll(async () => {
  runtime = await startLocalRuntime({ quiet: true, retryIntervalScale: 0.01 });
  await clearMailStore(runtime.endpoints.ses);
  await importSimulatedRoster();
  await cycleStart(
    runtime.stateMachineArn,
    { quarter: QUARTER, deadline: new Date(Date.now() + 3_600_000).toISOString(), force: true },
    () => {},
  );
  let emails: Awaited<ReturnType<typeof readMailStore>>['emails'] = [];
  await pollUntil(async () => {
    emails = (await readMailStore(runtime.endpoints.ses)).emails;
    // One invitation per rater, one link per request: 28 links.
    return emails.flatMap((email) => feedbackLinks(email)).length >= 28;
  });
  const byGroup = new Map<RaterGroup, (typeof links)[number]>();
  for (const url of emails.flatMap((email) => feedbackLinks(email))) {
    const found = await findByTokenHash(hashToken(tokenOf(url)));
    const { sk, group } = found!.request;
    if (!byGroup.has(group)) byGroup.set(group, { token: tokenOf(url), sk, group, url });
  }
  links = [...byGroup.values()];
}, 60_000);

afterAll(async () => {
  await runtime?.close();
  await mkdir('test-results', { recursive: true });
  await writeFile('test-results/form-fuzz.json', `${JSON.stringify(counts, null, 2)}\n`);
  console.log(`form fuzz: ${JSON.stringify(counts)}`);
});

async function state(sk: string) {
  const get = async (key: { pk: string; sk: string }) =>
    (await dynamo().send(new GetCommand({ TableName: runtime.tableName, Key: key, ConsistentRead: true })))
      .Item;
  return {
    request: (await get(keys.requestFromSk(QUARTER, sk)!)) as RequestItem,
    cycle: await get(keys.cycle(QUARTER)),
  };
}

// ---------------------------------------------------------------------------------------------
// Generators

const competencyIds = QUESTIONNAIRE_V1.competencies.map((c) => c.id);
const fieldName = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...competencyIds.map((id) => `rating.${id}`)) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'comment.keep',
      'comment.change',
      'action',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'rating.__proto__',
      'rating.constructor',
      'rating.',
      'rating',
      'RATING.motivation',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);
const fieldValue = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      '1',
      '2',
      '3',
      '4',
      '5',
      'na',
      '0',
      '6',
      '-1',
      '1.0',
      ' 3',
      'NA',
      '',
      'submit',
      'decline',
    ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1900, maxLength: 2100 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      '\u0000\u0007\u001b[31m',
    ),
  },
);
const pairs = fc.array(fc.tuple(fieldName, fieldValue), { maxLength: 20 });

/** A valid form for a group, then possibly broken by a few random edits. */
const nearlyValid = (group: RaterGroup) =>
  fc
    .record({
      ratings: fc.array(fc.constantFrom('1', '2', '3', '4', '5', 'na'), {
        minLength: competencyIds.length,
        maxLength: competencyIds.length,
      }),
      keep: fc.string({ maxLength: 80 }),
      change: fc.string({ unit: 'grapheme', maxLength: 80 }),
      extra: fc.array(fc.tuple(fieldName, fieldValue), { maxLength: 3 }),
      decline: fc.boolean(),
    })
    .map(({ ratings, keep, change, extra, decline }) => {
      const list: [string, string][] = competenciesFor(group).map((c, i) => [`rating.${c.id}`, ratings[i]!]);
      list.push(
        ['comment.keep', keep],
        ['comment.change', change],
        ['action', decline ? 'decline' : 'submit'],
      );
      return [...list, ...extra];
    });

/** The body bytes: URL-encoded properly, or raw with broken percent-encoding and stray bytes. */
const encoded = (list: [string, string][]) =>
  fc.oneof(
    fc.constant(Buffer.from(new URLSearchParams(list).toString(), 'utf8')),
    fc
      .array(fc.constantFrom('%', '%zz', '%C3%28', '%FF%FE', '%ED%A0%80', '+', '%2', '&&', '=', '%00'), {
        maxLength: 4,
      })
      .map((noise) => Buffer.from(list.map(([k, v]) => `${k}=${v}`).join('&') + noise.join(''), 'utf8')),
    fc
      .uint8Array({ maxLength: 200 })
      .map((bytes) => Buffer.concat([Buffer.from(new URLSearchParams(list).toString()), Buffer.from(bytes)])),
  );

const oversized = fc.integer({ min: MAX_BODY_BYTES + 1, max: MAX_BODY_BYTES + 4096 }).map((size) => {
  const body = Buffer.alloc(size, 'a');
  // Short in a counterexample.
  Object.defineProperty(body, 'toJSON', { value: () => ({ oversized: size }) });
  return body;
});

interface Case {
  link: number;
  tokenKind: 'valid' | 'unknown' | 'malformed';
  method: string;
  contentType: string | undefined;
  transport: 'text' | 'base64' | 'bad-base64';
  body: Buffer;
  malformedToken: string;
}

const caseArb = fc
  .record({
    link: fc.nat({ max: 3 }),
    tokenKind: fc.constantFrom('valid', 'valid', 'valid', 'valid', 'unknown', 'malformed'),
    method: fc.constantFrom('POST', 'POST', 'POST', 'POST', 'POST', 'GET', 'HEAD', 'PUT', 'DELETE', 'PATCH'),
    contentType: fc.constantFrom(
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded; charset=UTF-8',
      'APPLICATION/X-WWW-FORM-URLENCODED;charset=latin1',
      'text/plain',
      'multipart/form-data; boundary=x',
      '',
      undefined,
    ),
    transport: fc.constantFrom('text', 'text', 'base64', 'bad-base64'),
    malformedToken: fc.string({ maxLength: 60 }),
    shape: fc.constantFrom('random', 'nearly-valid', 'nearly-valid', 'oversized'),
    seed: fc.nat(),
  })
  .chain((c) => {
    const group = (['self', 'manager', 'coachee', 'peer'] as const)[c.link]!;
    const body =
      c.shape === 'oversized'
        ? oversized
        : (c.shape === 'random' ? pairs : nearlyValid(group)).chain((list) => encoded(list));
    return body.map((b) => ({ ...c, body: b }) as Case);
  });

function toEvent(c: Case, token: string): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  if (c.contentType !== undefined) headers['content-type'] = c.contentType;
  const body =
    c.transport === 'text'
      ? c.body.toString('utf8')
      : c.transport === 'base64'
        ? c.body.toString('base64')
        : `!!${c.body.toString('latin1')}`;
  return {
    version: '2.0',
    routeKey: `${c.method} /feedback/{token}`,
    rawPath: `/feedback/${token}`,
    rawQueryString: '',
    headers,
    pathParameters: { token },
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: c.method,
        path: `/feedback/${token}`,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'fuzz',
      },
      requestId: 'fuzz',
      routeKey: `${c.method} /feedback/{token}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(c.body.length ? { body } : {}),
    isBase64Encoded: c.transport !== 'text' && c.body.length > 0,
  } as APIGatewayProxyEventV2;
}

const isRating = (v: unknown) =>
  v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5);

/** A 200 POST stored exactly a valid answer (or a decline): the form's contract. */
function checkStored(request: RequestItem, group: RaterGroup) {
  expect(['answered', 'declined']).toContain(request.status);
  if (request.status === 'declined') {
    expect(request.answers).toBeUndefined();
    return;
  }
  expect(Object.keys(request.answers!.ratings).sort()).toEqual(
    competenciesFor(group)
      .map((c) => c.id)
      .sort(),
  );
  for (const value of Object.values(request.answers!.ratings)) expect(isRating(value)).toBe(true);
  for (const text of [request.answers!.comments.keep, request.answers!.comments.change]) {
    expect([...text].length).toBeLessThanOrEqual(MAX_COMMENT_CHARACTERS);
    expect(hasControlCharacter(text, true)).toBe(false);
  }
}

describe('fuzzing the form POST', () => {
  it('in-process, every flag: a clear 2xx/4xx, never a 5xx; a refused request stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const link = links[c.link % links.length]!;
        const token =
          c.tokenKind === 'valid'
            ? link.token
            : c.tokenKind === 'unknown'
              ? `${'Q'.repeat(42)}w`
              : c.malformedToken;
        const before = await state(link.sk);
        const result = (await invokeLambda(FORM, toEvent(c, token))) as { statusCode: number; body?: string };
        counts.inProcess++;
        counts.byStatus[result.statusCode] = (counts.byStatus[result.statusCode] ?? 0) + 1;
        expect(ALLOWED.has(result.statusCode), `status ${result.statusCode}`).toBe(true);
        const after = await state(link.sk);
        if (result.statusCode === 200 && c.method === 'POST' && c.tokenKind === 'valid') {
          checkStored(after.request, link.group);
        } else {
          expect(after).toEqual(before);
        }
        // Nothing sent back echoes markup from the request unescaped.
        expect(result.body ?? '').not.toContain('<script>alert(1)</script>');
        expect(result.body ?? '').not.toContain('<img src=x');
      }),
      { numRuns: 1000 },
    );
  }, 240_000);

  it('raw bytes over HTTP (invalid UTF-8, adapter and handler size limits): never a 5xx, nothing stored', async () => {
    const wire = fc.record({
      link: fc.nat({ max: 3 }),
      bytes: fc.oneof(
        fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
        fc
          .uint8Array({ maxLength: 64 })
          .map((b) => Buffer.concat([Buffer.from('rating.motivation=4&comment.keep='), Buffer.from(b)])),
        // Sizes as a number (the counterexample stays readable); the body is built below.
        fc.integer({ min: 1, max: 70 }).map((kib) => ({ kib })),
      ),
      contentType: fc.constantFrom(
        'application/x-www-form-urlencoded',
        'application/octet-stream',
        'text/plain; charset=utf-8',
      ),
    });
    await fc.assert(
      fc.asyncProperty(wire, async ({ link: index, bytes: spec, contentType }) => {
        const bytes = Buffer.isBuffer(spec) ? spec : Buffer.alloc(spec.kib * 1024, 'b');
        const link = links[index % links.length]!;
        const before = await state(link.sk);
        const response = await fetch(link.url, {
          method: 'POST',
          headers: { 'content-type': contentType },
          body: bytes,
        });
        await response.arrayBuffer();
        counts.http++;
        counts.byStatus[response.status] = (counts.byStatus[response.status] ?? 0) + 1;
        expect(response.status, `status ${response.status}`).toBeLessThan(500);
        // Refused before anything is parsed: by the API beyond 64 KiB, by the handler beyond 32 KiB
        // (after the content type check, so an unsupported type is 415 whatever its size).
        if (bytes.length > DEFAULT_BODY_LIMIT_BYTES) expect(response.status).toBe(413);
        else if (bytes.length > MAX_BODY_BYTES && contentType.startsWith('application/x-www-form-urlencoded'))
          expect(response.status).toBe(413);
        if (response.status !== 200) expect(await state(link.sk)).toEqual(before);
        else checkStored((await state(link.sk)).request, link.group);
      }),
      { numRuns: 120 },
    );
  }, 120_000);

  it('GET never changes anything, whatever the query or headers', async () => {
    const link = links[0]!;
    const before = await state(link.sk);
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (query) => {
        const response = await fetch(`${link.url}?${encodeURIComponent(query)}`);
        await response.text();
        counts.http++;
        expect(response.status).toBe(200);
      }),
      { numRuns: 30 },
    );
    expect((await state(link.sk)).request).toEqual(before.request);
  });
});
