/**
 * The languages Ladder speaks and how a person's language is chosen (BCP 47 "best fit" against the
 * five shipped catalogues): `de-AT` reads German, `ja-JP` Japanese, `pt-BR` (not shipped) falls
 * through to the next preference, and in the end to the organisation's language, then English.
 * Pure: Intl only.
 */

/** Shipped languages, in the order the language switch lists them. */
export const LOCALES = ['en', 'de', 'fr', 'es', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

/** The last resort when neither the person, the browser nor the organisation names a shipped language. */
export const FALLBACK_LOCALE: Locale = 'en';

/** Each language's own name, as the language switch shows it. */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  ja: '日本語',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The canonical form of a BCP 47 tag (`en_us` and `EN-US` → `en-US`; POSIX suffixes such as
 * `.UTF-8` dropped), or undefined when it is not a language tag.
 */
export function canonicalTag(tag: string | null | undefined): string | undefined {
  if (typeof tag !== 'string') return undefined;
  const cleaned = tag
    .trim()
    .replace(/[.@].*$/, '')
    .replaceAll('_', '-');
  if (cleaned === '' || cleaned === '*' || cleaned.length > 64) return undefined;
  try {
    return Intl.getCanonicalLocales(cleaned)[0];
  } catch {
    return undefined;
  }
}

/**
 * The shipped language that serves `tag` best: its language subtag when shipped (`de-AT`,
 * `de-CH-1996` → `de`; `ja-Jpan-JP` → `ja`), otherwise undefined. Every shipped catalogue is
 * written for its whole language (no regional variants), so the language subtag decides.
 */
export function matchLocale(tag: string | null | undefined): Locale | undefined {
  const canonical = canonicalTag(tag);
  if (canonical === undefined) return undefined;
  const language = new Intl.Locale(canonical).language;
  return isLocale(language) ? language : undefined;
}

/** The first preference a shipped language serves, else `FALLBACK_LOCALE`. */
export function negotiateLocale(preferences: readonly (string | null | undefined)[]): Locale {
  for (const preference of preferences) {
    const match = matchLocale(preference);
    if (match) return match;
  }
  return FALLBACK_LOCALE;
}

/**
 * The language tags of an `Accept-Language` header, most preferred first (by `q`, then by order);
 * `q=0` and malformed entries are dropped. At most 20 entries are read.
 */
export function acceptLanguage(header: string | null | undefined): string[] {
  if (!header) return [];
  const entries: { tag: string; q: number; index: number }[] = [];
  for (const [index, part] of header.split(',').slice(0, 20).entries()) {
    const [tag, ...params] = part.trim().split(';');
    const q = params
      .map((param) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(param)?.[1])
      .find((value) => value !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    if (tag && weight > 0) entries.push({ tag: tag.trim(), q: weight, index });
  }
  return entries.sort((a, b) => b.q - a.q || a.index - b.index).map((entry) => entry.tag);
}

/**
 * The locale dates and numbers are formatted in: the person's own tag when it is a variant of the
 * language shown (`de-AT` → Austrian month names, `en-US` → US dates), else the language itself.
 * Plain `en` formats as `en-GB` (day month year, 24-hour clock), the form Ladder has always used
 * for an international audience.
 */
export function formattingLocale(locale: Locale, requested?: string | null): string {
  const canonical = canonicalTag(requested);
  if (canonical && canonical !== locale && new Intl.Locale(canonical).language === locale) return canonical;
  return locale === 'en' ? 'en-GB' : locale;
}
