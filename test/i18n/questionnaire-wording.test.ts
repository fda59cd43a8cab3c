/**
 * The questionnaire's wording is versioned per language: answers store the id of the words the rater
 * saw (`v1-de-1`). Each id's words are pinned here by a fingerprint, so that changing a word without
 * giving the wording a new id (functions/core/questionnaire.ts, QUESTIONNAIRE_WORDINGS) fails.
 * A new id gets a new line below; an old line stays (answers in it are stored).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  competenciesFor,
  QUESTIONNAIRE_V1,
  QUESTIONNAIRE_WORDINGS,
} from '../../functions/core/questionnaire.ts';
import { LOCALES } from '../../functions/i18n/locales.ts';
import { localisedQuestionnaire, questionnaireWording } from '../../functions/i18n/questionnaire.ts';

/** Wording id → fingerprint of its words (sha256 of the wording without its id, 16 hex digits). */
const FINGERPRINTS: Record<string, string> = {
  'v1-en-1': '7f0b1b5cc16e429c',
  'v1-de-1': '94e958cd3b0d9bd5',
  'v1-fr-1': '32d8430a51665843',
  'v1-es-1': 'd7a884f52b0d852d',
  'v1-ja-1': 'e94976593fb9ccef',
};

const fingerprint = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

describe('questionnaire wording per language', () => {
  it('has a wording id for every shipped language', () => {
    expect(Object.keys(QUESTIONNAIRE_WORDINGS[1]!).sort()).toEqual([...LOCALES].sort());
  });

  it.each(LOCALES)('%s: the words of its wording id are the words recorded for it', (locale) => {
    const { id, ...words } = questionnaireWording(locale);
    expect(id).toMatch(new RegExp(`^v1-${locale}-\\d+$`));
    expect(
      FINGERPRINTS[id],
      `The ${locale} wording changed: give it a new id in QUESTIONNAIRE_WORDINGS and record ${id.replace(/\d+$/, 'N')} → ${fingerprint(words)} here`,
    ).toBe(fingerprint(words));
  });

  it('is the questionnaire version 1 in English, word for word', () => {
    const en = localisedQuestionnaire('en');
    expect(en.scale).toEqual(QUESTIONNAIRE_V1.scale);
    expect(en.notObservedLabel).toBe(QUESTIONNAIRE_V1.notObservedLabel);
    expect(en.competencies).toEqual(QUESTIONNAIRE_V1.competencies);
    expect(en.openQuestions).toEqual(QUESTIONNAIRE_V1.openQuestions);
    expect(en.wording).toBe(QUESTIONNAIRE_V1.wording);
  });

  it.each(LOCALES)('%s keeps everything that is scored and words every part of it', (locale) => {
    const q = localisedQuestionnaire(locale);
    expect(q.version).toBe(1);
    expect(q.locale).toBe(locale);
    expect(q.competencies.map(({ id, area, groups }) => ({ id, area, groups }))).toEqual(
      QUESTIONNAIRE_V1.competencies.map(({ id, area, groups }) => ({ id, area, groups })),
    );
    expect(q.scale.map((p) => p.value)).toEqual([1, 2, 3, 4, 5]);
    const words = [
      ...q.scale.map((p) => p.label),
      q.notObservedLabel,
      ...q.competencies.flatMap((c) => [c.label, c.statement]),
      ...q.openQuestions.map((o) => o.prompt),
      ...Object.values(q.areaLabels ?? {}),
    ];
    for (const word of words) expect(word.trim()).not.toBe('');
    // Labels name competencies in reports and error messages: they must tell them apart.
    expect(new Set(q.competencies.map((c) => c.label)).size).toBe(13);
    expect(new Set(q.scale.map((p) => p.label)).size).toBe(5);
    if (locale !== 'en') {
      const english = new Set(QUESTIONNAIRE_V1.competencies.map((c) => c.statement));
      expect(q.competencies.filter((c) => english.has(c.statement))).toEqual([]);
    }
    expect(competenciesFor('peer', q).map((c) => c.id)).toEqual(competenciesFor('peer').map((c) => c.id));
  });
});
