/**
 * The message catalogues: every language has exactly the English keys, section by section; every
 * message parses as ICU MessageFormat in its language; every placeholder, select/plural argument
 * and markup tag of the English message is used by each translation, and a translation uses none
 * the English message does not have (read from the parsed ICU AST, not with regular expressions).
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../functions/i18n/locales.ts';
import * as de from '../../functions/i18n/messages/de.ts';
import * as en from '../../functions/i18n/messages/en.ts';
import * as es from '../../functions/i18n/messages/es.ts';
import * as fr from '../../functions/i18n/messages/fr.ts';
import * as ja from '../../functions/i18n/messages/ja.ts';

const CATALOGUES: Record<string, Record<string, Record<string, string>>> = { en, de, fr, es, ja };
const EN = CATALOGUES.en!;
const SECTIONS = Object.keys(EN);

type Element = ReturnType<IntlMessageFormat['getAst']>[number];

/** Every argument name (simple, number, select, plural) and every tag of a message, by kind. */
function namesOf(elements: readonly Element[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if ('options' in element) {
      into.add(`argument:${element.value}`);
      for (const option of Object.values(element.options)) namesOf(option.value, into);
    } else if ('children' in element) {
      into.add(`tag:${element.value}`);
      namesOf(element.children, into);
    } else if (element.type !== 0 && element.type !== 7) {
      into.add(`argument:${element.value}`);
    }
  }
  return into;
}

/** The options of every select argument (plural options follow each language's plural rules). */
function selectOptions(elements: readonly Element[], into = new Map<string, Set<string>>()) {
  for (const element of elements) {
    if ('options' in element) {
      if (element.type === 5) into.set(element.value, new Set(Object.keys(element.options)));
      for (const option of Object.values(element.options)) selectOptions(option.value, into);
    } else if ('children' in element) selectOptions(element.children, into);
  }
  return into;
}

const ast = (message: string, locale: string) => new IntlMessageFormat(message, locale).getAst();

describe('message catalogues', () => {
  it('ships the five languages, one catalogue each', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s has exactly the English sections and keys', (locale) => {
    const catalogue = CATALOGUES[locale]!;
    expect(Object.keys(catalogue).sort()).toEqual([...SECTIONS].sort());
    for (const section of SECTIONS) {
      const keys = Object.keys(catalogue[section]!).sort();
      const english = Object.keys(EN[section]!).sort();
      expect({ section, missing: english.filter((k) => !keys.includes(k)) }).toEqual({
        section,
        missing: [],
      });
      expect({ section, extra: keys.filter((k) => !english.includes(k)) }).toEqual({ section, extra: [] });
    }
  });

  it('has no key in two sections (sections are merged per email)', () => {
    const seen = new Map<string, string>();
    for (const section of SECTIONS) {
      for (const key of Object.keys(EN[section]!)) {
        expect(seen.get(key), `${key} in ${section} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, section);
      }
    }
  });

  it.each(LOCALES)('every %s message parses and is not empty', (locale) => {
    for (const section of SECTIONS) {
      for (const [key, message] of Object.entries(CATALOGUES[locale]![section]!)) {
        expect(message.trim(), `${locale} ${key}`).not.toBe('');
        expect(() => ast(message, locale), `${locale} ${key}: ${message}`).not.toThrow();
      }
    }
  });

  it.each(LOCALES.filter((l) => l !== 'en'))(
    '%s uses every placeholder and tag of the English message, and no other',
    (locale) => {
      const problems: string[] = [];
      for (const section of SECTIONS) {
        for (const [key, english] of Object.entries(EN[section]!)) {
          const translated = CATALOGUES[locale]![section]![key]!;
          const want = namesOf(ast(english, 'en'));
          const got = namesOf(ast(translated, locale));
          const missing = [...want].filter((n) => !got.has(n));
          const extra = [...got].filter((n) => !want.has(n));
          if (missing.length > 0) problems.push(`${key}: missing ${missing.join(', ')}`);
          if (extra.length > 0) problems.push(`${key}: unknown ${extra.join(', ')}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it.each(LOCALES.filter((l) => l !== 'en'))('%s selects on the same values as English', (locale) => {
    for (const section of SECTIONS) {
      for (const [key, english] of Object.entries(EN[section]!)) {
        const want = selectOptions(ast(english, 'en'));
        const got = selectOptions(ast(CATALOGUES[locale]![section]![key]!, locale));
        expect(got, `${locale} ${key}`).toEqual(want);
      }
    }
  });

  it('catches a translation that drops a placeholder (the check itself works)', () => {
    const want = namesOf(ast('Feedback for {leader} by {deadline}', 'en'));
    const got = namesOf(ast('Feedback für {leader}', 'de'));
    expect([...want].filter((n) => !got.has(n))).toEqual(['argument:deadline']);
    expect(namesOf(ast('<strong>{n, plural, one {# x} other {# y}}</strong>', 'en'))).toEqual(
      new Set(['tag:strong', 'argument:n']),
    );
  });
});
