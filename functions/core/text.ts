/** Small text helpers shared by the core modules. */

/**
 * Orders strings by UTF-16 code units. Unlike `localeCompare` this does not depend on the
 * runtime's locale data, so sorted output is the same on every machine.
 */
export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

// C0 controls except tab (\t) and line feed (\n), DEL, and the C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_EXCEPT_TAB_AND_NEWLINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** True when `text` holds a control character; tabs and newlines are allowed when `multiline`. */
export function hasControlCharacter(text: string, multiline = false): boolean {
  return (multiline ? CONTROL_EXCEPT_TAB_AND_NEWLINE : ANY_CONTROL).test(text);
}

/** Length in characters (code points), so an emoji counts as one. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * Rounds to one decimal place, halves up. The tiny nudge makes binary noise such as
 * 78.45 → 78.44999… round the way a person checking by hand would expect.
 */
export function round1(value: number): number {
  return Math.round(value * 10 + 1e-9) / 10;
}
