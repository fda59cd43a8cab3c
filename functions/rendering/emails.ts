/**
 * Emails to raters (invitations and reminders) and what every email shares: the rendered shape, the
 * recipient's language, the document around the body, plain-text helpers. Reports and summaries are
 * in report-emails.ts.
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
import { REQUEST_EMAIL_MESSAGES } from '../i18n/catalogues.ts';
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
// Invitations and reminders

export interface RequestEmailInput extends EmailLanguage {
  kind: 'invitation' | 'reminder';
  raterName: string;
  leaderName: string;
  raterGroup: RaterGroup;
  /** The personal link `<base>/feedback/<token>`. */
  link: string;
  /** ISO 8601 date-time. */
  deadline: string;
  /** Quarter id such as `2026-Q4`. */
  quarter: string;
  /** Minimum size of a coachee or peer group shown to the leader (default 3, never below 3). */
  anonymityMinimum?: number;
}

/** Invitation or reminder to give feedback (or to do the self-assessment), with the personal link. */
export function renderRequestEmail(input: RequestEmailInput): RenderedEmail {
  const l = emailLocaliser(REQUEST_EMAIL_MESSAGES, input);
  const link = safeUrl(input.link);
  const self = input.raterGroup === 'self';
  const reminder = input.kind === 'reminder';
  const deadline = l.deadline(input.deadline);
  const leader = input.leaderName;
  const quarter = input.quarter;
  const minimum = Math.max(3, Math.floor(input.anonymityMinimum ?? 3));

  const due = l.shortDate(input.deadline);
  const subject = oneLine(
    self
      ? reminder
        ? l.text('request.subject.reminder.self', { quarter, due })
        : l.text('request.subject.invitation.self', { quarter })
      : reminder
        ? l.text('request.subject.reminder.other', { leader, due })
        : l.text('request.subject.invitation.other', { leader, quarter }),
  );

  const opening = self
    ? reminder
      ? l.text('request.opening.reminder.self', { quarter })
      : l.text('request.opening.invitation.self', { quarter })
    : reminder
      ? l.text('request.opening.reminder.other', { leader })
      : l.text('request.opening.invitation.other', { leader, quarter, group: input.raterGroup });
  const privacy = self
    ? l.text('request.privacy.self')
    : input.raterGroup === 'manager'
      ? l.text('request.privacy.manager')
      : l.text('request.privacy.anonymous', { leader, minimum });
  const howTo = self ? l.text('request.howTo.self') : l.text('request.howTo.other', { leader });
  const until = l.text('request.until', { deadline });
  const buttonText = l.text(self ? 'request.button.self' : 'request.button.other');
  const greeting = l.text('request.greeting', { name: input.raterName });
  const personal = l.text('request.personal');

  const body = html`<h1 style="${S.h1}">${subject}</h1>
<p style="${S.p}">${greeting}</p>
<p style="${S.p}">${opening}</p>
<p style="${S.p}">${howTo}</p>
<p style="margin:24px 0"><a href="${link}" style="${S.button}">${buttonText}</a></p>
<p style="${S.p}">${until}</p>
<p style="${S.p}">${privacy}</p>
<p style="${S.small}">${l.text('request.linkFallback')}<br><a href="${link}" style="${S.a}">${link}</a></p>
<p style="${S.small}">${personal}</p>
`;

  const text = joinText([
    greeting,
    opening,
    howTo,
    `${buttonText}:\n${link}`,
    until,
    privacy,
    personal,
    textSignature(l),
  ]);

  return { subject, html: emailDocument(l, { title: subject, preheader: until, body }), text };
}
