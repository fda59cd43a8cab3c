/**
 * Talking to the feedback form over HTTP in tests: build form bodies, post them, read the radio
 * groups and checked values back out of the page.
 */
import type { RaterGroup } from '../../functions/core/model.ts';
import { QUESTIONNAIRE_V1 } from '../../functions/core/questionnaire.ts';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

export type FormEntries = [name: string, value: string][];

/** Competency ids asked of a group, read from the questionnaire data (not from the code under test). */
export function competencyIds(group: RaterGroup): string[] {
  return QUESTIONNAIRE_V1.competencies.filter((c) => c.groups.includes(group)).map((c) => c.id);
}

/** The rating values the form offers for every competency. */
export const RATING_VALUES = ['1', '2', '3', '4', '5', 'na'] as const;

/**
 * A complete, valid submission for `group`: competency i gets `RATING_VALUES[(i + shift) % 6]`,
 * so different shifts give different answers.
 */
export function answerEntries(
  group: RaterGroup,
  options: { shift?: number; keep?: string; change?: string } = {},
): FormEntries {
  const shift = options.shift ?? 0;
  return [
    ...competencyIds(group).map((id, i): [string, string] => [
      `rating.${id}`,
      RATING_VALUES[(i + shift) % RATING_VALUES.length]!,
    ]),
    ['comment.keep', options.keep ?? ''],
    ['comment.change', options.change ?? ''],
    ['action', 'submit'],
  ];
}

/** The ratings `answerEntries` posts, as the store keeps them (`na` → null). */
export function expectedRatings(entries: FormEntries): Record<string, number | null> {
  return Object.fromEntries(
    entries
      .filter(([name]) => name.startsWith('rating.'))
      .map(([name, value]) => [name.slice('rating.'.length), value === 'na' ? null : Number(value)]),
  );
}

export interface PageResponse {
  status: number;
  headers: Headers;
  body: string;
}

export async function getPage(url: string, headers: Record<string, string> = {}): Promise<PageResponse> {
  const response = await fetch(url, { redirect: 'manual', headers });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** POSTs `body` (entries are URL-encoded) with the given content type (default the form's). */
export async function postForm(
  url: string,
  body: FormEntries | string,
  contentType: string | null = FORM_CONTENT_TYPE,
  headers: Record<string, string> = {},
): Promise<PageResponse> {
  const payload = typeof body === 'string' ? body : new URLSearchParams(body).toString();
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    // A string body makes fetch add text/plain unless a content type is set; a Blob without type does not.
    body: contentType === null ? new Blob([payload]) : payload,
    headers: contentType === null ? headers : { ...headers, 'content-type': contentType },
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** Radio groups of a page: input name → the values offered, in page order. */
export function radioGroups(html: string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const tag of html.match(/<input\b[^>]*>/g) ?? []) {
    if (attribute(tag, 'type') !== 'radio') continue;
    const name = attribute(tag, 'name') ?? '';
    groups.set(name, [...(groups.get(name) ?? []), attribute(tag, 'value') ?? '']);
  }
  return groups;
}

/** Checked radio values of a page: input name → value. */
export function checkedRadios(html: string): Record<string, string> {
  const checked: Record<string, string> = {};
  for (const tag of html.match(/<input\b[^>]*>/g) ?? []) {
    if (attribute(tag, 'type') === 'radio' && /\schecked(?=[\s>/])/.test(tag)) {
      checked[attribute(tag, 'name') ?? ''] = attribute(tag, 'value') ?? '';
    }
  }
  return checked;
}

/** The (HTML-escaped) content of the textarea named `name`, without the newline after the start tag. */
export function textareaContent(html: string, name: string): string | undefined {
  for (const match of html.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    if (attribute(`<t ${match[1]}>`, 'name') === name) return (match[2] ?? '').replace(/^\r?\n/, '');
  }
  return undefined;
}

/** Value of a double-quoted attribute in one tag. */
function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}
