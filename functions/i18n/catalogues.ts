/**
 * The catalogue sections each renderer uses, in every shipped language. Built under
 * `@__PURE__` so that a Lambda bundles only the sections it renders (the form function carries no
 * report wording, the report function no form wording): see docs/cost.md, Lambda size.
 */
import type { MessageSection, Messages } from './localiser.ts';
import * as de from './messages/de.ts';
import * as en from './messages/en.ts';
import * as es from './messages/es.ts';
import * as fr from './messages/fr.ts';
import * as ja from './messages/ja.ts';

type Catalogue = typeof en;
type Keys<S extends keyof Catalogue> = keyof Catalogue[S] & string;

export type PageKey = Keys<'common'> | Keys<'form'>;
export type QuestionnaireKey = Keys<'competencyLabels'> | Keys<'questionnaire'>;
export type CompetencyLabelKey = Keys<'competencyLabels'>;
export type RaterEmailKey = Keys<'common'> | Keys<'raterEmail'>;
export type ReportKey = Keys<'common'> | Keys<'report'>;
/** Recommendation and flag labels, in both summaries. */
export type OutcomeKey = Keys<'outcomes'>;
export type ManagerSummaryKey = Keys<'common'> | Keys<'outcomes'> | Keys<'managerSummary'>;
export type HrSummaryKey = Keys<'common'> | Keys<'outcomes'> | Keys<'hrSummary'>;

/** One language's messages from several sections (each section's keys are distinct). */
function merge<K extends string>(...sections: readonly Readonly<Record<string, string>>[]): Messages<K> {
  return Object.assign({}, ...sections) as Messages<K>;
}

// Every member access below is static, so esbuild drops the sections a bundle does not use.

/** The form and the pages behind a link (404, 410, thanks, errors). */
export const PAGE_MESSAGES: MessageSection<PageKey> = {
  en: /* @__PURE__ */ merge(en.common, en.form),
  de: /* @__PURE__ */ merge(de.common, de.form),
  fr: /* @__PURE__ */ merge(fr.common, fr.form),
  es: /* @__PURE__ */ merge(es.common, es.form),
  ja: /* @__PURE__ */ merge(ja.common, ja.form),
};

/** The questionnaire's wording. */
export const QUESTIONNAIRE_MESSAGES: MessageSection<QuestionnaireKey> = {
  en: /* @__PURE__ */ merge(en.competencyLabels, en.questionnaire),
  de: /* @__PURE__ */ merge(de.competencyLabels, de.questionnaire),
  fr: /* @__PURE__ */ merge(fr.competencyLabels, fr.questionnaire),
  es: /* @__PURE__ */ merge(es.competencyLabels, es.questionnaire),
  ja: /* @__PURE__ */ merge(ja.competencyLabels, ja.questionnaire),
};

/** The competencies' short names only (reports and summaries name competencies, nothing more). */
export const COMPETENCY_LABEL_MESSAGES: MessageSection<CompetencyLabelKey> = {
  en: en.competencyLabels,
  de: de.competencyLabels,
  fr: fr.competencyLabels,
  es: es.competencyLabels,
  ja: ja.competencyLabels,
};

/** The one email per rater: invitation or reminder, listing everyone they are asked about. */
export const RATER_EMAIL_MESSAGES: MessageSection<RaterEmailKey> = {
  en: /* @__PURE__ */ merge(en.common, en.raterEmail),
  de: /* @__PURE__ */ merge(de.common, de.raterEmail),
  fr: /* @__PURE__ */ merge(fr.common, fr.raterEmail),
  es: /* @__PURE__ */ merge(es.common, es.raterEmail),
  ja: /* @__PURE__ */ merge(ja.common, ja.raterEmail),
};

/** The leader's development report. */
export const REPORT_MESSAGES: MessageSection<ReportKey> = {
  en: /* @__PURE__ */ merge(en.common, en.report),
  de: /* @__PURE__ */ merge(de.common, de.report),
  fr: /* @__PURE__ */ merge(fr.common, fr.report),
  es: /* @__PURE__ */ merge(es.common, es.report),
  ja: /* @__PURE__ */ merge(ja.common, ja.report),
};

/** The manager's team summary. */
export const MANAGER_SUMMARY_MESSAGES: MessageSection<ManagerSummaryKey> = {
  en: /* @__PURE__ */ merge(en.common, en.outcomes, en.managerSummary),
  de: /* @__PURE__ */ merge(de.common, de.outcomes, de.managerSummary),
  fr: /* @__PURE__ */ merge(fr.common, fr.outcomes, fr.managerSummary),
  es: /* @__PURE__ */ merge(es.common, es.outcomes, es.managerSummary),
  ja: /* @__PURE__ */ merge(ja.common, ja.outcomes, ja.managerSummary),
};

/** HR's cycle summary. */
export const HR_SUMMARY_MESSAGES: MessageSection<HrSummaryKey> = {
  en: /* @__PURE__ */ merge(en.common, en.outcomes, en.hrSummary),
  de: /* @__PURE__ */ merge(de.common, de.outcomes, de.hrSummary),
  fr: /* @__PURE__ */ merge(fr.common, fr.outcomes, fr.hrSummary),
  es: /* @__PURE__ */ merge(es.common, es.outcomes, es.hrSummary),
  ja: /* @__PURE__ */ merge(ja.common, ja.outcomes, ja.hrSummary),
};
