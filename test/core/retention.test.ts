import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, type LadderConfig, parseConfig } from '../../functions/core/config.ts';
import { addDuration, parseDuration } from '../../functions/core/duration.ts';
import {
  epochSeconds,
  expiresAtFor,
  RETENTION_OF_KIND,
  RETENTION_SETTINGS,
  type RetentionKind,
  retentionAttributes,
  visible,
  withoutComments,
} from '../../functions/core/retention.ts';

const DAY = 86_400;
const at = (iso: string) => new Date(iso);

describe('retention periods (ISO 8601 date durations)', () => {
  it('reads years, months, weeks and days, and refuses anything else', () => {
    expect(parseDuration('P90D')).toEqual({ years: 0, months: 0, days: 90 });
    expect(parseDuration('P1Y6M2W3D')).toEqual({ years: 1, months: 6, days: 17 });
    for (const bad of ['', 'P', 'P0D', '90D', 'PT1H', 'P1.5Y', 'P-1D', 'p5y', 'P5Y ', 'P1D1Y'])
      expect(parseDuration(bad), bad).toBeUndefined();
  });

  it('adds calendar months as people count them', () => {
    expect(addDuration(at('2027-01-31T12:00:00Z'), { years: 0, months: 1, days: 0 }).toISOString()).toBe(
      '2027-02-28T12:00:00.000Z',
    );
    expect(addDuration(at('2028-02-29T00:00:00Z'), { years: 5, months: 0, days: 0 }).toISOString()).toBe(
      '2033-02-28T00:00:00.000Z',
    );
    expect(addDuration(at('2026-12-24T17:00:00Z'), { years: 0, months: 13, days: 0 }).toISOString()).toBe(
      '2028-01-24T17:00:00.000Z',
    );
  });

  it('never moves a date backwards, and a longer period never ends earlier', () => {
    const date = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });
    const duration = fc.record({
      years: fc.nat(20),
      months: fc.nat(40),
      days: fc.nat(2000),
    });
    fc.assert(
      fc.property(date, duration, fc.nat(30), (start, d, extra) => {
        const end = addDuration(start, d);
        expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(addDuration(start, { ...d, days: d.days + extra }).getTime()).toBeGreaterThanOrEqual(
          end.getTime(),
        );
        expect(addDuration(start, { ...d, months: d.months + 1 }).getTime()).toBeGreaterThanOrEqual(
          end.getTime(),
        );
      }),
    );
  });
});

describe('expiresAtFor / retentionAttributes', () => {
  const deadline = '2026-12-24T17:00:00Z';

  it('applies the documented defaults: requests and tokens 90 days, comments 13 months, scores 5 years', () => {
    expect(DEFAULT_CONFIG.retention).toMatchObject({
      requests: 'P90D',
      tokens: 'P90D',
      comments: 'P13M',
      scores: 'P5Y',
    });
    const start = epochSeconds(at(deadline));
    expect(expiresAtFor('request', deadline)).toBe(start + 90 * DAY);
    expect(expiresAtFor('token', deadline)).toBe(start + 90 * DAY);
    expect(expiresAtFor('comments', deadline)).toBe(epochSeconds(at('2028-01-24T17:00:00Z')));
    expect(expiresAtFor('recommendation', deadline)).toBe(epochSeconds(at('2031-12-24T17:00:00Z')));
  });

  it('reads the same periods without zod as the validated configuration', () => {
    expect(RETENTION_SETTINGS).toEqual(DEFAULT_CONFIG.retention);
  });

  it('gives an item comments that expire on their own only when they expire before it', () => {
    // Default: a recommendation's report keeps comments 13 months, the scores 5 years.
    const rec = retentionAttributes('recommendation', deadline);
    expect(rec.commentsExpireAt).toBe(expiresAtFor('comments', deadline));
    expect(rec.commentsExpireAt).toBeLessThan(rec.expiresAt);
    // A request goes after 90 days, comments and all.
    expect(retentionAttributes('request', deadline)).toEqual({
      expiresAt: expiresAtFor('request', deadline),
    });
    // Requests kept two years: their comments go after 13 months.
    const long = { ...DEFAULT_CONFIG.retention, requests: 'P2Y' };
    expect(retentionAttributes('request', deadline, long).commentsExpireAt).toBe(
      expiresAtFor('comments', deadline),
    );
    // Kinds without comments never get the attribute.
    expect(retentionAttributes('token', deadline, { ...long, tokens: 'P9Y' })).not.toHaveProperty(
      'commentsExpireAt',
    );
  });

  it('covers every kind with a setting of the configuration', () => {
    for (const kind of Object.keys(RETENTION_OF_KIND) as RetentionKind[])
      expect(expiresAtFor(kind, deadline)).toBeGreaterThan(epochSeconds(at(deadline)));
  });

  it('refuses an invalid start', () => {
    expect(() => expiresAtFor('request', 'not a date')).toThrow(RangeError);
  });
});

describe('visible: what a reader may see', () => {
  const request = {
    pk: 'CYCLE#2026-Q4#03',
    sk: 'REQ#c1#s1',
    expiresAt: 2_000,
    commentsExpireAt: 1_000,
    answers: { ratings: { motivation: 4 }, comments: { keep: 'Calm in crises', change: 'Listen more' } },
  };

  it('hides an item from its expiresAt on, although TTL has not deleted it', () => {
    expect(visible(request, 999)).toBe(request);
    expect(visible(request, 2_000)).toBeUndefined();
    expect(visible(request, 5_000)).toBeUndefined();
    expect(visible(undefined, 0)).toBeUndefined();
    expect(visible({ pk: 'ROSTER', sk: 'CURRENT' }, 9e12)).toEqual({ pk: 'ROSTER', sk: 'CURRENT' });
  });

  it('blanks comments from commentsExpireAt on and keeps everything else', () => {
    const seen = visible(request, 1_000)!;
    expect(seen.answers).toEqual({ ratings: { motivation: 4 }, comments: { keep: '', change: '' } });
    expect(seen).not.toHaveProperty('commentsExpireAt');
    expect(request.answers.comments.keep).toBe('Calm in crises'); // the stored item is not changed
    const rec = {
      commentsExpireAt: 10,
      report: {
        groups: [
          { group: 'coachee', comments: { keep: ['a', 'b'], change: ['c'] } },
          { group: 'manager', comments: { keep: [], change: ['d'] } },
        ],
      },
    };
    expect(visible(rec, 10)!.report.groups.map((g) => g.comments)).toEqual([
      { keep: [], change: [] },
      { keep: [], change: [] },
    ]);
  });

  it('never shows an expired item or an expired comment (property)', () => {
    const item = fc.record({
      expiresAt: fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: undefined }),
      commentsExpireAt: fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: undefined }),
      answers: fc.record({
        ratings: fc.dictionary(fc.string(), fc.integer({ min: 1, max: 5 })),
        comments: fc.record({ keep: fc.string(), change: fc.string() }),
      }),
    });
    fc.assert(
      fc.property(item, fc.integer({ min: 0, max: 1e6 }), (stored, now) => {
        const seen = visible(stored, now);
        if (stored.expiresAt !== undefined && stored.expiresAt <= now) expect(seen).toBeUndefined();
        else expect(seen).toBeDefined();
        if (seen && stored.commentsExpireAt !== undefined && stored.commentsExpireAt <= now)
          expect(seen.answers.comments).toEqual({ keep: '', change: '' });
        if (seen) expect(seen.answers.ratings).toEqual(stored.answers.ratings);
        if (seen) expect(visible(seen, now)).toEqual(seen);
      }),
    );
  });

  it('withoutComments leaves items without comments as they were', () => {
    expect(withoutComments({ pk: 'a', sk: 'b', status: 'sent' })).toEqual({
      pk: 'a',
      sk: 'b',
      status: 'sent',
    });
  });
});

describe('retention settings in the configuration', () => {
  const withRetention = (change: Partial<LadderConfig['retention']>) => () =>
    parseConfig({
      ...structuredClone(DEFAULT_CONFIG),
      retention: { ...DEFAULT_CONFIG.retention, ...change },
    });

  it('names a period that is not an ISO 8601 date duration', () => {
    expect(withRetention({ comments: '13 months' })).toThrow(ConfigError);
    expect(withRetention({ comments: '13 months' })).toThrow(/retention\.comments: use an ISO 8601/);
  });

  it('refuses periods shorter than what later quarters read', () => {
    expect(withRetention({ scores: 'P6M' })).toThrow(/retention\.scores: must keep scores at least/);
    expect(withRetention({ leniency: 'P3M' })).toThrow(/retention\.leniency: must keep leniency/);
    expect(withRetention({ requests: 'P1D', tokens: 'P1W', comments: 'P1M' })).not.toThrow();
  });
});
