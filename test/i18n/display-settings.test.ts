/**
 * The display settings read without zod (functions/core/display-settings.ts) are the validated
 * configuration's own values.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../functions/core/config.ts';
import { DISPLAY_SETTINGS } from '../../functions/core/display-settings.ts';
import { anonymityMinimum, commentMinimum } from '../../functions/core/readiness/anonymity.ts';

describe('display settings', () => {
  it('equal the validated configuration', () => {
    expect(DISPLAY_SETTINGS.anonymityMinimum).toBe(DEFAULT_CONFIG.anonymityMinimum);
    // The minimums the published report is guarded with are the ones scoring applies.
    expect(DISPLAY_SETTINGS.anonymityMinimum).toBe(anonymityMinimum(DEFAULT_CONFIG));
    expect(DISPLAY_SETTINGS.commentMinimum).toBe(commentMinimum(DEFAULT_CONFIG));
    const organisation = (DEFAULT_CONFIG as { organisation?: { locale: string; timeZone: string } })
      .organisation;
    expect(DISPLAY_SETTINGS.organisation).toEqual(organisation ?? { locale: 'en', timeZone: 'UTC' });
  });
});
