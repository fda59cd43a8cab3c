/**
 * Simulated raters for the demo and the benchmarks. Each one reads their email from the local mail
 * store — one email per rater, listing everyone they are asked about — follows each person's link
 * and answers through real HTTP GET and POST of the form, as a person would.
 */

import { gaussian } from './random.ts';
import type { LeaderProfile } from './sample-org.ts';

export type Behaviour = 'prompt' | 'late' | 'decline' | 'never';

export interface MailMessage {
  messageId?: string;
  subject: string;
  destination: { to: string[] };
  body: { text?: string; html?: string };
  at?: number;
}

const LINK = /https?:\/\/[^\s"'<>]+\/feedback\/[A-Za-z0-9_-]{43}/;

export function linkIn(message: MailMessage): string | undefined {
  return (message.body.text ?? '').match(LINK)?.[0] ?? (message.body.html ?? '').match(LINK)?.[0];
}

/** One person listed in a rater's email: their name (the rater's own, for the self-assessment) and link. */
export interface ListedRequest {
  link: string;
  /** Undefined for the rater's own self-assessment. */
  leaderName?: string;
  self: boolean;
}

const LISTED =
  /^(?:Start my self-assessment|Give feedback on (.+)) \([^\n]*\):\n(https?:\/\/[^\s"'<>]+\/feedback\/[A-Za-z0-9_-]{43})$/gm;
const LINK_LINE = /^https?:\/\/[^\s"'<>]+\/feedback\/[A-Za-z0-9_-]{43}$/;

/**
 * Everyone a rater's invitation or reminder lists, read from its plain-text part, as a person reads
 * it: each link comes under the line that names the person it is about. Given the names of the
 * leaders who may be listed, this works in any language (the line naming none of them is the
 * rater's own self-assessment); without them, it reads the English wording.
 */
export function requestsIn(message: MailMessage, leaderNames?: readonly string[]): ListedRequest[] {
  const text = message.body.text ?? '';
  if (!leaderNames) {
    return [...text.matchAll(LISTED)].map((match) => ({
      link: match[2]!,
      self: match[1] === undefined,
      ...(match[1] === undefined ? {} : { leaderName: match[1] }),
    }));
  }
  // Longest first, so that "Ana Lee-Smith" is not read as "Ana Lee".
  const names = [...leaderNames].sort((a, b) => b.length - a.length);
  const lines = text.split(/\r?\n/);
  const listed: ListedRequest[] = [];
  lines.forEach((line, i) => {
    if (!LINK_LINE.test(line.trim()) || i === 0) return;
    const about = lines[i - 1] ?? '';
    const leaderName = names.find((name) => about.includes(name));
    listed.push({ link: line.trim(), self: leaderName === undefined, ...(leaderName ? { leaderName } : {}) });
  });
  return listed;
}

/** An English reminder, by its subject (the demo tells reminders by who was already invited). */
export function isReminder(message: MailMessage): boolean {
  return /remind/i.test(message.subject);
}

export function isRequestEmail(message: MailMessage): boolean {
  return linkIn(message) !== undefined;
}

/** Competency ids the form asks, read from its radio groups. */
export function competenciesOnForm(html: string): string[] {
  return [...new Set([...html.matchAll(/name="rating\.([a-z0-9-]+)"/g)].map((m) => m[1]!))];
}

const KEEP = [
  'Runs short, focused pipeline reviews & follows up.',
  'Shares call recordings and what made them work.',
  'Asks "what would you try next?" instead of giving the answer.',
  'Stays calm when a deal slips <and> helps re-plan.',
];
const CHANGE = [
  'Delegate more of the forecasting detail.',
  'Make time for 1:1s in the last week of the quarter too.',
  'Be clearer about territory changes earlier.',
  '',
];

export interface RatingStyle {
  profile: LeaderProfile;
  /** The rater's personal leniency on the 1–5 scale (positive = lenient). */
  leniency: number;
  self: boolean;
}

/** A filled form, drawn from the leader's true profile, the rater's leniency and noise. */
export function fillForm(
  competencies: string[],
  style: RatingStyle,
  random: () => number,
  management: Set<string>,
): URLSearchParams {
  const form = new URLSearchParams();
  for (const id of competencies) {
    if (random() < 0.05) {
      form.set(`rating.${id}`, 'na');
      continue;
    }
    const truth = management.has(id) ? style.profile.management : style.profile.coaching;
    const value = truth + style.leniency + (style.self ? 0.4 : 0) + gaussian(random) * 0.5;
    form.set(`rating.${id}`, String(Math.min(5, Math.max(1, Math.round(value)))));
  }
  form.set('comment.keep', KEEP[Math.floor(random() * KEEP.length)]!);
  form.set('comment.change', CHANGE[Math.floor(random() * CHANGE.length)]!);
  form.set('action', 'submit');
  return form;
}

export async function getPage(url: string): Promise<{ status: number; html: string }> {
  const response = await fetch(url);
  return { status: response.status, html: await response.text() };
}

export async function postForm(
  url: string,
  form: URLSearchParams,
): Promise<{ status: number; html: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  return { status: response.status, html: await response.text() };
}
