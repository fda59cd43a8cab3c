import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ERASED_AS,
  ERASED_TEXT,
  emptyTraces,
  gatherTraces,
  type Key,
  type PersonTraces,
  planErasure,
  type StoredItem,
} from '../../functions/core/erasure.ts';

const P = 'c1';
const PSEUDO = 'erased-0a1b2c';
/** The store routes a moved cycle item by its new sort key; here: by the id in it. */
const rekey = (item: StoredItem): Key => ({
  pk: `SHARD#${item.sk.split('#')[item.sk.startsWith('MAIL#') ? 2 : 1]}`,
  sk: item.sk,
});

const answers = (keep: string, change: string) => ({
  ratings: { motivation: 4 },
  comments: { keep, change },
});
const ITEMS: StoredItem[] = [
  {
    pk: 'ROSTER#v1',
    sk: 'PERSON#c1',
    personId: 'c1',
    name: 'Cleo Brandt',
    email: 'cleo@example.com',
    managerId: 'm1',
  },
  {
    pk: 'ROSTER#v1',
    sk: 'PERSON#s1',
    personId: 's1',
    name: 'Sam One',
    email: 'sam@example.com',
    coachId: 'c1',
    managerId: 'm1',
  },
  { pk: 'METRICS#2026-Q3#v1', sk: 'PERSON#c1', personId: 'c1', quota: 10, attained: 9 },
  { pk: 'RATER#c1', sk: 'LENIENCY', raterId: 'c1', 'obs#2026-Q3#00000': [['c2', 0.3, 5]] },
  {
    pk: 'RATER#s1',
    sk: 'LENIENCY',
    raterId: 's1',
    'obs#2026-Q3#00000': [
      ['c1', -0.2, 5],
      ['c2', 0.1, 4],
    ],
  },
  { pk: 'TOKEN#aa', sk: 'TOKEN', quarter: '2026-Q3', requestSk: 'REQ#c1#s1', purpose: 'invitation' },
  { pk: 'TOKEN#bb', sk: 'TOKEN', quarter: '2026-Q3', requestSk: 'REQ#c2#s1', purpose: 'invitation' },
  {
    pk: 'CYCLE#2026-Q3#09',
    sk: 'REQ#c1#s1',
    quarter: '2026-Q3',
    leaderId: 'c1',
    leaderName: 'Cleo Brandt',
    team: 'North',
    raterId: 's1',
    raterName: 'Sam One',
    raterEmail: 'sam@example.com',
    group: 'coachee',
    status: 'answered',
    answers: answers('Cleo Brandt explains well', 'Nothing'),
  },
  {
    pk: 'CYCLE#2026-Q3#00',
    sk: 'REQ#c2#c1',
    quarter: '2026-Q3',
    leaderId: 'c2',
    leaderName: 'Carl Leader',
    team: 'North',
    raterId: 'c1',
    raterName: 'Cleo Brandt',
    raterEmail: 'cleo@example.com',
    group: 'peer',
    status: 'answered',
    answers: answers('Carl shares deals', 'Carl could delegate'),
  },
  {
    pk: 'CYCLE#2026-Q3#09',
    sk: 'REC#c1',
    gsi1pk: 'LEADER#c1',
    gsi1sk: 'REC#2026-Q3',
    quarter: '2026-Q3',
    leaderId: 'c1',
    leaderName: 'Cleo Brandt',
    leaderEmail: 'cleo@example.com',
    team: 'North',
    managerId: 'm1',
    readinessScore: 71,
    responses: { coachee: 3, peer: 0, manager: 1, self: 1 },
    report: { groups: [{ group: 'coachee', comments: { keep: ['Cleo Brandt explains well'], change: [] } }] },
    disclosure: { means: { motivation: [['s1', 's2', 's3']] }, comments: [] },
  },
  {
    pk: 'CYCLE#2026-Q3#00',
    sk: 'REC#c2',
    quarter: '2026-Q3',
    leaderId: 'c2',
    leaderName: 'Carl Leader',
    team: 'North',
    managerId: 'm1',
    readinessScore: 64,
    report: {
      groups: [
        {
          group: 'peer',
          comments: { keep: ['Carl shares deals', 'Good pipeline'], change: ['Carl could delegate'] },
        },
      ],
    },
    disclosure: { means: { motivation: [['c1', 'c3', 's4']] }, comments: [['c1', 'c3', 's4']] },
  },
  {
    pk: 'CYCLE#2026-Q3',
    sk: 'BATCH#00000',
    quarter: '2026-Q3',
    batch: 0,
    leaders: [
      {
        leaderId: 'c1',
        name: 'Cleo Brandt',
        email: 'cleo@example.com',
        team: 'North',
        managerId: 'm1',
        managerName: 'Mara',
        managerEmail: 'mara@example.com',
      },
      {
        leaderId: 'c2',
        name: 'Carl Leader',
        email: 'carl@example.com',
        team: 'North',
        managerId: 'm1',
        managerName: 'Mara',
        managerEmail: 'mara@example.com',
      },
    ],
  },
  { pk: 'CYCLE#2026-Q3#04', sk: 'MAIL#manager-summary#m1#0f1e', quarter: '2026-Q3', kind: 'manager-summary' },
  {
    pk: 'CYCLE#2026-Q3#01',
    sk: 'INVITEE#00000#c1',
    quarter: '2026-Q3',
    batch: 0,
    raterId: 'c1',
    raterName: 'Cleo Brandt',
    raterEmail: 'cleo@example.com',
    requests: [{ sk: 'REQ#c2#c1', leaderId: 'c2', leaderName: 'Carl Leader', group: 'peer' }],
  },
  {
    pk: 'CYCLE#2026-Q3#02',
    sk: 'INVITEE#00000#s1',
    quarter: '2026-Q3',
    batch: 0,
    raterId: 's1',
    raterName: 'Sam One',
    raterEmail: 'sam@example.com',
    requests: [{ sk: 'REQ#c1#s1', leaderId: 'c1', leaderName: 'Cleo Brandt', group: 'coachee' }],
  },
  {
    pk: 'CYCLE#2026-Q3',
    sk: 'SUMMARY',
    leaders: 2,
    requests: { total: 24, answered: 20, declined: 1, expired: 3 },
  },
  {
    pk: 'PROMOTIONS',
    sk: 'PERSON#c1#2026-Q4',
    personId: 'c1',
    quarter: '2026-Q4',
    to: 'manager',
    team: 'East',
  },
  { pk: 'PROMOTIONS', sk: 'PERSON#c2#2026-Q4', personId: 'c2', quarter: '2026-Q4', to: 'left' },
  { pk: 'CYCLE#2026-Q3#09', sk: 'MAIL#leader-report#c1', quarter: '2026-Q3', kind: 'leader-report' },
  { pk: 'CYCLE#2026-Q3#03', sk: 'MAIL#hr-summary#hr', quarter: '2026-Q3', kind: 'hr-summary' },
  // An item a later feature keys by the person, unknown to the erasure rules.
  { pk: 'FEATURE#c1', sk: 'RECORD', decidedAt: '2027-01-01' },
  // HR's calibration decisions on c1 and c2, and the console's digests of two quarters.
  {
    pk: 'CYCLE#2026-Q3',
    sk: 'DECISION#c1#2026-10-20T09:00:00.000Z#ab12',
    gsi1pk: 'LEADER#c1',
    gsi1sk: 'DECISION#2026-Q3#2026-10-20T09:00:00.000Z#ab12',
    quarter: '2026-Q3',
    leaderId: 'c1',
    action: 'override',
    modelRecommendation: 'ready-now',
    finalRecommendation: 'ready-next-year',
    reasonCode: 'personal-circumstances',
    reasonLabel: 'Personal circumstances',
    note: 'On leave until March',
    decidedBy: { subject: 'hr-1', name: 'Hana HR', email: 'hana@example.com' },
    decidedAt: '2026-10-20T09:00:00.000Z',
  },
  {
    pk: 'CYCLE#2026-Q3',
    sk: 'DECISION#c2#2026-10-20T09:05:00.000Z#cd34',
    gsi1pk: 'LEADER#c2',
    gsi1sk: 'DECISION#2026-Q3#2026-10-20T09:05:00.000Z#cd34',
    quarter: '2026-Q3',
    leaderId: 'c2',
    action: 'accept',
    modelRecommendation: 'develop',
    finalRecommendation: 'develop',
    reasonCode: 'agree',
    reasonLabel: 'Agree with the model',
    note: '',
    decidedBy: { subject: 'hr-1', name: 'Hana HR', email: 'hana@example.com' },
    decidedAt: '2026-10-20T09:05:00.000Z',
  },
  {
    pk: 'CYCLE#2026-Q3',
    sk: 'DIGEST#0000',
    quarter: '2026-Q3',
    source: '2026-10-15T00:00:00.000Z',
    chunk: 0,
    chunks: 1,
    rows: JSON.stringify([
      { leaderId: 'c1', leaderName: 'Cleo Brandt', managerId: 'm1', readinessScore: 71 },
      { leaderId: 'c2', leaderName: 'Carl Leader', managerId: 'm1', readinessScore: 64 },
    ]),
  },
  {
    pk: 'CYCLE#2026-Q2',
    sk: 'DIGEST#0000',
    quarter: '2026-Q2',
    source: '2026-07-15T00:00:00.000Z',
    chunk: 0,
    chunks: 1,
    rows: JSON.stringify([
      { leaderId: 'c2', leaderName: 'Carl Leader', managerId: 'm2', readinessScore: 60 },
    ]),
  },
  { pk: 'SUPPRESS#abc', sk: 'SUPPRESS', firstAt: '2026-10-01' },
];

function traced(items = ITEMS): PersonTraces {
  const traces = emptyTraces(P);
  for (const item of items) gatherTraces(traces, item);
  return traces;
}
const plan = (items = ITEMS) => {
  const traces = traced(items);
  return items.map((item) => planErasure(item, traces, PSEUDO, rekey));
};

/** Applies the steps to an in-memory table. */
function erase(items: StoredItem[]): StoredItem[] {
  const table = new Map(items.map((item) => [`${item.pk}|${item.sk}`, item]));
  const traces = traced(items);
  for (const item of items) {
    const step = planErasure(item, traces, PSEUDO, rekey);
    if (!step) continue;
    table.delete(`${step.key.pk}|${step.key.sk}`);
    if (step.action !== 'delete') table.set(`${step.item.pk}|${step.item.sk}`, step.item);
  }
  return [...table.values()];
}

describe('planErasure', () => {
  it('deletes what is only about the person, and anything keyed by their id', () => {
    const steps = plan();
    const deleted = steps.filter((s) => s?.action === 'delete').map((s) => `${s!.key.pk}|${s!.key.sk}`);
    expect(deleted.sort()).toEqual(
      [
        'METRICS#2026-Q3#v1|PERSON#c1',
        'FEATURE#c1|RECORD',
        'CYCLE#2026-Q3|DIGEST#0000',
        'PROMOTIONS|PERSON#c1#2026-Q4',
        'RATER#c1|LENIENCY',
        'ROSTER#v1|PERSON#c1',
        'TOKEN#aa|TOKEN',
      ].sort(),
    );
  });

  it('names each step by the kind of item', () => {
    const kinds = Object.fromEntries(
      plan().flatMap((s) => (s ? [[`${s.key.pk}|${s.key.sk}`, `${s.action} ${s.kind}`]] : [])),
    );
    expect(kinds).toMatchObject({
      'PROMOTIONS|PERSON#c1#2026-Q4': 'delete promotion-record',
      'CYCLE#2026-Q3#01|INVITEE#00000#c1': 'move invitee',
      'CYCLE#2026-Q3#09|MAIL#leader-report#c1': 'move report-email',
      'CYCLE#2026-Q3#02|INVITEE#00000#s1': 'update reference',
      'CYCLE#2026-Q3|BATCH#00000': 'update reference',
      'CYCLE#2026-Q3|DECISION#c1#2026-10-20T09:00:00.000Z#ab12': 'move calibration-decision',
      'CYCLE#2026-Q3|DIGEST#0000': 'delete leader-digest',
    });
    // A digest that does not list them stays.
    expect(kinds['CYCLE#2026-Q2|DIGEST#0000']).toBeUndefined();
    const manager = emptyTraces('m1');
    for (const item of ITEMS) gatherTraces(manager, item);
    const summary = ITEMS.find((item) => item.sk.startsWith('MAIL#manager-summary#'))!;
    expect(planErasure(summary, manager, PSEUDO, rekey)).toMatchObject({
      action: 'move',
      kind: 'report-email',
      item: { sk: `MAIL#manager-summary#${PSEUDO}#0f1e`, pk: `SHARD#${PSEUDO}` },
    });
  });

  it('learns their name from any item that lists them, even once their own items are gone', () => {
    const invitee = ITEMS.find((item) => item.sk === 'INVITEE#00000#s1')!;
    const traces = traced([invitee]);
    expect([...traces.names]).toEqual(['Cleo Brandt']);
  });

  it('moves their requests and recommendation under the pseudonym, without names, addresses, comments or history keys', () => {
    const steps = plan();
    const moved = steps.flatMap((s) => (s?.action === 'move' ? [s.item] : []));
    expect(moved.map((item) => item.sk).sort()).toEqual(
      [
        `DECISION#${PSEUDO}#2026-10-20T09:00:00.000Z#ab12`,
        `INVITEE#00000#${PSEUDO}`,
        `MAIL#leader-report#${PSEUDO}`,
        `REC#${PSEUDO}`,
        `REQ#${PSEUDO}#s1`,
        `REQ#c2#${PSEUDO}`,
      ].sort(),
    );
    const rec = moved.find((item) => item.sk === `REC#${PSEUDO}`) as StoredItem;
    expect(rec).toMatchObject({
      leaderId: PSEUDO,
      leaderName: '',
      leaderEmail: '',
      team: '',
      readinessScore: 71,
    });
    expect(rec.responses).toEqual({ coachee: 3, peer: 0, manager: 1, self: 1 });
    expect(rec).not.toHaveProperty('gsi1pk');
    expect(rec).not.toHaveProperty('disclosure');
    const asRater = moved.find((item) => item.sk === `REQ#c2#${PSEUDO}`) as StoredItem;
    expect(asRater).toMatchObject({
      raterId: PSEUDO,
      raterName: '',
      raterEmail: '',
      status: 'answered',
      group: 'peer',
    });
    expect(asRater.answers).toEqual({ ratings: { motivation: 4 }, comments: { keep: '', change: '' } });
    // HR's decision stays counted (action, outcome, reason code), without the note or history keys.
    const decision = moved.find((item) => item.sk.startsWith('DECISION#')) as StoredItem;
    expect(decision).toMatchObject({
      leaderId: PSEUDO,
      action: 'override',
      finalRecommendation: 'ready-next-year',
      reasonCode: 'personal-circumstances',
      note: '',
    });
    expect(decision).not.toHaveProperty('gsi1pk');
    expect(decision).not.toHaveProperty('gsi1sk');
  });

  it('cleans references: ids become the pseudonym, names go, and their comments leave other reports', () => {
    const after = erase(ITEMS);
    const get = (pk: string, sk: string) => after.find((i) => i.pk === pk && i.sk === sk)!;
    expect(get('ROSTER#v1', 'PERSON#s1').coachId).toBe(PSEUDO);
    expect(get('RATER#s1', 'LENIENCY')['obs#2026-Q3#00000']).toEqual([
      [PSEUDO, -0.2, 5],
      ['c2', 0.1, 4],
    ]);
    const carl = get('CYCLE#2026-Q3#00', 'REC#c2');
    expect(carl.report).toEqual({
      groups: [{ group: 'peer', comments: { keep: ['Good pipeline'], change: [] } }],
    });
    expect(carl.disclosure).toEqual({
      means: { motivation: [[PSEUDO, 'c3', 's4']] },
      comments: [[PSEUDO, 'c3', 's4']],
    });
    const batch = get('CYCLE#2026-Q3', 'BATCH#00000').leaders as Record<string, string>[];
    expect(batch[0]).toMatchObject({ leaderId: PSEUDO, name: '', email: '', team: '', managerId: 'm1' });
    expect(batch[1]).toMatchObject({ leaderId: 'c2', name: 'Carl Leader', team: 'North' });
    expect(get('PROMOTIONS', 'PERSON#c2#2026-Q4')).toBeDefined();
    expect(get('CYCLE#2026-Q3#03', 'MAIL#hr-summary#hr')).toBeDefined();
    // The email of a rater who rated them lists the request under its new key.
    expect(get('CYCLE#2026-Q3#02', 'INVITEE#00000#s1').requests).toEqual([
      { sk: `REQ#${PSEUDO}#s1`, leaderId: PSEUDO, leaderName: '', group: 'coachee' },
    ]);
  });

  it('leaves no trace of the person and keeps every count (property over who is erased)', () => {
    const ids = ['c1', 'c2', 's1', 'm1', 'nobody'];
    fc.assert(
      fc.property(fc.constantFrom(...ids), (id) => {
        const items = ITEMS.map((item) => structuredClone(item));
        const traces = emptyTraces(id);
        for (const item of items) gatherTraces(traces, item);
        const table = new Map(items.map((item) => [`${item.pk}|${item.sk}`, item]));
        for (const item of items) {
          const step = planErasure(item, traces, PSEUDO, rekey);
          if (!step) continue;
          table.delete(`${step.key.pk}|${step.key.sk}`);
          if (step.action !== 'delete') table.set(`${step.item.pk}|${step.item.sk}`, step.item);
        }
        const after = [...table.values()];
        const text = JSON.stringify(after);
        for (const trace of [...traces.names, ...traces.emails]) expect(text).not.toContain(trace);
        for (const item of after) {
          expect(item.pk.split('#')).not.toContain(id);
          expect(item.sk.split('#')).not.toContain(id);
        }
        const count = (list: StoredItem[], prefix: string) =>
          list.filter((i) => i.sk.startsWith(prefix)).length;
        expect(count(after, 'REQ#')).toBe(count(ITEMS, 'REQ#'));
        expect(count(after, 'REC#')).toBe(count(ITEMS, 'REC#'));
        expect(count(after, 'DECISION#')).toBe(count(ITEMS, 'DECISION#'));
        const statuses = (list: StoredItem[]) =>
          list
            .filter((i) => i.sk.startsWith('REQ#'))
            .map((i) => i.status)
            .sort();
        expect(statuses(after)).toEqual(statuses(ITEMS));
        expect(after.find((i) => i.sk === 'SUMMARY')).toEqual(ITEMS.find((i) => i.sk === 'SUMMARY'));
        expect(after.find((i) => i.pk === 'SUPPRESS#abc')).toBeDefined();
      }),
    );
  });

  it('a second run finds nothing more to do', () => {
    const once = erase(ITEMS);
    const traces = traced(once);
    expect(once.map((item) => planErasure(item, traces, 'erased-other', rekey)).filter(Boolean)).toEqual([]);
  });

  it('an interrupted erasure is resumed with the pseudonym it marked items with', () => {
    const items = ITEMS.map((item) =>
      item.sk === 'REQ#c1#s1' ? { ...item, [ERASED_AS]: 'erased-earlier' } : item,
    );
    expect(traced(items).earlierPseudonym).toBe('erased-earlier');
  });

  it('replaces the person’s name inside other text, by whole words only', () => {
    const traces = traced();
    const item: StoredItem = {
      pk: 'CYCLE#2026-Q3#00',
      sk: 'REQ#c2#s9',
      quarter: '2026-Q3',
      leaderId: 'c2',
      raterId: 's9',
      answers: answers('Works with Cleo Brandt daily; cleo@example.com', 'Cleo Brandtson is someone else'),
    };
    const step = planErasure(item, traces, PSEUDO, rekey);
    expect(step?.action).toBe('update');
    expect(step?.action === 'update' && step.item.answers).toEqual(
      answers(`Works with ${ERASED_TEXT} daily; ${ERASED_TEXT}`, 'Cleo Brandtson is someone else'),
    );
  });
});
