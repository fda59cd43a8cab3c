/**
 * Emails to raters (invitations and reminders: `renderRaterEmail`, one per rater listing everyone
 * they are asked about) and what every email shares: the rendered shape, the recipient's language,
 * the document around the body, plain-text helpers. Reports and summaries are in report-emails.ts.
 *
 * Each email returns a one-line subject, an HTML part (all user-provided text escaped) and a
 * plain-text part (not escaped: it is not HTML), in the recipient's language (../i18n) with the
 * deadline in their time zone, the zone named.
 *
 * A new email: pick its catalogue section (functions/i18n/catalogues.ts), then
 *   const l = emailLocaliser(SECTION, input);   // input: EmailLanguage
 *   … l.text(key, values) / l.html(key, values), l.deadline(iso) …
 *   return { subject, html: emailDocument(l, { title: subject, preheader, body }), text: joinText([...]) };
 */
import type { RaterGroup } from '../core/model.ts';
import { RATER_EMAIL_MESSAGES, type RaterEmailKey } from '../i18n/catalogues.ts';
import { type Localiser, localiser, type MessageSection } from '../i18n/localiser.ts';
import { emailLayout, html, oneLine, EMAIL_STYLE as S, type SafeHtml, safeUrl } from './html.ts';

export interface RenderedEmail {
  /** One line: never contains CR, LF or other control characters. */
  subject: string;
  html: string;
  text: string;
}

/** The recipient's language and time zone. */
export interface EmailLanguage {
  /**
   * The recipient's language (BCP 47), or preferences most preferred first: the first a shipped
   * language serves is used (`de-AT` → German, Austrian dates), English when none is.
   */
  locale?: string | readonly (string | null | undefined)[];
  /** IANA time zone dates are shown in (UTC when absent or unknown). */
  timeZone?: string;
}

/** A localiser for an email's catalogue section in the recipient's language and zone. */
export function emailLocaliser<K extends string>(
  section: MessageSection<K>,
  language: EmailLanguage,
): Localiser<K> {
  return localiser(section, language.locale, language.timeZone);
}

/** What every email's localiser offers: its language and the shared footer. */
export type EmailFrame = Pick<Localiser<'common.footer'>, 'locale' | 'text'>;

/** The whole HTML document of an email in `l`'s language (its `lang`, its footer). */
export function emailDocument(
  l: EmailFrame,
  input: { title: string; preheader?: string; body: SafeHtml },
): string {
  return emailLayout({
    lang: l.locale,
    title: input.title,
    ...(input.preheader ? { preheader: input.preheader } : {}),
    body: input.body,
    footer: l.text('common.footer'),
  });
}

/** The plain-text signature, after the standard `-- ` separator. */
export function textSignature(l: EmailFrame): string {
  return `-- \n${l.text('common.footer')}`;
}

/** Bulleted plain-text list; an item's own line breaks are indented under its bullet. */
export function textList(items: readonly string[], bullet = '- '): string {
  const indent = `\n${' '.repeat(bullet.length)}`;
  return items.map((i) => `${bullet}${i.replace(/\r?\n/g, indent)}`).join('\n');
}

/** Blocks of a plain-text part, separated by blank lines (false and empty values left out). */
export function joinText(blocks: readonly (string | false | null | undefined)[]): string {
  return `${blocks.filter((b): b is string => typeof b === 'string').join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// One email per rater: the invitation (or a reminder) listing everyone they are asked about

/** One person the rater is asked about, with the personal link to that person's form. */
export interface RaterEmailRequest {
  leaderName: string;
  /** The rater's group for this leader (`self`: the rater's own self-assessment). */
  group: RaterGroup;
  /** The personal link `<base>/feedback/<token>` of this request. */
  link: string;
}

export interface RaterEmailInput extends EmailLanguage {
  kind: 'invitation' | 'reminder';
  raterName: string;
  /** Quarter id such as `2026-Q4`. */
  quarter: string;
  /** ISO 8601 date-time. */
  deadline: string;
  /** Everyone the rater is asked about (a reminder: those still open), the self-assessment first. */
  requests: readonly RaterEmailRequest[];
  /** Minimum size of a coachee or peer group shown to a leader (default 3, never below 3). */
  anonymityMinimum?: number;
}

/** "Ana", "Ana and Ben", "Ana, Ben and Cleo", "Ana, Ben and 3 others", in the rater's language. */
function peopleList(l: Localiser<RaterEmailKey>, names: readonly string[]): string {
  const [first = '', second = '', third = ''] = names;
  if (names.length <= 1) return l.text('rater.people.one', { first });
  if (names.length === 2) return l.text('rater.people.two', { first, second });
  if (names.length === 3) return l.text('rater.people.three', { first, second, third });
  return l.text('rater.people.more', { first, second, count: names.length - 2 });
}

/** The invitation or reminder of one rater, with one personal link per person listed. */
export function renderRaterEmail(input: RaterEmailInput): RenderedEmail {
  if (input.requests.length === 0) throw new RangeError('A rater email lists at least one request');
  const l = emailLocaliser(RATER_EMAIL_MESSAGES, input);
  const { quarter } = input;
  const minimum = Math.max(3, Math.floor(input.anonymityMinimum ?? 3));
  const items = input.requests.map((request) => ({
    ...request,
    link: safeUrl(request.link),
    relation: l.text('rater.relation', { group: request.group, leader: request.leaderName }),
    button: l.text('rater.button', { group: request.group, leader: request.leaderName }),
  }));
  const self = items.some((item) => item.group === 'self');
  const others = items.filter((item) => item.group !== 'self').map((item) => item.leaderName);
  const people = peopleList(l, others);
  const due = l.shortDate(input.deadline);
  const subject = oneLine(
    input.kind === 'reminder'
      ? others.length === 0
        ? l.text('rater.subject.reminder.self', { quarter, due })
        : l.text('rater.subject.reminder.others', { quarter, due })
      : others.length === 0
        ? l.text('rater.subject.invitation.self', { quarter })
        : self
          ? l.text('rater.subject.invitation.selfAndOthers', { quarter, people })
          : l.text('rater.subject.invitation.others', { quarter, people }),
  );
  const opening =
    input.kind === 'reminder'
      ? l.text('rater.opening.reminder', { count: items.length })
      : l.text('rater.opening.invitation', { quarter, count: items.length });
  const until = l.text('rater.until', { deadline: l.deadline(input.deadline) });
  const howTo = l.text(others.length > 0 ? 'rater.howTo.others' : 'rater.howTo.self');
  const groups = new Set(items.map((item) => item.group));
  const privacy = [
    groups.has('self') && l.text('rater.privacy.self'),
    groups.has('manager') && l.text('rater.privacy.manager'),
    (groups.has('coachee') || groups.has('peer')) && l.text('rater.privacy.anonymous', { minimum }),
  ].filter((line): line is string => typeof line === 'string');
  const greeting = l.text('rater.greeting', { name: input.raterName });
  const personal = l.text('rater.personal');

  const body = html`<h1 style="${S.h1}">${subject}</h1>
<p style="${S.p}">${greeting}</p>
<p style="${S.p}">${opening}</p>
<table role="presentation" style="${S.table}"><tbody>
${items.map(
  (
    item,
  ) => html`<tr><td style="${S.td}"><strong>${item.leaderName}</strong><br><span style="${S.small}">${item.relation}</span></td><td style="${S.td};text-align:right"><a href="${item.link}" style="${S.button}">${item.button}</a></td></tr>
`,
)}</tbody></table>
<p style="${S.p}">${howTo}</p>
<p style="${S.p}">${until}</p>
${privacy.map(
  (line) => html`<p style="${S.p}">${line}</p>
`,
)}<p style="${S.small}">${l.text('rater.fallback')}</p>
<ul style="${S.ul}">${items.map((item) => html`<li style="${S.small}">${item.leaderName}: <a href="${item.link}" style="${S.a}">${item.link}</a></li>`)}</ul>
<p style="${S.small}">${personal}</p>
`;

  const text = joinText([
    greeting,
    opening,
    items.map((item) => `${item.button} (${item.relation}):\n${item.link}`).join('\n\n'),
    howTo,
    until,
    ...privacy,
    personal,
    textSignature(l),
  ]);

  return { subject, html: emailDocument(l, { title: subject, preheader: until, body }), text };
}
