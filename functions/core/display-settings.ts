/**
 * The few settings of config/ladder.config.json that only change what people read — the
 * organisation's language and time zone, the anonymity minimum the form and invitations promise, the
 * anonymity and comment minimums the published report is guarded with — read without zod, so that
 * the functions that only render (the form, the invitations, the reports, HR's summary) do not bundle
 * the configuration schema (≈ 90 KB of zod; docs/cost.md, Lambda size).
 *
 * config.ts validates the whole file (its tests and every function that scores load it);
 * test/i18n/display-settings.test.ts checks that these values equal the validated ones. Here a
 * value that is missing or malformed falls back to the safe default: English, UTC, 3.
 */
import rawConfig from '../../config/ladder.config.json' with { type: 'json' };

export interface DisplaySettings {
  organisation: { locale: string; timeZone: string };
  /** Never below 3, as config.ts enforces (readiness/anonymity.ts `anonymityMinimum`). */
  anonymityMinimum: number;
  /** Never below the anonymity minimum (readiness/anonymity.ts `commentMinimum`). */
  commentMinimum: number;
}

const raw = rawConfig as {
  organisation?: { locale?: unknown; timeZone?: unknown };
  anonymityMinimum?: unknown;
  commentMinimum?: unknown;
};

const text = (value: unknown, fallback: string) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;

const integer = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) ? value : undefined;

const anonymityMinimum = Math.max(3, integer(raw.anonymityMinimum) ?? 3);

export const DISPLAY_SETTINGS: DisplaySettings = {
  organisation: {
    locale: text(raw.organisation?.locale, 'en'),
    timeZone: text(raw.organisation?.timeZone, 'UTC'),
  },
  anonymityMinimum,
  commentMinimum: Math.max(anonymityMinimum, integer(raw.commentMinimum) ?? anonymityMinimum),
};
