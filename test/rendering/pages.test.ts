import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RaterGroup } from '../../functions/core/model.ts';
import {
  type FormPageInput,
  renderClosedPage,
  renderErrorPage,
  renderFormPage,
  renderNotFoundPage,
  renderThanksPage,
} from '../../functions/rendering/pages.ts';
import {
  AMP,
  COMPETENCIES,
  elementById,
  IMG,
  injectionProblems,
  NASTY,
  OPEN_QUESTIONS,
  SCALE,
  SCRIPT,
  tags,
} from './helpers.ts';

const ACTION = '/feedback/tok_abcdefghijklmnopqrstuv';

function formInput(overrides: Partial<FormPageInput> = {}): FormPageInput {
  return {
    leaderName: 'Alex Morgan',
    raterGroup: 'coachee',
    competencies: COMPETENCIES,
    scale: SCALE,
    notObservedLabel: 'Not observed',
    openQuestions: OPEN_QUESTIONS,
    deadline: '2026-01-12T17:00:00Z',
    actionUrl: ACTION,
    state: 'new',
    ...overrides,
  };
}

const radios = (doc: string, name?: string) =>
  tags(doc).filter((t) => t.name === 'input' && t.attrs.type === 'radio' && (!name || t.attrs.name === name));

const expectedCompetencies = (group: RaterGroup) =>
  COMPETENCIES.filter((c) => (c.groups as readonly RaterGroup[]).includes(group)).map((c) => c.id);

describe('renderFormPage: structure', () => {
  const doc = renderFormPage(formInput());

  it('posts urlencoded UTF-8 to the action URL', () => {
    const forms = tags(doc).filter((t) => t.name === 'form');
    expect(forms).toHaveLength(1);
    expect(forms[0]!.attrs).toMatchObject({
      method: 'post',
      action: ACTION,
      enctype: 'application/x-www-form-urlencoded',
    });
  });

  it.each(['coachee', 'peer', 'manager', 'self'] as const)(
    'has one radio group of 6 options per competency asked of %s',
    (group) => {
      const page = renderFormPage(formInput({ raterGroup: group }));
      const names = [...new Set(radios(page).map((r) => r.attrs.name))];
      expect(names).toEqual(expectedCompetencies(group).map((id) => `rating.${id}`));
      for (const name of names) {
        const group = radios(page, name);
        expect(group.map((r) => r.attrs.value)).toEqual(['1', '2', '3', '4', '5', 'na']);
        expect(group.every((r) => 'required' in r.attrs)).toBe(true);
        expect(new Set(group.map((r) => r.attrs.id)).size).toBe(6);
      }
    },
  );

  it('labels every radio with its scale label or "Not observed"', () => {
    const labels = ['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'];
    for (const r of radios(doc, 'rating.coaching-questions')) {
      const label = tags(doc).find((t) => t.name === 'label' && t.attrs.for === r.attrs.id);
      expect(label, r.attrs.id).toBeDefined();
      const text = doc.slice(label!.index, doc.indexOf('</label>', label!.index)).replace(/<[^>]*>/g, '');
      expect(text.trim()).toBe(r.attrs.value === 'na' ? 'Not observed' : labels[Number(r.attrs.value) - 1]);
    }
  });

  it('puts each question in a fieldset with a legend naming the competency', () => {
    const fieldsets = tags(doc).filter((t) => t.name === 'fieldset');
    expect(fieldsets).toHaveLength(expectedCompetencies('coachee').length);
    const legend = elementById(doc, 'q-knowledge-transfer');
    expect(legend).toContain('<legend>');
    expect(legend).toContain('Shares the techniques that make them successful');
  });

  it('has the two comment textareas with labels and maxlength 2000', () => {
    for (const id of ['keep', 'change']) {
      const ta = tags(doc).find((t) => t.name === 'textarea' && t.attrs.name === `comment.${id}`);
      expect(ta?.attrs.maxlength).toBe('2000');
      expect(tags(doc).some((t) => t.name === 'label' && t.attrs.for === ta?.attrs.id)).toBe(true);
    }
    expect(doc).toContain('What should they keep doing?');
    expect(doc).toContain('What should they do differently?');
  });

  it('has a submit button first and a decline button with formnovalidate', () => {
    const buttons = tags(doc).filter((t) => t.name === 'button');
    expect(buttons.map((b) => [b.attrs.type, b.attrs.name, b.attrs.value])).toEqual([
      ['submit', 'action', 'submit'],
      ['submit', 'action', 'decline'],
    ]);
    expect('formnovalidate' in buttons[0]!.attrs).toBe(false);
    expect('formnovalidate' in buttons[1]!.attrs).toBe(true);
    expect(doc).toContain("I can't judge this person");
  });

  it('explains who sees what, the deadline and that answers can be changed', () => {
    expect(doc).toContain('Alex Morgan');
    expect(doc).toMatch(/at least 3 people/);
    expect(doc).toMatch(/Comments are shown without names/);
    expect(doc).toContain('Monday, 12 January 2026 at 17:00 UTC');
    expect(doc).toMatch(/change your answers/i);
  });

  it('uses the configured anonymity minimum, never below 3', () => {
    expect(renderFormPage(formInput({ anonymityMinimum: 5 }))).toMatch(/at least 5 people/);
    expect(renderFormPage(formInput({ anonymityMinimum: 1 }))).toMatch(/at least 3 people/);
  });

  it('titles the page by group', () => {
    expect(doc).toMatch(/<title>Feedback for Alex Morgan – Ladder<\/title>/);
    expect(doc).toMatch(/<h1>Feedback for Alex Morgan<\/h1>/);
    const self = renderFormPage(formInput({ raterGroup: 'self' }));
    expect(self).toMatch(/<h1>Your self-assessment<\/h1>/);
    expect(self).not.toContain('Feedback for');
  });

  it('shows no state note for a new request, and one for answered and declined', () => {
    expect(doc).not.toContain('role="status"');
    const answered = renderFormPage(formInput({ state: 'answered' }));
    expect(answered).toContain('We have your answers.');
    expect(answered).toMatch(/role="status"/);
    const declined = renderFormPage(formInput({ state: 'declined' }));
    expect(declined).toContain("You told us you can't judge Alex Morgan.");
    expect(declined).toMatch(/can still answer/);
  });

  it('refuses a javascript: action URL', () => {
    expect(() => renderFormPage(formInput({ actionUrl: 'javascript:alert(1)' }))).toThrow();
  });
});

describe('renderFormPage: errors', () => {
  const doc = renderFormPage(
    formInput({
      errors: [
        { field: 'rating.knowledge-transfer', message: 'Choose a rating for "Knowledge transfer".' },
        { field: 'comment.change', message: `Too long ${SCRIPT}` },
        { field: 'rating.unknown', message: 'Not a question of this form.' },
      ],
    }),
  );

  it('starts with an error summary linking to the fields', () => {
    const summary = elementById(doc, 'error-summary');
    expect(doc.indexOf('id="error-summary"')).toBeLessThan(doc.indexOf('<h1>'));
    const links = tags(summary)
      .filter((t) => t.name === 'a')
      .map((a) => a.attrs.href);
    expect(links).toEqual(['#rating-knowledge-transfer-1', '#comment-change']);
    expect(summary).toContain('Not a question of this form.');
    expect(summary).toContain('&lt;script&gt;');
    expect(tags(doc).some((t) => t.attrs.id === 'rating-knowledge-transfer-1')).toBe(true);
    expect(doc).toMatch(/<title>Error: Feedback for Alex Morgan/);
  });

  it('marks only the fields in error with aria-invalid and describes them', () => {
    const invalid = tags(doc).filter((t) => t.attrs['aria-invalid'] === 'true');
    expect(new Set(invalid.map((t) => t.attrs.name))).toEqual(
      new Set(['rating.knowledge-transfer', 'comment.change']),
    );
    expect(radios(doc, 'rating.knowledge-transfer').every((r) => r.attrs['aria-invalid'] === 'true')).toBe(
      true,
    );

    const fieldset = tags(doc).find((t) => t.attrs.id === 'q-knowledge-transfer')!;
    const errorId = fieldset.attrs['aria-describedby']!;
    expect(elementById(doc, errorId)).toContain('Choose a rating for &quot;Knowledge transfer&quot;.');

    const textarea = tags(doc).find((t) => t.attrs.name === 'comment.change')!;
    const describedBy = textarea.attrs['aria-describedby']!.split(' ');
    expect(describedBy).toContain('comment-change-error');
    expect(elementById(doc, 'comment-change-error')).toContain('Too long &lt;script&gt;');

    const keep = tags(doc).find((t) => t.attrs.name === 'comment.keep')!;
    expect(keep.attrs['aria-invalid']).toBeUndefined();
    expect(keep.attrs['aria-describedby']).toBe('comment-keep-hint');
    expect(tags(doc).find((t) => t.attrs.id === 'q-hiring')).toBeUndefined();
    expect(
      tags(doc).find((t) => t.attrs.id === 'q-coaching-questions')?.attrs['aria-describedby'],
    ).toBeUndefined();
  });

  it('accepts the plural field spelling too', () => {
    const page = renderFormPage(formInput({ errors: [{ field: 'ratings.stand-in', message: 'Pick one' }] }));
    expect(radios(page, 'rating.stand-in').every((r) => r.attrs['aria-invalid'] === 'true')).toBe(true);
  });

  it('shows no summary and no aria-invalid without errors', () => {
    const page = renderFormPage(formInput());
    expect(tags(page).some((t) => t.attrs.id === 'error-summary' || t.attrs.role === 'alert')).toBe(false);
    expect(tags(page).some((t) => 'aria-invalid' in t.attrs)).toBe(false);
    expect(page).not.toContain('There is a problem');
  });
});

describe('renderFormPage: values shown again', () => {
  const doc = renderFormPage(
    formInput({
      values: {
        ratings: { 'coaching-questions': '4', 'knowledge-transfer': 'na', 'stand-in': IMG },
        comments: { keep: `Keep ${SCRIPT}\n${AMP}`, change: '</textarea><b>x</b>' },
      },
    }),
  );

  it('checks the posted radios and nothing else', () => {
    const checked = radios(doc).filter((r) => 'checked' in r.attrs);
    expect(checked.map((r) => [r.attrs.name, r.attrs.value])).toEqual([
      ['rating.coaching-questions', '4'],
      ['rating.knowledge-transfer', 'na'],
    ]);
  });

  it('shows stored answers (numbers, null as not observed)', () => {
    const page = renderFormPage(
      formInput({
        state: 'answered',
        values: {
          ratings: { 'coaching-questions': 2, 'stand-in': null },
          comments: { keep: '', change: '' },
        },
      }),
    );
    const checked = radios(page).filter((r) => 'checked' in r.attrs);
    expect(checked.map((r) => [r.attrs.name, r.attrs.value])).toEqual([
      ['rating.coaching-questions', '2'],
      ['rating.stand-in', 'na'],
    ]);
  });

  it('re-shows comments escaped inside their textareas', () => {
    expect(elementById(doc, 'comment-keep')).toBe(
      '\nKeep &lt;script&gt;alert(1)&lt;/script&gt;\nTom &amp; Jerry',
    );
    expect(elementById(doc, 'comment-change')).toBe('\n&lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt;');
    expect(tags(doc).some((t) => t.name === 'b')).toBe(false);
    expect(injectionProblems(doc)).toEqual([]);
  });
});

describe('escaping in every page', () => {
  const pages: Record<string, string> = {
    form: renderFormPage(
      formInput({
        leaderName: NASTY,
        competencies: COMPETENCIES.map((c) => ({ ...c, label: `${c.label} ${NASTY}`, statement: NASTY })),
        state: 'declined',
        values: { ratings: {}, comments: { keep: NASTY, change: NASTY } },
        errors: [{ field: 'comment.keep', message: NASTY }],
      }),
    ),
    formAnswered: renderFormPage(formInput({ leaderName: NASTY, raterGroup: 'manager', state: 'answered' })),
    thanks: renderThanksPage({ leaderName: NASTY, declined: false, deadline: NASTY, editUrl: ACTION }),
    thanksDeclined: renderThanksPage({
      leaderName: NASTY,
      declined: true,
      deadline: '2026-01-12T17:00:00Z',
      editUrl: ACTION,
    }),
  };

  it.each(Object.keys(pages))('%s escapes names, comments and messages', (key) => {
    const doc = pages[key]!;
    expect(injectionProblems(doc)).toEqual([]);
    expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(doc).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(doc).toContain('Tom &amp; Jerry');
  });

  it('keeps the document structure whatever the leader name', () => {
    const skeleton = (name: string) =>
      tags(
        renderFormPage(
          formInput({ leaderName: name, values: { ratings: {}, comments: { keep: name, change: name } } }),
        ),
      )
        .map((t) => t.name)
        .join(' ');
    const reference = skeleton('Alex');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (name) => {
        expect(skeleton(name)).toBe(reference);
      }),
      { numRuns: 200 },
    );
  });
});

describe('other pages', () => {
  it('thanks page links back to the form and names the deadline', () => {
    const doc = renderThanksPage({
      leaderName: 'Alex Morgan',
      declined: false,
      deadline: '2026-01-12T17:00:00Z',
      editUrl: ACTION,
    });
    expect(tags(doc).some((t) => t.name === 'a' && t.attrs.href === ACTION)).toBe(true);
    expect(doc).toContain('Monday, 12 January 2026 at 17:00 UTC');
    expect(doc).toContain('Your feedback for Alex Morgan is saved');
    const declined = renderThanksPage({
      leaderName: 'Alex Morgan',
      declined: true,
      deadline: '2026-01-12T17:00:00Z',
      editUrl: ACTION,
    });
    expect(declined).toContain("you can't judge Alex Morgan");
    expect(declined).not.toContain('is saved');
  });

  it('not-found page reveals nothing and has no form or link', () => {
    const doc = renderNotFoundPage();
    expect(doc).toContain('<h1>Page not found</h1>');
    expect(doc).not.toMatch(/feedback\/|token/i);
    expect(tags(doc).filter((t) => ['form', 'a', 'input'].includes(t.name))).toEqual([]);
  });

  it('closed page says the review is closed', () => {
    const doc = renderClosedPage();
    expect(doc).toContain('<h1>This review is closed</h1>');
    expect(doc).toContain('<title>This review is closed – Ladder</title>');
    expect(tags(doc).some((t) => t.name === 'form')).toBe(false);
  });

  it('error page names the problem', () => {
    expect(renderErrorPage('tooLarge')).toContain('<p>The form is too large to be accepted.</p>');
  });

  it.each([
    ['form', renderFormPage(formInput())],
    ['thanks', renderThanksPage({ leaderName: 'A', declined: false, deadline: 'x', editUrl: ACTION })],
    ['not found', renderNotFoundPage()],
    ['closed', renderClosedPage()],
    ['error', renderErrorPage('internal')],
  ])('%s page is a whole document with lang, viewport and no scripts', (_name, doc) => {
    const all = tags(doc);
    expect(all.find((t) => t.name === 'html')?.attrs.lang).toBe('en');
    expect(all.some((t) => t.name === 'meta' && t.attrs.name === 'viewport')).toBe(true);
    expect(all.filter((t) => t.name === 'h1')).toHaveLength(1);
    expect(all.some((t) => ['script', 'link', 'img'].includes(t.name))).toBe(false);
    expect(doc).not.toMatch(/https?:\/\//);
  });
});
