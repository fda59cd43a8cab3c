/**
 * The display settings read without zod (functions/core/display-settings.ts) are the validated
 * configuration's own values.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../functions/core/config.ts';
import { DISPLAY_SETTINGS } from '../../functions/core/display-settings.ts';

describe('display settings', () => {
  it('equal the validated configuration', () => {
    expect(DISPLAY_SETTINGS.anonymityMinimum).toBe(DEFAULT_CONFIG.anonymityMinimum);
    const organisation = (DEFAULT_CONFIG as { organisation?: { locale: string; timeZone: string } })
      .organisation;
    expect(DISPLAY_SETTINGS.organisation).toEqual(organisation ?? { locale: 'en', timeZone: 'UTC' });
  });
});
