/**
 * The questionnaire in a rater's language: QUESTIONNAIRE_V1's structure with the words of the
 * `questionnaire` catalogue section, and the id of that wording (stored with the answers).
 */
import {
  QUESTIONNAIRE_V1,
  QUESTIONNAIRE_WORDINGS,
  type Questionnaire,
  type QuestionnaireWording,
  withWording,
} from '../core/questionnaire.ts';
import {
  COMPETENCY_LABEL_MESSAGES,
  type CompetencyLabelKey,
  QUESTIONNAIRE_MESSAGES,
  type QuestionnaireKey,
} from './catalogues.ts';
import type { Locale } from './locales.ts';
import { type Localiser, localiser } from './localiser.ts';

const cache = new Map<Locale, Questionnaire>();

/** The wording of questionnaire version 1 in `locale`, read from its catalogue. */
export function questionnaireWording(locale: Locale): QuestionnaireWording {
  const l: Localiser<QuestionnaireKey> = localiser(QUESTIONNAIRE_MESSAGES, locale);
  const id = QUESTIONNAIRE_WORDINGS[QUESTIONNAIRE_V1.version]?.[locale];
  if (!id) throw new Error(`Questionnaire v${QUESTIONNAIRE_V1.version} has no wording id for ${locale}`);
  const text = (key: string) => l.text(key as QuestionnaireKey);
  return {
    id,
    locale,
    scale: {
      1: text('q1.scale.1'),
      2: text('q1.scale.2'),
      3: text('q1.scale.3'),
      4: text('q1.scale.4'),
      5: text('q1.scale.5'),
    },
    notObserved: text('q1.notObserved'),
    areas: { coaching: text('q1.area.coaching'), management: text('q1.area.management') },
    competencies: Object.fromEntries(
      QUESTIONNAIRE_V1.competencies.map((c) => [
        c.id,
        { label: text(`q1.${c.id}.label`), statement: text(`q1.${c.id}.statement`) },
      ]),
    ),
    openQuestions: { keep: text('q1.open.keep'), change: text('q1.open.change') },
  };
}

/** Questionnaire version 1 as a rater reading `locale` sees it. */
export function localisedQuestionnaire(locale: Locale): Questionnaire {
  let questionnaire = cache.get(locale);
  if (!questionnaire) {
    questionnaire = withWording(QUESTIONNAIRE_V1, questionnaireWording(locale));
    cache.set(locale, questionnaire);
  }
  return questionnaire;
}

const labelCache = new Map<Locale, Readonly<Record<string, string>>>();

/**
 * Competency id → short name in `locale`, in questionnaire order: all a report needs, without the
 * rest of the questionnaire's words in its bundle.
 */
export function competencyLabels(locale: Locale): Readonly<Record<string, string>> {
  let labels = labelCache.get(locale);
  if (!labels) {
    const l: Localiser<CompetencyLabelKey> = localiser(COMPETENCY_LABEL_MESSAGES, locale);
    labels = Object.fromEntries(
      QUESTIONNAIRE_V1.competencies.map((c) => [c.id, l.text(`q1.${c.id}.label` as CompetencyLabelKey)]),
    );
    labelCache.set(locale, labels);
  }
  return labels;
}
