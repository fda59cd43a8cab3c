import { describe, expect, it } from 'vitest';
import { competenciesFor, QUESTIONNAIRE_V1 } from '../../functions/core/questionnaire.ts';

describe('QUESTIONNAIRE_V1', () => {
  it('has the 13 competencies of the design, in order, with their areas', () => {
    expect(QUESTIONNAIRE_V1.version).toBe(1);
    expect(QUESTIONNAIRE_V1.competencies.map((c) => [c.id, c.area])).toEqual([
      ['coaching-questions', 'coaching'],
      ['knowledge-transfer', 'coaching'],
      ['motivation', 'coaching'],
      ['development', 'coaching'],
      ['deal-strategy', 'coaching'],
      ['hiring', 'management'],
      ['territory-targets', 'management'],
      ['forecasting', 'management'],
      ['strategy-execution', 'management'],
      ['cross-functional', 'management'],
      ['budgeting', 'management'],
      ['firefighting', 'management'],
      ['stand-in', 'management'],
    ]);
  });

  it('uses a 1–5 agreement scale plus "Not observed" and two open questions', () => {
    expect(QUESTIONNAIRE_V1.scale.map((s) => s.value)).toEqual([1, 2, 3, 4, 5]);
    expect(QUESTIONNAIRE_V1.scale[0]?.label).toBe('Strongly disagree');
    expect(QUESTIONNAIRE_V1.scale[4]?.label).toBe('Strongly agree');
    expect(QUESTIONNAIRE_V1.notObservedLabel).toBe('Not observed');
    expect(QUESTIONNAIRE_V1.openQuestions).toEqual([
      { id: 'keep', prompt: 'What should they keep doing?' },
      { id: 'change', prompt: 'What should they do differently?' },
    ]);
  });

  it('gives every competency a label, a statement and self among its groups', () => {
    for (const c of QUESTIONNAIRE_V1.competencies) {
      expect(c.label.length).toBeGreaterThan(0);
      expect(c.statement.length).toBeGreaterThan(10);
      expect(c.groups).toContain('self');
    }
  });
});

describe('competenciesFor', () => {
  const ids = (group: Parameters<typeof competenciesFor>[0]) => competenciesFor(group).map((c) => c.id);

  it('asks coachees the five coaching items', () => {
    expect(ids('coachee')).toEqual([
      'coaching-questions',
      'knowledge-transfer',
      'motivation',
      'development',
      'deal-strategy',
    ]);
  });

  it('asks peers the shared coaching items and the observable management items', () => {
    expect(ids('peer')).toEqual([
      'knowledge-transfer',
      'deal-strategy',
      'territory-targets',
      'strategy-execution',
      'cross-functional',
      'firefighting',
      'stand-in',
    ]);
  });

  it('asks the manager everything except the peer-only coaching items', () => {
    expect(ids('manager')).toEqual([
      'coaching-questions',
      'motivation',
      'development',
      'hiring',
      'territory-targets',
      'forecasting',
      'strategy-execution',
      'cross-functional',
      'budgeting',
      'firefighting',
      'stand-in',
    ]);
  });

  it('asks self everything', () => {
    expect(ids('self')).toHaveLength(13);
  });
});
