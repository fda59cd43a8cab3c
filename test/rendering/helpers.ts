/**
 * Test helpers for the rendering tests: hostile strings, a small questionnaire shaped like version 1,
 * and a tag scanner good enough for the markup this module emits (double-quoted attributes only).
 */
import type { RaterGroup } from '../../functions/core/model.ts';

export const SCRIPT = '<script>alert(1)</script>';
export const IMG = '"><img src=x onerror=alert(1)>';
export const AMP = 'Tom & Jerry';
/** One string carrying every hostile payload. */
export const NASTY = `Ann ${SCRIPT} ${IMG} ${AMP}`;

export const SCALE = [
  { value: 1, label: 'Strongly disagree' },
  { value: 2, label: 'Disagree' },
  { value: 3, label: 'Neither agree nor disagree' },
  { value: 4, label: 'Agree' },
  { value: 5, label: 'Strongly agree' },
] as const;

export const OPEN_QUESTIONS = [
  { id: 'keep', prompt: 'What should they keep doing?' },
  { id: 'change', prompt: 'What should they do differently?' },
] as const;

const ALL: readonly RaterGroup[] = ['coachee', 'peer', 'manager', 'self'];

export const COMPETENCIES = [
  {
    id: 'coaching-questions',
    label: 'Coaching questions',
    statement: 'Asks coaching-style questions',
    area: 'coaching',
    groups: ['coachee', 'manager', 'self'],
  },
  {
    id: 'knowledge-transfer',
    label: 'Knowledge transfer',
    statement: 'Shares the techniques that make them successful',
    area: 'coaching',
    groups: ['coachee', 'peer', 'self'],
  },
  {
    id: 'hiring',
    label: 'Hiring',
    statement: 'Judges and interviews candidates well',
    area: 'management',
    groups: ['manager', 'self'],
  },
  {
    id: 'stand-in',
    label: 'Stand-in',
    statement: "Could run the team in the manager's absence",
    area: 'management',
    groups: ALL,
  },
] as const satisfies readonly {
  id: string;
  label: string;
  statement: string;
  area: 'coaching' | 'management';
  groups: readonly RaterGroup[];
}[];

export interface Tag {
  name: string;
  attrs: Record<string, string>;
  /** Offset of the tag in the document. */
  index: number;
}

/** Every start tag of the document with its attributes (entity references left as they are). */
export function tags(doc: string): Tag[] {
  const out: Tag[] = [];
  for (const m of doc.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>"'/]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[2] ?? '').matchAll(/([^\s=>"'/]+)(?:="([^"]*)")?/g))
      attrs[a[1]!.toLowerCase()] = a[2] ?? '';
    out.push({ name: m[1]!.toLowerCase(), attrs, index: m.index });
  }
  return out;
}

/** The contents of the first element with this id (no nesting of the same tag name inside). */
export function elementById(doc: string, id: string): string {
  const tag = tags(doc).find((t) => t.attrs.id === id);
  if (!tag) throw new Error(`no element #${id}`);
  const start = doc.indexOf('>', tag.index) + 1;
  const end = doc.indexOf(`</${tag.name}>`, start);
  return doc.slice(start, end);
}

/**
 * Asserts-by-returning: the problems of a document that received hostile input. Empty when every
 * payload came out escaped (no script or img element, no event handler attribute, no raw `&`).
 */
export function injectionProblems(doc: string): string[] {
  const problems: string[] = [];
  const all = tags(doc);
  if (all.some((t) => t.name === 'script')) problems.push('a <script> element');
  if (all.some((t) => t.name === 'img')) problems.push('an <img> element');
  if (all.some((t) => Object.keys(t.attrs).some((a) => a.startsWith('on'))))
    problems.push('an on* attribute');
  if (doc.includes(SCRIPT)) problems.push('the raw <script> payload');
  if (doc.includes('<img')) problems.push('the raw <img payload');
  if (doc.includes(AMP)) problems.push('an unescaped &');
  // Every & must start a character reference.
  if (/&(?![a-zA-Z]+;|#\d+;|#x[0-9a-fA-F]+;)/.test(doc)) problems.push('a bare &');
  return problems;
}
