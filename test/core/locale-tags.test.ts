import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import rawConfig from '../../config/ladder.config.json' with { type: 'json' };
import { DEFAULT_CONFIG, parseConfig } from '../../functions/core/config.ts';
import { canonicalLocale, canonicalTimeZone, localeSettingsOf } from '../../functions/core/locale-tags.ts';

describe('canonicalLocale', () => {
  it('canonicalises BCP 47 tags and the POSIX forms HR systems export', () => {
    const cases: [string, string][] = [
      ['de', 'de'],
      ['DE-at', 'de-AT'],
      ['en_us', 'en-US'],
      ['de_DE.UTF-8', 'de-DE'],
      ['fr_FR@euro', 'fr-FR'],
      ['zh-hant-tw', 'zh-Hant-TW'],
      ['iw', 'he'],
      [' ja ', 'ja'],
    ];
    for (const [raw, canonical] of cases)
      expect(canonicalLocale(raw)).toEqual({ ok: true, value: canonical });
  });

  it('refuses what is no language tag, or names no language', () => {
    for (const raw of ['english', 'xx', 'und', 'de--DE', '12', 'en-US-']) {
      expect(canonicalLocale(raw)).toMatchObject({ ok: false, message: expect.stringContaining(`"${raw}"`) });
    }
  });

  it('is idempotent', () => {
    const tags = fc.constantFrom(
      'en',
      'en-GB',
      'de_AT',
      'FR-ca',
      'es-419',
      'ja-JP',
      'pt_BR',
      'zh-Hans-CN',
      'sr-Latn',
    );
    fc.assert(
      fc.property(tags, (tag) => {
        const once = canonicalLocale(tag);
        if (!once.ok) throw new Error(once.message);
        expect(canonicalLocale(once.value)).toEqual(once);
      }),
    );
  });
});

describe('canonicalTimeZone', () => {
  it('accepts IANA names in any case, keeping names the runtime knows under another spelling', () => {
    expect(canonicalTimeZone('europe/berlin')).toEqual({ ok: true, value: 'Europe/Berlin' });
    expect(canonicalTimeZone('Asia/Kolkata')).toEqual({ ok: true, value: 'Asia/Kolkata' });
    expect(canonicalTimeZone('UTC')).toEqual({ ok: true, value: 'UTC' });
    expect(canonicalTimeZone('utc')).toEqual({ ok: true, value: 'UTC' });
    expect(canonicalTimeZone('America/Argentina/Buenos_Aires')).toMatchObject({ ok: true });
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      expect(canonicalTimeZone(zone)).toEqual({ ok: true, value: zone });
    }
  });

  it('refuses unknown names and fixed offsets', () => {
    for (const raw of ['Mars/Phobos', 'Berlin', 'CEST', '+02:00', '-5', 'UTC+2', 'GMT -03:00', 'Local']) {
      expect(canonicalTimeZone(raw)).toMatchObject({
        ok: false,
        message: expect.stringContaining(`"${raw}"`),
      });
    }
  });
});

describe('organisation defaults', () => {
  it('come from the configuration, validated and canonicalised', () => {
    expect(DEFAULT_CONFIG.organisation).toEqual({ locale: 'en', timeZone: 'UTC' });
    expect(
      parseConfig({ ...rawConfig, organisation: { locale: 'de_de', timeZone: 'europe/zurich' } })
        .organisation,
    ).toEqual({ locale: 'de-DE', timeZone: 'Europe/Zurich' });
    expect(() => parseConfig({ ...rawConfig, organisation: { locale: 'german', timeZone: 'UTC' } })).toThrow(
      /organisation\.locale: locale "german"/,
    );
  });

  it('fill in what a person does not have', () => {
    const organisation = { locale: 'en', timeZone: 'UTC' };
    expect(localeSettingsOf({ locale: 'de-AT' }, organisation)).toEqual({ locale: 'de-AT', timeZone: 'UTC' });
    expect(localeSettingsOf({ timeZone: 'Asia/Tokyo' }, organisation)).toEqual({
      locale: 'en',
      timeZone: 'Asia/Tokyo',
    });
    expect(localeSettingsOf(undefined, organisation)).toEqual(organisation);
  });
});
