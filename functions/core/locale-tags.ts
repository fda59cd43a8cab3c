/**
 * A person's language and time zone as the roster gives them: a BCP 47 language tag (canonicalised
 * with Intl.getCanonicalLocales, so `en_us` and `EN-US` are both stored as `en-US`) and an IANA
 * time zone name (checked against the runtime's time zone data). Pure: Intl only.
 */

export type TagCheck = { ok: true; value: string } | { ok: false; message: string };

const EXAMPLE_LOCALES = 'en, en-GB, de, fr-CA, es, ja';
const EXAMPLE_ZONES = 'Europe/Berlin, America/New_York, Asia/Tokyo or UTC';

let languageNames: Intl.DisplayNames | undefined;

/** Results by input: a roster repeats a handful of values tens of thousands of times. */
function memoized(check: (raw: string) => TagCheck): (raw: string) => TagCheck {
  const cache = new Map<string, TagCheck>();
  return (raw) => {
    let result = cache.get(raw);
    if (result === undefined) {
      if (cache.size >= 10_000) cache.clear();
      result = check(raw);
      cache.set(raw, result);
    }
    return result;
  };
}

/** `de`, `de-AT`, `en_US` (written `en-US`), `de_DE.UTF-8` (POSIX: written `de-DE`). */
export const canonicalLocale = memoized(checkLocale);

function checkLocale(raw: string): TagCheck {
  const written = raw.trim();
  // POSIX locale names (de_DE.UTF-8, de_DE@euro) are common in HR exports: keep their language part.
  const tag = written.replace(/[.@].*$/, '').replaceAll('_', '-');
  const fail = (why: string): TagCheck => ({
    ok: false,
    message: `locale "${written}" ${why}: use a BCP 47 language tag such as ${EXAMPLE_LOCALES}.`,
  });
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0] ?? '';
  } catch {
    return fail('is not a language tag');
  }
  if (canonical === '') return fail('is not a language tag');
  // Syntax alone lets `english` or `xx` through; a language must be one the runtime can name.
  let language = canonical;
  try {
    language = new Intl.Locale(canonical).language;
    languageNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    if (language !== 'und' && languageNames.of(language) !== undefined) return { ok: true, value: canonical };
  } catch {
    // ICU refuses some syntactically valid tags (e.g. `und`): no language either.
  }
  return fail(`names no language we know ("${language}")`);
}

let zonesByLowerCase: Map<string, string> | undefined;

/**
 * An IANA zone name, written with its canonical case when the runtime lists it. Names the runtime
 * accepts but does not list (`UTC`, or newer names such as `Asia/Kolkata` where it lists
 * `Asia/Calcutta`) are kept as written. Fixed offsets such as `+02:00` are refused: they have no
 * daylight saving time, so deadlines would be shown an hour off half the year.
 */
export const canonicalTimeZone = memoized(checkTimeZone);

function checkTimeZone(raw: string): TagCheck {
  const written = raw.trim();
  const fail = (why: string): TagCheck => ({
    ok: false,
    message: `time_zone "${written}" ${why}: use an IANA time zone name such as ${EXAMPLE_ZONES}.`,
  });
  if (/^(?:[+\-\u2212]\d|(?:UTC|GMT)\s*[+\-\u2212]\s*\d)/i.test(written)) {
    return fail('is a fixed offset, not a time zone (it ignores daylight saving time)');
  }
  zonesByLowerCase ??= new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));
  const listed = zonesByLowerCase.get(written.toLowerCase());
  if (listed !== undefined) return { ok: true, value: listed };
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en', { timeZone: written }).resolvedOptions().timeZone;
  } catch {
    return fail('is not a time zone we know');
  }
  return { ok: true, value: resolved.toLowerCase() === written.toLowerCase() ? resolved : written };
}

/** The language and time zone to write to someone in. */
export interface LocaleSettings {
  locale: string;
  timeZone: string;
}

/** A person's own locale and time zone where the roster gives them, the organisation's otherwise. */
export function localeSettingsOf(
  person: { locale?: string; timeZone?: string } | undefined,
  organisation: LocaleSettings,
): LocaleSettings {
  return {
    locale: person?.locale || organisation.locale,
    timeZone: person?.timeZone || organisation.timeZone,
  };
}
