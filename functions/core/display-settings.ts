/**
 * The few settings of config/ladder.config.json that only change what people read — the
 * organisation's language and time zone, the anonymity minimum the form and invitations promise —
 * read without zod, so that the functions that only render (the form, the invitations, HR's summary)
 * do not bundle the configuration schema (≈ 90 KB of zod; docs/cost.md, Lambda size).
 *
 * config.ts validates the whole file (its tests and every function that scores load it);
 * test/i18n/display-settings.test.ts checks that these values equal the validated ones. Here a
 * value that is missing or malformed falls back to the safe default: English, UTC, 3.
 */
import rawConfig from '../../config/ladder.config.json' with { type: 'json' };

export interface DisplaySettings {
  organisation: { locale: string; timeZone: string };
  /** Never below 3, as config.ts enforces. */
  anonymityMinimum: number;
}

const raw = rawConfig as {
  organisation?: { locale?: unknown; timeZone?: unknown };
  anonymityMinimum?: unknown;
};

const text = (value: unknown, fallback: string) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;

export const DISPLAY_SETTINGS: DisplaySettings = {
  organisation: {
    locale: text(raw.organisation?.locale, 'en'),
    timeZone: text(raw.organisation?.timeZone, 'UTC'),
  },
  anonymityMinimum:
    typeof raw.anonymityMinimum === 'number' && Number.isInteger(raw.anonymityMinimum)
      ? Math.max(3, raw.anonymityMinimum)
      : 3,
};
