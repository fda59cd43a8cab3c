/**
 * The organisation's language and time zone (`organisation` in config/ladder.config.json): used for
 * everyone the roster gives none, for pages that know nobody (an unknown link) and for HR's email.
 */
import { DEFAULT_CONFIG } from '../core/config.ts';
import { FALLBACK_LOCALE } from './locales.ts';

export interface LocaleSettings {
  /** BCP 47 language tag as configured (e.g. `de-AT`); the shown language is negotiated from it. */
  locale: string;
  /** IANA time zone. */
  timeZone: string;
}

const FALLBACK: LocaleSettings = { locale: FALLBACK_LOCALE, timeZone: 'UTC' };

/** The configured defaults, or English and UTC where the configuration names none. */
export function organisationDefaults(
  config: { organisation?: Partial<LocaleSettings> } = DEFAULT_CONFIG as {
    organisation?: Partial<LocaleSettings>;
  },
): LocaleSettings {
  return {
    locale: config.organisation?.locale || FALLBACK.locale,
    timeZone: config.organisation?.timeZone || FALLBACK.timeZone,
  };
}
