import { describe, expect, it } from 'vitest';
import { isDecline, parseAnswers } from '../../functions/core/answers.ts';
import type { RaterGroup } from '../../functions/core/model.ts';
import { competenciesFor } from '../../functions/core/questionnaire.ts';

/** A complete form for a group: every asked competency rated `value`. */
function fullForm(group: RaterGroup, value = '4'): Record<string, string | string[]> {
  return Object.fromEntries(competenciesFor(group).map((c) => [`rating.${c.id}`, value]));
}

function errorsOf(form: Record<string, string | string[]>, group: RaterGroup) {
  const result = parseAnswers(form, group);
  if (result.ok) throw new Error('expected the form to be rejected');
  return result.errors;
}

describe('parseAnswers', () => {
  it('accepts a complete coachee form, turning "na" into null and ignoring unrelated fields', () => {
    const form = {
      ...fullForm('coachee'),
      'rating.motivation': 'na',
      'rating.deal-strategy': '1',
      'comment.keep': '  Great questions in our 1:1s.  ',
      'comment.change': 'More time\r\nfor deal reviews.',
      action: 'submit',
      csrf: 'abc',
    };
    const result = parseAnswers(form, 'coachee');
    expect(result).toEqual({
      ok: true,
      answers: {
        ratings: {
          'coaching-questions': 4,
          'knowledge-transfer': 4,
          motivation: null,
          development: 4,
          'deal-strategy': 1,
        },
        comments: { keep: 'Great questions in our 1:1s.', change: 'More time\nfor deal reviews.' },
      },
    });
  });

  it('has empty comments when none are given', () => {
    const result = parseAnswers(fullForm('manager', '5'), 'manager');
    expect(result.ok && result.answers.comments).toEqual({ keep: '', change: '' });
    expect(result.ok && Object.keys(result.answers.ratings)).toEqual(
      competenciesFor('manager').map((c) => c.id),
    );
  });

  it('requires a rating for every competency of the group, naming the competency label', () => {
    const form = fullForm('manager');
    delete form['rating.forecasting'];
    expect(errorsOf(form, 'manager')).toEqual([
      {
        field: 'rating.forecasting',
        message: 'Choose a rating for "Forecasting" (1–5 or Not observed).',
        problem: { kind: 'missing', competency: 'forecasting' },
      },
    ]);
  });

  it.each(['0', '6', '3.5', '', ' 3', 'NA', 'yes'])('rejects the rating value %j', (value) => {
    const form = { ...fullForm('peer'), 'rating.firefighting': value };
    expect(errorsOf(form, 'peer')).toEqual([
      {
        field: 'rating.firefighting',
        message: 'Choose a rating for "Firefighting" (1–5 or Not observed).',
        problem: { kind: 'missing', competency: 'firefighting' },
      },
    ]);
  });

  it('accepts every value 1–5 and na', () => {
    for (const value of ['1', '2', '3', '4', '5']) {
      const result = parseAnswers(fullForm('self', value), 'self');
      expect(result.ok && result.answers.ratings.hiring).toBe(Number(value));
    }
    const result = parseAnswers(fullForm('self', 'na'), 'self');
    expect(result.ok && Object.values(result.answers.ratings).every((r) => r === null)).toBe(true);
  });

  it('rejects a rating of a competency the group is not asked, and an unknown competency', () => {
    const form = { ...fullForm('coachee'), 'rating.forecasting': '3', 'rating.charisma': '5' };
    expect(errorsOf(form, 'coachee')).toEqual([
      {
        field: 'rating.charisma',
        message: '"rating.charisma" is not a question of this form.',
        problem: { kind: 'unknown' },
      },
      {
        field: 'rating.forecasting',
        message: '"Forecasting" is not asked of coachees.',
        problem: { kind: 'not-asked', competency: 'forecasting', group: 'coachee' },
      },
    ]);
  });

  it('rejects a field given twice', () => {
    const form = { ...fullForm('manager'), 'rating.hiring': ['3', '4'], 'comment.keep': ['a', 'b'] };
    expect(errorsOf(form, 'manager')).toEqual([
      {
        field: 'rating.hiring',
        message: '"Hiring" was answered more than once; choose one rating.',
        problem: { kind: 'repeated', competency: 'hiring' },
      },
      {
        field: 'comment.keep',
        message: '"What should they keep doing?" was sent more than once; send one answer.',
        problem: { kind: 'comment-repeated', question: 'keep' },
      },
    ]);
  });

  it('limits comments to 2000 characters after trimming, counting an emoji as one character', () => {
    const atLimit = parseAnswers({ ...fullForm('peer'), 'comment.keep': ` ${'😀'.repeat(2000)} ` }, 'peer');
    expect(atLimit.ok).toBe(true);
    const errors = errorsOf({ ...fullForm('peer'), 'comment.change': 'x'.repeat(2001) }, 'peer');
    expect(errors).toEqual([
      {
        field: 'comment.change',
        message: '"What should they do differently?" is too long: 2001 characters, at most 2000 are allowed.',
        problem: { kind: 'too-long', question: 'change', length: 2001, max: 2000 },
      },
    ]);
  });

  it('rejects NUL and other control characters but keeps newlines and tabs', () => {
    const ok = parseAnswers({ ...fullForm('peer'), 'comment.keep': 'a\tb\nc' }, 'peer');
    expect(ok.ok && ok.answers.comments.keep).toBe('a\tb\nc');
    for (const bad of ['a\u0000b', 'a\u0007b', 'a\u001bb', 'a\u007fb']) {
      expect(errorsOf({ ...fullForm('peer'), 'comment.keep': bad }, 'peer')).toEqual([
        {
          field: 'comment.keep',
          message:
            '"What should they keep doing?" contains a control character; use only text, line breaks and tabs.',
          problem: { kind: 'control', question: 'keep' },
        },
      ]);
    }
  });

  it('reports all problems at once', () => {
    const errors = errorsOf({ 'rating.hiring': '9', 'comment.keep': 'x'.repeat(2500) }, 'self');
    expect(errors.map((e) => e.field)).toEqual([
      ...competenciesFor('self').map((c) => `rating.${c.id}`),
      'comment.keep',
    ]);
  });
});

describe('isDecline', () => {
  it('is true only for action=decline', () => {
    expect(isDecline({ action: 'decline' })).toBe(true);
    expect(isDecline({ action: 'submit' })).toBe(false);
    expect(isDecline({})).toBe(false);
    expect(isDecline({ action: ['decline', 'submit'] })).toBe(false);
  });
});
