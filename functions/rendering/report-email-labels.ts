/** Labels the report emails share: competency names, flags and recommendations in the recipient's language. */
import type { Recommendation } from '../core/model.ts';
import type { OutcomeKey } from '../i18n/catalogues.ts';
import type { Locale } from '../i18n/locales.ts';
import { competencyLabels } from '../i18n/questionnaire.ts';

/** Competency id → label in `l`'s language, falling back to `fallback` (or the id). */
export function competencyNamer(l: { locale: Locale }, given?: Readonly<Record<string, string>>) {
  const labels = competencyLabels(l.locale);
  return (id: string, fallback?: string): string => given?.[id] ?? labels[id] ?? fallback ?? id;
}

/** What the label helpers need of a summary's localiser. */
export interface OutcomeLabels {
  has(key: string): boolean;
  text(key: OutcomeKey): string;
}

/** `stand-in-ready` → "Stand-in ready" (in the recipient's language); unknown flags are de-kebabed. */
export function flagLabel(l: OutcomeLabels, flag: string): string {
  const key = `flag.${flag}`;
  if (l.has(key)) return l.text(key as OutcomeKey);
  const words = flag.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A recommendation's label in the recipient's language (the id itself when unknown). */
export function recommendationLabel(l: OutcomeLabels, recommendation: Recommendation): string {
  const key = `recommendation.${recommendation}`;
  return l.has(key) ? l.text(key as OutcomeKey) : recommendation;
}
