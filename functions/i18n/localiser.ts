/**
 * One person's language at work: ICU MessageFormat messages from a catalogue (intl-messageformat),
 * dates in their time zone with the zone named, numbers and lists by Intl.
 *
 *   const l = localiser(FORM_MESSAGES, 'de-AT', 'Europe/Vienna');
 *   l.text('form.title.other', { leader })      // plain text (email text part, subjects)
 *   l.html('form.intro.other', { leader, … })   // SafeHtml for pages and emails
 *   l.deadline(cycle.deadline)                  // "Donnerstag, 24. Dezember 2026 um 17:00 Mitteleuropäische Zeit"
 *
 * Escape by default, as in ../rendering/html.ts: a translated message is a trusted template, but
 * every value put into it is escaped in `html` (unless it is already SafeHtml), and so is the
 * message's own text. Markup in a message is limited to the tags given to `html` (`<strong>` and
 * `<em>` always; callers add e.g. a `<link>` with its href).
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { escapeHtml, SafeHtml } from '../rendering/html.ts';
import { formattingLocale, type Locale, matchLocale, negotiateLocale } from './locales.ts';

/** One language's messages of one catalogue section: key → ICU message. */
export type Messages<K extends string = string> = Readonly<Record<K, string>>;

/** A catalogue section in every shipped language. */
export type MessageSection<K extends string> = Readonly<Record<Locale, Messages<K>>>;

/** What a message may be given: text, numbers (plural, number), or markup already safe. */
export type MessageValue = string | number | SafeHtml;
export type MessageValues = Readonly<Record<string, MessageValue>>;

/** A rich-text tag of a message rendered as HTML: gets the tag's content (already safe markup). */
export type TagRenderer = (content: SafeHtml) => SafeHtml;

interface Compiled {
  format: IntlMessageFormat;
  /** Arguments used by `select` or `plural`: they must stay primitive to choose a branch. */
  selectors: Set<string>;
}

const compiledCache = new Map<string, Compiled>();

/** Names of the arguments of an AST that choose (select/plural) rather than print. */
function selectorsOf(
  elements: ReturnType<IntlMessageFormat['getAst']>,
  into = new Set<string>(),
): Set<string> {
  for (const element of elements) {
    if ('options' in element) {
      into.add(element.value);
      for (const option of Object.values(element.options)) selectorsOf(option.value, into);
    } else if ('children' in element) {
      selectorsOf(element.children, into);
    }
  }
  return into;
}

const DEFAULT_TAGS: Readonly<Record<string, TagRenderer>> = {
  strong: (content) => new SafeHtml(`<strong>${content}</strong>`),
  em: (content) => new SafeHtml(`<em>${content}</em>`),
};

/**
 * A message's own text (and numbers formatted into it) as HTML: `&`, `<`, `>` and `"` escaped, so
 * it is safe in element content and in a double-quoted attribute; an apostrophe stays as written.
 */
const escapeMessageText = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));

const chunkHtml = (chunk: unknown): string =>
  chunk instanceof SafeHtml ? chunk.toString() : escapeMessageText(String(chunk));

export interface LocaliserOptions {
  /** Time zone used when none is given or the given one is unknown. Default `UTC`. */
  fallbackTimeZone?: string;
}

export class Localiser<K extends string> {
  /** The language shown (a shipped catalogue). */
  readonly locale: Locale;
  /** Dates and numbers are formatted for this tag (e.g. `de-AT`, `en-US`; plain `en` → `en-GB`). */
  readonly formatLocale: string;
  /** The IANA zone dates are shown in. */
  readonly timeZone: string;
  readonly #messages: Messages<K>;
  readonly #deadline: Intl.DateTimeFormat;
  readonly #shortDate: Intl.DateTimeFormat;

  constructor(section: MessageSection<K>, locale: Locale, requested: string | undefined, timeZone: string) {
    this.locale = locale;
    this.formatLocale = formattingLocale(locale, requested);
    this.timeZone = timeZone;
    this.#messages = section[locale];
    // A named zone reads better in its generic form ("Central European Time", valid all year);
    // UTC has no generic name, so it keeps its short one.
    const utc = /^(?:UTC|Etc\/(?:UTC|GMT|Zulu|Universal)|GMT|Zulu|Universal)$/i.test(timeZone);
    this.#deadline = new Intl.DateTimeFormat(this.formatLocale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone,
      timeZoneName: utc ? 'short' : 'longGeneric',
    });
    this.#shortDate = new Intl.DateTimeFormat(this.formatLocale, {
      day: 'numeric',
      month: 'short',
      timeZone,
    });
  }

  #compiled(key: K): Compiled {
    const cacheKey = `${this.locale}\u0000${key}`;
    let compiled = compiledCache.get(cacheKey);
    if (!compiled) {
      const message = this.#messages[key];
      if (message === undefined) throw new Error(`No message "${key}" in the ${this.locale} catalogue`);
      const format = new IntlMessageFormat(message, this.locale);
      compiled = { format, selectors: selectorsOf(format.getAst()) };
      compiledCache.set(cacheKey, compiled);
    }
    return compiled;
  }

  /** True when the catalogue has `key` (for keys built from data, such as `flag.<id>`). */
  has(key: string): key is K {
    return Object.hasOwn(this.#messages, key);
  }

  /** The message as plain text: values inserted as they are (for the text part, subjects, headers). */
  text(key: K, values: MessageValues = {}): string {
    const { format } = this.#compiled(key);
    const plain: Record<string, string | number | ((chunks: unknown[]) => string)> = {};
    for (const [name, value] of Object.entries(values)) {
      plain[name] = value instanceof SafeHtml ? value.toString() : value;
    }
    for (const tag of Object.keys(DEFAULT_TAGS)) plain[tag] ??= (chunks) => chunks.join('');
    return formatParts(format, plain)
      .map((part) => String(part))
      .join('');
  }

  /**
   * The message as HTML: its own text and every value escaped, `<strong>`/`<em>` and the given
   * `tags` rendered as markup.
   */
  html(key: K, values: MessageValues = {}, tags: Readonly<Record<string, TagRenderer>> = {}): SafeHtml {
    const { format, selectors } = this.#compiled(key);
    const rich: Record<string, string | number | SafeHtml | ((chunks: unknown[]) => SafeHtml)> = {};
    for (const [name, value] of Object.entries(values)) {
      // A printed text value travels as an escaped object, so the output tells it from the message's own text.
      rich[name] =
        typeof value === 'string' && !selectors.has(name) ? new SafeHtml(escapeHtml(value)) : value;
    }
    for (const [tag, render] of Object.entries({ ...DEFAULT_TAGS, ...tags })) {
      rich[tag] = (chunks) => render(new SafeHtml(chunks.map(chunkHtml).join('')));
    }
    return new SafeHtml(formatParts(format, rich).map(chunkHtml).join(''));
  }

  /** "Thursday, 24 December 2026 at 17:00 Central European Time" in the person's zone; unparseable → as given. */
  deadline(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : this.#deadline.format(date);
  }

  /** "24 Dec" (in the person's zone), for subjects; unparseable → as given. */
  shortDate(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : this.#shortDate.format(date);
  }

  /** A number in the person's format (`1,234.5`, `1.234,5`, `1 234,5`). */
  number(value: number, options: Intl.NumberFormatOptions = {}): string {
    return numberFormat(this.formatLocale, options).format(value);
  }

  /** A 1–5 mean with one decimal (`3.5`, `3,5`), or "—" when nobody rated it. */
  mean(value: number | null | undefined): string {
    return typeof value === 'number' && Number.isFinite(value)
      ? this.number(Math.round(value * 10) / 10, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
      : '—';
  }

  /** A 0–100 score as a whole number, or "—". */
  score(value: number | null | undefined): string {
    return typeof value === 'number' && Number.isFinite(value)
      ? this.number(Math.round(value), { maximumFractionDigits: 0 })
      : '—';
  }

  /** A share as a whole percentage (`83%`, `83 %`, `83 %`). */
  percent(ratio: number): string {
    return this.number(ratio, { style: 'percent', maximumFractionDigits: 0 });
  }

  /**
   * Items of a list in a table cell or a line ("A, B, C"; "A、B、C"). Not Intl.ListFormat: its
   * unit lists use bare spaces in several languages, which run labels together.
   */
  list(items: readonly string[]): string {
    return items.join(this.locale === 'ja' ? '、' : ', ');
  }

  /** Upper case by the language's rules (text-part headings). */
  upper(text: string): string {
    return text.toLocaleUpperCase(this.formatLocale);
  }
}

function formatParts(format: IntlMessageFormat, values: Record<string, unknown>): unknown[] {
  return format
    .formatToParts(values as Parameters<IntlMessageFormat['formatToParts']>[0])
    .map((part) => part.value);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** A time zone the runtime knows, else undefined. */
export function knownTimeZone(zone: string | null | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * A localiser for the first of `preferences` a shipped language serves (see negotiateLocale), in
 * `timeZone` (or `options.fallbackTimeZone`, or UTC, when that is missing or unknown).
 */
export function localiser<K extends string>(
  section: MessageSection<K>,
  preferences: string | readonly (string | null | undefined)[] | null | undefined,
  timeZone?: string | null,
  options: LocaliserOptions = {},
): Localiser<K> {
  const list = typeof preferences === 'string' || preferences == null ? [preferences] : preferences;
  const locale = negotiateLocale(list);
  // Dates follow the preference that chose the language (its region, e.g. de-AT).
  const requested = list.find((tag) => matchLocale(tag) === locale) ?? undefined;
  const zone = knownTimeZone(timeZone) ?? knownTimeZone(options.fallbackTimeZone) ?? 'UTC';
  return new Localiser(section, locale, requested ?? undefined, zone);
}
