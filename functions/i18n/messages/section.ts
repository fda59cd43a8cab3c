/**
 * The shape every translation must have: exactly the English catalogue's keys, section by section.
 * (TypeScript checks missing and extra keys; test/i18n/catalogues.test.ts checks placeholders.)
 */
import type * as en from './en.ts';

export type SectionName = keyof typeof en;

/** One section of a translation: every key of the English section, nothing else. */
export type Section<S extends SectionName> = { readonly [K in keyof (typeof en)[S]]: string };
