/** Plain-language names of recommendations, flags and decisions, for HR, managers and exports. */
import type { DecisionAction } from './decisions.ts';
import type { Recommendation } from './model.ts';

export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  'ready-now': 'Ready now',
  'ready-next-year': 'Ready next year',
  'develop-in-role': 'Develop in role',
  'review-coaching-role': 'Review coaching role',
  'insufficient-evidence': 'Insufficient evidence',
};

export const DECISION_LABELS: Record<DecisionAction, string> = {
  accept: 'Accepted',
  override: 'Overridden',
};

const FLAG_LABELS: Record<string, string> = {
  'stand-in-ready': 'Stand-in ready',
};

/** `stand-in-ready` → "Stand-in ready"; unknown flags are de-kebabed. */
export function flagLabel(flag: string): string {
  const known = FLAG_LABELS[flag];
  if (known) return known;
  const words = flag.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A recommendation id as words; an unknown id is returned unchanged. */
export function recommendationLabel(recommendation: string): string {
  return RECOMMENDATION_LABELS[recommendation as Recommendation] ?? recommendation;
}
