/**
 * The organisation's language and time zone (`organisation` in config/ladder.config.json): used for
 * everyone the roster gives none, for pages that know nobody (an unknown link) and for HR's email.
 */
import { DISPLAY_SETTINGS } from '../core/display-settings.ts';
import { FALLBACK_LOCALE } from './locales.ts';
import { knownTimeZone } from './localiser.ts';

export interface LocaleSettings {
  /** BCP 47 language tag as configured (e.g. `de-AT`); the shown language is negotiated from it. */
  locale: string;
  /** IANA time zone. */
  timeZone: string;
}

/** The configured defaults, or English and UTC where the configuration names none. */
export function organisationDefaults(
  organisation: Partial<LocaleSettings> = DISPLAY_SETTINGS.organisation,
): LocaleSettings {
  return {
    locale: organisation.locale || FALLBACK_LOCALE,
    timeZone: knownTimeZone(organisation.timeZone) ?? 'UTC',
  };
}
