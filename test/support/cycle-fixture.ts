/**
 * One local runtime per test file with a small sample roster imported and a review cycle started:
 * the real workflow sends the invitations through local SES, and the fixture hands back every
 * personal link with the request it leads to.
 *
 *   const fixture = await startCycleFixture({ teams: 1, deadlineSeconds: 600 });
 *   const { url, request } = fixture.take({ group: 'peer' });   // an invitation no other test used
 *   ...
 *   await fixture.close();
 *
 * One fixture at a time per process: the runtime points process.env at its stand-ins.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { cycleStart } from '../../cli/commands/cycle.ts';
import { rosterImport } from '../../cli/commands/roster.ts';
import { sampleOrganisation } from '../../cli/demo/sample-org.ts';
import type { Person, RaterGroup } from '../../functions/core/model.ts';
import { previousQuarter } from '../../functions/core/quarter.ts';
import { getCycle } from '../../functions/shared/store/cycle-store.ts';
import type { CycleItem, RequestItem, TokenItem } from '../../functions/shared/store/items.ts';
import { findByTokenHash } from '../../functions/shared/store/request-store.ts';
import { hashToken } from '../../functions/shared/tokens.ts';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '../../local/runtime.ts';
import { readMailStore, type StoredEmail } from '../../local/ses.ts';
import { feedbackLinks, pollUntil, tokenOf, waitForEmails } from './mail.ts';

export interface CycleOptions {
  /** Default: the quarter just ended. */
  quarter?: string;
  /** Deadline this many seconds after the start. Default 600. */
  deadlineSeconds?: number;
  /** Reminder times, in seconds after the start. Default: the workflow's own (50 % and 85 %). */
  reminderSeconds?: number | number[];
  /** Default 30 s: how long to wait for every invitation to be sent. */
  timeoutMs?: number;
}

export interface CycleFixtureOptions extends CycleOptions {
  /** Teams of the sample organisation (1 manager, 2 consultant leaders, 8–10 sellers each). Default 1. */
  teams?: number;
  seed?: number;
  /** Change the sample people before the roster CSV is written (e.g. a hostile name). */
  editPeople?: (people: Person[]) => Person[];
  /** Extra options for startLocalRuntime (quiet and retryIntervalScale 0.01 are set already). */
  runtimeOptions?: LocalRuntimeOptions;
}

/** One personal link from an email, with the request and token item it resolves to. */
export interface Invitation {
  url: string;
  token: string;
  email: StoredEmail;
  /** The request as it was when the link was found (read it again with `requestOf`). */
  request: RequestItem;
  purpose: TokenItem['purpose'];
  quarter: string;
  group: RaterGroup;
  leaderId: string;
  raterId: string;
  raterEmail: string;
}

export interface InvitationFilter {
  group?: RaterGroup;
  leaderId?: string;
  raterId?: string;
  raterEmail?: string;
}

export interface OpenedCycle {
  quarter: string;
  /** ISO 8601. */
  deadline: string;
  executionArn: string;
  /** Every invitation of the cycle (one per request). */
  invitations: Invitation[];
  /** `linkKey(raterEmail, leaderId)` → the invitation URL. */
  links: Map<string, string>;
  /** The first invitation matching `filter`; throws when there is none. */
  invitation(filter?: InvitationFilter): Invitation;
  /** Like `invitation`, but each invitation is handed out once: tests do not share requests. */
  take(filter?: InvitationFilter): Invitation;
}

export interface CycleFixture extends OpenedCycle {
  runtime: LocalRuntime;
  /** The roster that was imported. */
  people: Person[];
  /** When the fixture started (mail older than this is ignored). */
  startedAt: Date;
  /** Starts another cycle (another quarter) in the same runtime and waits for its invitations. */
  openCycle(options: CycleOptions & { quarter: string }): Promise<OpenedCycle>;
  /** Emails sent since the fixture started that match `predicate`, once there are at least `count`. */
  waitForEmails(
    predicate: (email: StoredEmail) => boolean,
    count: number,
    timeoutMs?: number,
  ): Promise<StoredEmail[]>;
  /**
   * Personal links (invitations, or reminders with purpose `reminder-<round>`) sent since the fixture
   * started, resolved through the token table, once there are at least `count` matching.
   */
  waitForLinks(
    count: number,
    filter?: InvitationFilter & { quarter?: string; purpose?: string },
    timeoutMs?: number,
  ): Promise<Invitation[]>;
  /** The request item behind a link, read now (consistent read). */
  requestOf(invitation: Pick<Invitation, 'token'>): Promise<RequestItem>;
  /** The cycle item, read now. Default: the fixture's quarter. */
  cycle(quarter?: string): Promise<CycleItem>;
  close(): Promise<void>;
}

export function linkKey(raterEmail: string, leaderId: string): string {
  return `${raterEmail.toLowerCase()}>${leaderId}`;
}

/** Starts the runtime, imports the sample roster, starts a cycle and waits for all its invitations. */
export async function startCycleFixture(options: CycleFixtureOptions = {}): Promise<CycleFixture> {
  const startedAt = new Date();
  const since = Math.floor(startedAt.getTime() / 1000);
  const dir = await mkdtemp(join(tmpdir(), 'ladder-fixture-'));
  const runtime = await startLocalRuntime({
    quiet: true,
    retryIntervalScale: 0.01,
    ...options.runtimeOptions,
  });
  const close = async () => {
    await runtime.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const sample = sampleOrganisation({ teams: options.teams ?? 1, seed: options.seed ?? 2026 });
    const people = options.editPeople ? options.editPeople(sample.people) : sample.people;
    const rosterFile = join(dir, 'roster.csv');
    await writeFile(rosterFile, rosterCsv(people), 'utf8');
    await rosterImport(rosterFile, () => {});

    // Links resolved once per email: the token lookups are the slow part of polling.
    const resolved = new Map<string, Invitation[]>();
    const resolveEmail = async (email: StoredEmail): Promise<Invitation[]> => {
      const known = resolved.get(email.messageId);
      if (known) return known;
      const found: Invitation[] = [];
      for (const url of feedbackLinks(email)) {
        const token = tokenOf(url);
        const link = await findByTokenHash(hashToken(token));
        if (!link) continue; // a link of another runtime
        const { request } = link;
        found.push({
          url,
          token,
          email,
          request,
          purpose: link.token.purpose,
          quarter: link.token.quarter,
          group: request.group,
          leaderId: request.leaderId,
          raterId: request.raterId,
          raterEmail: request.raterEmail,
        });
      }
      resolved.set(email.messageId, found);
      return found;
    };

    const waitForLinks: CycleFixture['waitForLinks'] = async (count, filter = {}, timeoutMs = 30_000) => {
      let matching: Invitation[] = [];
      await pollUntil(
        async () => {
          const { emails } = await readMailStore(runtime.endpoints.ses, since);
          const links = (await Promise.all(emails.map(resolveEmail))).flat();
          matching = links.filter(
            (link) =>
              (filter.quarter === undefined || link.quarter === filter.quarter) &&
              (filter.purpose === undefined || link.purpose === filter.purpose) &&
              matches(link, filter),
          );
          return matching.length >= count;
        },
        { timeoutMs, intervalMs: 200, what: `${count} links matching ${JSON.stringify(filter)}` },
      ).catch((error: Error) => {
        throw new Error(`${error.message} (found ${matching.length})`);
      });
      return matching;
    };

    const openCycle = async (cycleOptions: CycleOptions & { quarter: string }): Promise<OpenedCycle> => {
      const start = Date.now();
      const seconds = (s: number) => new Date(start + s * 1000).toISOString();
      const reminders =
        cycleOptions.reminderSeconds === undefined ? [] : [cycleOptions.reminderSeconds].flat().map(seconds);
      const deadline = seconds(cycleOptions.deadlineSeconds ?? 600);
      const outcome = await cycleStart(
        runtime.stateMachineArn,
        // Tests open fixed quarters, whatever today's date: the quarter window does not apply.
        { quarter: cycleOptions.quarter, deadline, reminders, force: true },
        () => {},
      );
      if (!outcome.started) throw new Error(`The ${cycleOptions.quarter} cycle was already started`);
      const timeoutMs = cycleOptions.timeoutMs ?? 30_000;
      let cycle: CycleItem | undefined;
      await pollUntil(
        async () => {
          cycle = await getCycle(cycleOptions.quarter);
          return cycle !== undefined && cycle.status !== 'opening';
        },
        { timeoutMs, what: `the ${cycleOptions.quarter} cycle to open` },
      );
      const invitations = await waitForLinks(
        cycle!.requestCount,
        { quarter: cycleOptions.quarter, purpose: 'invitation' },
        timeoutMs,
      );
      return openedCycle(cycleOptions.quarter, cycle!.deadline, outcome.executionArn, invitations);
    };

    const first = await openCycle({ ...options, quarter: options.quarter ?? previousQuarter(new Date()) });
    return {
      ...first,
      runtime,
      people,
      startedAt,
      openCycle,
      waitForEmails: (predicate, count, timeoutMs) =>
        waitForEmails(runtime.endpoints.ses, predicate, count, {
          since,
          ...(timeoutMs ? { timeoutMs } : {}),
        }),
      waitForLinks,
      requestOf: async ({ token }) => {
        const found = await findByTokenHash(hashToken(token));
        if (!found) throw new Error('No request behind this link');
        return found.request;
      },
      cycle: async (quarter = first.quarter) => {
        const cycle = await getCycle(quarter);
        if (!cycle) throw new Error(`No ${quarter} cycle`);
        return cycle;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The roster CSV of `people` (the README's column order). */
export function rosterCsv(people: Person[]): string {
  return stringify(
    people.map((p) => [p.personId, p.name, p.email, p.role, p.team, p.managerId, p.coachId]),
    { header: true, columns: ['person_id', 'name', 'email', 'role', 'team', 'manager_id', 'coach_id'] },
  );
}

function matches(invitation: Invitation, filter: InvitationFilter): boolean {
  return (
    (filter.group === undefined || invitation.group === filter.group) &&
    (filter.leaderId === undefined || invitation.leaderId === filter.leaderId) &&
    (filter.raterId === undefined || invitation.raterId === filter.raterId) &&
    (filter.raterEmail === undefined ||
      invitation.raterEmail.toLowerCase() === filter.raterEmail.toLowerCase())
  );
}

function openedCycle(
  quarter: string,
  deadline: string,
  executionArn: string,
  invitations: Invitation[],
): OpenedCycle {
  const links = new Map(invitations.map((i) => [linkKey(i.raterEmail, i.leaderId), i.url]));
  const taken = new Set<Invitation>();
  const find = (filter: InvitationFilter, available: (i: Invitation) => boolean) => {
    const found = invitations.find((i) => available(i) && matches(i, filter));
    if (!found) throw new Error(`No ${quarter} invitation left matching ${JSON.stringify(filter)}`);
    return found;
  };
  return {
    quarter,
    deadline,
    executionArn,
    invitations,
    links,
    invitation: (filter = {}) => find(filter, () => true),
    take: (filter = {}) => {
      const found = find(filter, (i) => !taken.has(i));
      taken.add(found);
      return found;
    },
  };
}
