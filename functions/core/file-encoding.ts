/**
 * Turning an uploaded file's bytes into text, as HR's tools write them. Pure: bytes in, text (or
 * one clear refusal) out, so the CLI and the console read files the same way.
 *
 * - UTF-8, with or without a byte order mark: read as is.
 * - UTF-16 with a byte order mark (Excel's "Unicode Text"): read as is.
 * - Windows-1252 (Excel's "CSV" on Western European and American Windows; Latin-1 is its subset):
 *   converted, with a warning that names the encoding and quotes converted text to check.
 * - Shift_JIS (Excel's "CSV" on Japanese Windows): converted likewise.
 * - Excel workbooks (.xlsx, .xls), OpenDocument spreadsheets and other binary files: refused with
 *   what to do instead.
 * - Any other encoding: refused, naming the likely encoding. Single-byte code pages are close
 *   cousins (Central European, Turkish, Baltic…) and detection on a short file is a guess; a wrong
 *   guess would change names that then go out in emails, so only Windows-1252 and Shift_JIS — each
 *   checked for text that makes sense — are converted, and the rest are refused with a clear message.
 */
import { analyse } from 'chardet';

export type EncodingName = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252' | 'Shift_JIS';

export interface FileEncoding {
  name: EncodingName;
  bom: boolean;
  /** True when the text was converted from a legacy encoding (the import warns about it). */
  converted: boolean;
}

/** A warning about the conversion: the first line with converted text, and what to check. */
export interface EncodingNotice {
  line: number;
  message: string;
}

export type DecodedFile =
  | { ok: true; text: string; encoding: FileEncoding; notice?: EncodingNotice }
  | { ok: false; line: number; message: string };

const SAVE_AS_UTF8 =
  'save it as CSV UTF-8 (in Excel: File › Save As › "CSV UTF-8 (Comma delimited)") and import that file';

const DESCRIPTIONS: Record<string, string> = {
  'ISO-8859-2': 'ISO-8859-2 (Central European)',
  'windows-1250': 'Windows-1250 (Central European)',
  'windows-1251': 'Windows-1251 (Cyrillic)',
  'KOI8-R': 'KOI8-R (Cyrillic)',
  'ISO-8859-5': 'ISO-8859-5 (Cyrillic)',
  'ISO-8859-7': 'ISO-8859-7 (Greek)',
  'windows-1253': 'Windows-1253 (Greek)',
  'ISO-8859-8': 'ISO-8859-8 (Hebrew)',
  'windows-1255': 'Windows-1255 (Hebrew)',
  'ISO-8859-6': 'ISO-8859-6 (Arabic)',
  'windows-1256': 'Windows-1256 (Arabic)',
  'ISO-8859-9': 'ISO-8859-9 (Turkish)',
  'windows-1254': 'Windows-1254 (Turkish)',
  'windows-1257': 'Windows-1257 (Baltic)',
  'windows-1258': 'Windows-1258 (Vietnamese)',
  'EUC-JP': 'EUC-JP (Japanese)',
  'ISO-2022-JP': 'ISO-2022-JP (Japanese)',
  GB18030: 'GB18030 (Chinese)',
  Big5: 'Big5 (Chinese)',
  'EUC-KR': 'EUC-KR (Korean)',
  'ISO-2022-KR': 'ISO-2022-KR (Korean)',
  'ISO-2022-CN': 'ISO-2022-CN (Chinese)',
  'UTF-32LE': 'UTF-32',
  'UTF-32BE': 'UTF-32',
};
/** What chardet may call a file that Windows-1252 reads correctly. */
const WESTERN = new Set(['ISO-8859-1', 'windows-1252', 'ASCII', 'UTF-8']);

export function decodeFile(bytes: Uint8Array): DecodedFile {
  const refused = sniffBinary(bytes);
  if (refused !== null) return { ok: false, line: 1, message: refused };

  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = utf8(bytes.subarray(3));
    if (text !== null) return decoded(text, 'UTF-8', true);
    const line = lineAt(bytes, firstInvalidUtf8(bytes, 3));
    return {
      ok: false,
      line,
      message: `The file is marked as UTF-8 but line ${line} is not valid UTF-8 (it mixes encodings): ${SAVE_AS_UTF8}.`,
    };
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const name = bytes[0] === 0xff ? 'UTF-16LE' : 'UTF-16BE';
    try {
      const text = new TextDecoder(name.toLowerCase(), { fatal: true }).decode(bytes.subarray(2));
      return decoded(text, name, true);
    } catch {
      return {
        ok: false,
        line: 1,
        message: `The file is marked as ${name} but is not valid ${name}: ${SAVE_AS_UTF8}.`,
      };
    }
  }
  const text = utf8(bytes);
  if (text !== null) return decoded(text, 'UTF-8', false);
  return decodeLegacy(bytes);
}

function decoded(text: string, name: EncodingName, bom: boolean): DecodedFile {
  return { ok: true, text, encoding: { name, bom, converted: false } };
}

function decodeLegacy(bytes: Uint8Array): DecodedFile {
  const invalidAt = firstInvalidUtf8(bytes, 0);
  if (mostlyUtf8(bytes)) {
    // Real UTF-8 text next to bytes that are not: two files pasted together, or a broken edit.
    const line = lineAt(bytes, invalidAt);
    return {
      ok: false,
      line,
      message: `The file is UTF-8 up to line ${line}, which is in another encoding (the file mixes encodings): ${SAVE_AS_UTF8}.`,
    };
  }
  const guesses = analyse(detectionSample(bytes)).filter((guess) => guess.confidence > 0);
  const top = guesses[0]?.name;
  const western = new TextDecoder('windows-1252').decode(bytes);
  if ((top === undefined || WESTERN.has(top)) && looksLikeLatinText(western)) {
    return converted(western, 'Windows-1252', 'Windows-1252 (Western European; Latin-1)', bytes);
  }
  const japanese = decodeStrict('shift_jis', bytes);
  if (japanese !== null && looksLikeJapaneseText(japanese)) {
    return converted(japanese, 'Shift_JIS', 'Shift_JIS (Japanese)', bytes);
  }
  const line = lineAt(bytes, invalidAt);
  const named = guesses.find((guess) => !WESTERN.has(guess.name) && guess.name !== 'Shift_JIS');
  const likely = named ? `; it looks like ${DESCRIPTIONS[named.name] ?? named.name}` : '';
  return {
    ok: false,
    line,
    message: `The file is not UTF-8 (line ${line} is the first that is not)${likely}. Only UTF-8, Windows-1252 and Shift_JIS files are read: ${SAVE_AS_UTF8}.`,
  };
}

function converted(text: string, name: EncodingName, description: string, bytes: Uint8Array): DecodedFile {
  const index = bytes.findIndex((byte) => byte >= 0x80);
  const line = lineAt(bytes, index);
  const sample = nonAsciiWords(lineOf(text, line));
  const check =
    sample.length > 0
      ? `: check that ${sample.map((w) => `"${w}"`).join(', ')} on line ${line} read right`
      : '';
  return {
    ok: true,
    text,
    encoding: { name, bom: false, converted: true },
    notice: {
      line,
      message: `The file is not UTF-8: it was read as ${description} and converted${check}. If names look wrong, ${SAVE_AS_UTF8}.`,
    },
  };
}

/** Workbooks and other binary files, recognised by their first bytes. */
function sniffBinary(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const head = latin1(bytes.subarray(0, 4096));
    if (head.includes('opendocument.spreadsheet')) {
      return `This is an OpenDocument spreadsheet (.ods), not a CSV file: save it as CSV UTF-8 (File › Save As › Text CSV, character set Unicode UTF-8) and import that file.`;
    }
    if (head.includes('xl/') || head.includes('[Content_Types].xml')) {
      return `This is an Excel file (.xlsx), not a CSV file: ${SAVE_AS_UTF8}.`;
    }
    return 'This is a zip archive, not a CSV file: unpack it and import the CSV file inside.';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return `This is an Excel file (.xls, Excel 97–2003), not a CSV file: ${SAVE_AS_UTF8}.`;
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46]))
    return 'This is a PDF file, not a CSV file: export the data as CSV UTF-8.';
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return `This file is in UTF-32, which is not read: ${SAVE_AS_UTF8}.`;
  }
  const hasBom = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  if (!hasBom && bytes.subarray(0, 4096).includes(0)) {
    return `This is not a text file (it holds zero bytes: a binary file, or UTF-16 without a byte order mark): ${SAVE_AS_UTF8}.`;
  }
  return null;
}

// -----------------------------------------------------------------------------------------------
// Does the converted text make sense? A file in another encoding read as Windows-1252 shows
// symbols (‚ ƒ ¾ ˜ ³ …) and C1 control characters where letters should be; read as Shift_JIS, a
// Western file shows kanji inside Latin words or fails to decode.

const LATIN_TEXT =
  /[\p{Script=Latin}\p{M}\u00A0\u00A1\u00AA\u00AB\u00B0\u00B4\u00BA\u00BB\u00BF\u2013\u2014\u2018\u2019\u201C\u201D\u2026\u20AC]/u;
const JAPANESE_TEXT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\u30FC\uFF01-\uFF9F\u2010-\u2015\u2018-\u201D\u2025\u2026\u00D7]/u;

/** At most 5 % of the non-ASCII characters may be unusual for names and teams. */
function looksLikeLatinText(text: string): boolean {
  return plausible(text, LATIN_TEXT);
}

function looksLikeJapaneseText(text: string): boolean {
  if (!plausible(text, JAPANESE_TEXT)) return false;
  // A Latin word with a kanji or kana glued inside it is a Western file misread.
  return !/[A-Za-z][\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}][A-Za-z]/u.test(text);
}

function plausible(text: string, usual: RegExp): boolean {
  let nonAscii = 0;
  let unusual = 0;
  for (const character of text) {
    if (character <= '\u007F') continue;
    nonAscii++;
    if (!usual.test(character)) unusual++;
  }
  return nonAscii > 0 && unusual <= nonAscii * 0.05;
}

/** The text of 1-based `line` (LF, CRLF or CR breaks), without splitting the whole file. */
function lineOf(text: string, line: number): string {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.slice(start).search(/\r\n|\r|\n/);
    if (next === -1) return '';
    start += next + (text.startsWith('\r\n', start + next) ? 2 : 1);
  }
  const end = text.slice(start).search(/\r|\n/);
  return end === -1 ? text.slice(start) : text.slice(start, start + end);
}

/** Up to three words of `line` with non-ASCII characters, to quote in the warning. */
function nonAsciiWords(line: string): string[] {
  const words = line
    .split(/[,;\t"]+/)
    .map((field) => field.trim())
    .filter((field) => [...field].some((character) => character > '\u007F'));
  return [...new Set(words)].slice(0, 3).map((word) => (word.length > 40 ? `${word.slice(0, 40)}…` : word));
}

// -----------------------------------------------------------------------------------------------
// Bytes

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function latin1(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes);
}

function utf8(bytes: Uint8Array): string | null {
  return decodeStrict('utf-8', bytes);
}

function decodeStrict(encoding: string, bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: a BOM here is not at the start of the file and must stay visible.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * What chardet reads: the whole file up to 64 KB; beyond, its first 32 KB and then up to 32 KB of
 * the later lines that hold non-ASCII bytes — what tells encodings apart. (On a whole 9 MB roster
 * chardet takes seconds; on a few bytes alone its guesses are noise, hence the head for context.)
 */
function detectionSample(bytes: Uint8Array, half = 32_768): Uint8Array {
  if (bytes.length <= 2 * half) return bytes;
  const parts: Uint8Array[] = [bytes.subarray(0, half)];
  let size = half;
  let start = half;
  let high = false;
  for (let i = half; i <= bytes.length && size < 2 * half; i++) {
    const byte = bytes[i];
    if (byte === undefined || byte === 0x0a) {
      if (high) {
        parts.push(bytes.subarray(start, i + 1));
        size += i + 1 - start;
      }
      start = i + 1;
      high = false;
    } else if (byte >= 0x80) {
      high = true;
    }
  }
  const sample = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    sample.set(part, offset);
    offset += part.length;
  }
  return sample;
}

/** 1-based line of the byte at `index` (line breaks are ASCII in every encoding read here). */
function lineAt(bytes: Uint8Array, index: number): number {
  let line = 1;
  const end = index < 0 ? 0 : Math.min(index, bytes.length);
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Length of the well-formed UTF-8 sequence at `i` (1 for ASCII), or 0 when it is not one. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const first = bytes[i] ?? 0;
  if (first < 0x80) return 1;
  const length =
    first >= 0xc2 && first <= 0xdf
      ? 2
      : first >= 0xe0 && first <= 0xef
        ? 3
        : first >= 0xf0 && first <= 0xf4
          ? 4
          : 0;
  if (length === 0 || i + length > bytes.length) return 0;
  for (let k = 1; k < length; k++) {
    const next = bytes[i + k] ?? 0;
    if (next < 0x80 || next > 0xbf) return 0;
  }
  const second = bytes[i + 1] ?? 0;
  // Overlong forms, surrogates and code points above U+10FFFF are not UTF-8.
  if (first === 0xe0 && second < 0xa0) return 0;
  if (first === 0xed && second > 0x9f) return 0;
  if (first === 0xf0 && second < 0x90) return 0;
  if (first === 0xf4 && second > 0x8f) return 0;
  return length;
}

function firstInvalidUtf8(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length; ) {
    const length = utf8SequenceAt(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

/**
 * True when most non-ASCII bytes form well-formed UTF-8 sequences: a UTF-8 file with a few bytes
 * in another encoding. (In Windows-1252 or Shift_JIS text such sequences occur only by chance.)
 */
function mostlyUtf8(bytes: Uint8Array): boolean {
  let nonAscii = 0;
  let inSequences = 0;
  for (let i = 0; i < bytes.length; ) {
    const length = utf8SequenceAt(bytes, i);
    if (length >= 2) inSequences += length;
    if ((bytes[i] ?? 0) >= 0x80) nonAscii += Math.max(1, length);
    i += Math.max(1, length);
  }
  return nonAscii > 0 && inSequences >= nonAscii * 0.5;
}
