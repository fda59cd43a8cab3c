/**
 * Emails after a cycle: the leader's development report, the manager's team summary and HR's cycle
 * summary, each in its recipient's language (../i18n), one module each. Competencies are named by id
 * in the recipient's wording of the questionnaire; a label stored in English is only the fallback
 * for an id the questionnaire does not know.
 */
export * from './hr-summary-email.ts';
export * from './leader-report-email.ts';
export * from './manager-summary-email.ts';
