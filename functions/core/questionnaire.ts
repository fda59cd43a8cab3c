/**
 * The questionnaire, version 1. Versioned and replaceable: the version is stored with every score,
 * and every function that needs the questions takes the questionnaire as a parameter.
 *
 * Its wording is versioned per language too: QUESTIONNAIRE_V1 is the English wording (what HR's
 * exports and the scoring name), and each language's wording (functions/i18n/messages/*.ts, the
 * `questionnaire` section) has an id such as `v1-de-1`, stored with the answers given in it. Any
 * change of a word is a new id (test/i18n/questionnaire-wording.test.ts holds each id's fingerprint).
 */
import type { RaterGroup } from './model.ts';

export type CompetencyArea = 'coaching' | 'management';

export interface Competency {
  id: string;
  /** Short name used in reports, exports and error messages. */
  label: string;
  /** The statement the rater agrees or disagrees with. */
  statement: string;
  area: CompetencyArea;
  /** Rater groups that are asked this competency. */
  groups: readonly RaterGroup[];
}

export interface ScalePoint {
  value: 1 | 2 | 3 | 4 | 5;
  label: string;
}

export interface OpenQuestion {
  id: 'keep' | 'change';
  prompt: string;
}

export interface Questionnaire {
  version: number;
  /** The wording's id (`v1-en-1`): which words the rater saw. Absent on a questionnaire built in code. */
  wording?: string;
  /** BCP 47 language of the wording (`en` when absent). */
  locale?: string;
  /** Headings of the competency areas in this wording (the area id, capitalised, when absent). */
  areaLabels?: Readonly<Record<CompetencyArea, string>>;
  scale: readonly ScalePoint[];
  notObservedLabel: string;
  competencies: readonly Competency[];
  openQuestions: readonly OpenQuestion[];
}

const COACHEE_MANAGER_SELF: readonly RaterGroup[] = ['coachee', 'manager', 'self'];
const COACHEE_PEER_SELF: readonly RaterGroup[] = ['coachee', 'peer', 'self'];
const MANAGER_PEER_SELF: readonly RaterGroup[] = ['manager', 'peer', 'self'];
const MANAGER_SELF: readonly RaterGroup[] = ['manager', 'self'];

export const QUESTIONNAIRE_V1: Questionnaire = {
  version: 1,
  wording: 'v1-en-1',
  locale: 'en',
  areaLabels: { coaching: 'Coaching', management: 'Management' },
  scale: [
    { value: 1, label: 'Strongly disagree' },
    { value: 2, label: 'Disagree' },
    { value: 3, label: 'Neither agree nor disagree' },
    { value: 4, label: 'Agree' },
    { value: 5, label: 'Strongly agree' },
  ],
  notObservedLabel: 'Not observed',
  competencies: [
    {
      id: 'coaching-questions',
      label: 'Coaching questions',
      statement: 'Asks coaching-style questions that help people see issues in a new way',
      area: 'coaching',
      groups: COACHEE_MANAGER_SELF,
    },
    {
      id: 'knowledge-transfer',
      label: 'Knowledge transfer',
      statement: 'Shares the techniques that make them successful',
      area: 'coaching',
      groups: COACHEE_PEER_SELF,
    },
    {
      id: 'motivation',
      label: 'Motivation and accountability',
      statement: 'Keeps people motivated and accountable to their targets',
      area: 'coaching',
      groups: COACHEE_MANAGER_SELF,
    },
    {
      id: 'development',
      label: 'Development plans',
      statement: 'Helps people build and follow a plan to improve',
      area: 'coaching',
      groups: COACHEE_MANAGER_SELF,
    },
    {
      id: 'deal-strategy',
      label: 'Deal strategy',
      statement: 'Helps shape strategy on live opportunities',
      area: 'coaching',
      groups: COACHEE_PEER_SELF,
    },
    {
      id: 'hiring',
      label: 'Hiring',
      statement: 'Judges and interviews candidates well',
      area: 'management',
      groups: MANAGER_SELF,
    },
    {
      id: 'territory-targets',
      label: 'Territory and targets',
      statement: 'Sets fair territory plans and targets',
      area: 'management',
      groups: MANAGER_PEER_SELF,
    },
    {
      id: 'forecasting',
      label: 'Forecasting',
      statement: 'Produces reliable forecasts and metrics',
      area: 'management',
      groups: MANAGER_SELF,
    },
    {
      id: 'strategy-execution',
      label: 'Strategy execution',
      statement: 'Turns management strategy into action in the team',
      area: 'management',
      groups: MANAGER_PEER_SELF,
    },
    {
      id: 'cross-functional',
      label: 'Cross-functional work',
      statement: 'Works well with support, marketing and finance',
      area: 'management',
      groups: MANAGER_PEER_SELF,
    },
    {
      id: 'budgeting',
      label: 'Budgeting',
      statement: 'Handles budgets and shows good spending judgement',
      area: 'management',
      groups: MANAGER_SELF,
    },
    {
      id: 'firefighting',
      label: 'Firefighting',
      statement: 'Stays effective when things go wrong',
      area: 'management',
      groups: MANAGER_PEER_SELF,
    },
    {
      id: 'stand-in',
      label: 'Standing in',
      statement: "Could run the team in the manager's absence",
      area: 'management',
      groups: MANAGER_PEER_SELF,
    },
  ],
  openQuestions: [
    { id: 'keep', prompt: 'What should they keep doing?' },
    { id: 'change', prompt: 'What should they do differently?' },
  ],
};

/** The competencies a rater group is asked, in questionnaire order. */
export function competenciesFor(
  group: RaterGroup,
  questionnaire: Questionnaire = QUESTIONNAIRE_V1,
): Competency[] {
  return questionnaire.competencies.filter((competency) => competency.groups.includes(group));
}

/** Looks a competency up by id. */
export function findCompetency(
  id: string,
  questionnaire: Questionnaire = QUESTIONNAIRE_V1,
): Competency | undefined {
  return questionnaire.competencies.find((competency) => competency.id === id);
}

/**
 * The wording in force for each language of each questionnaire version. Answers store the id they
 * were given in (`questionnaireWording` on the request); change a word → give it a new id here.
 */
export const QUESTIONNAIRE_WORDINGS: Readonly<Record<number, Readonly<Record<string, string>>>> = {
  1: { en: 'v1-en-1', de: 'v1-de-1', fr: 'v1-fr-1', es: 'v1-es-1', ja: 'v1-ja-1' },
};

/** A questionnaire's words in one language: every label, statement, scale point and prompt. */
export interface QuestionnaireWording {
  /** Id of this wording, e.g. `v1-de-1`. */
  id: string;
  /** BCP 47 language. */
  locale: string;
  scale: Readonly<Record<ScalePoint['value'], string>>;
  notObserved: string;
  areas: Readonly<Record<CompetencyArea, string>>;
  competencies: Readonly<Record<string, { label: string; statement: string }>>;
  openQuestions: Readonly<Record<OpenQuestion['id'], string>>;
}

/**
 * The same questionnaire (ids, groups, areas, scale values: everything that is scored) in other
 * words. A competency the wording does not cover keeps its words, so nothing is ever unlabelled.
 */
export function withWording(questionnaire: Questionnaire, wording: QuestionnaireWording): Questionnaire {
  return {
    ...questionnaire,
    wording: wording.id,
    locale: wording.locale,
    areaLabels: wording.areas,
    scale: questionnaire.scale.map((point) => ({
      ...point,
      label: wording.scale[point.value] ?? point.label,
    })),
    notObservedLabel: wording.notObserved,
    competencies: questionnaire.competencies.map((competency) => ({
      ...competency,
      ...(wording.competencies[competency.id] ?? {}),
    })),
    openQuestions: questionnaire.openQuestions.map((question) => ({
      ...question,
      prompt: wording.openQuestions[question.id] ?? question.prompt,
    })),
  };
}
