/**
 * Which addresses SES refuses, as the local SES stand-in applies it. SES's v1 API answers a
 * malformed address with `InvalidParameterValue` and the message of the JavaMail `InternetAddress`
 * check it runs ("Missing final '@domain'", "Domain contains dot-dot", …), and it accepts 7-bit
 * ASCII only: "Amazon SES does not support the SMTPUTF8 extension … the local part … may only
 * contain 7-bit ASCII characters"; a non-ASCII domain must be sent as Punycode. A non-ASCII local
 * part is answered "Local address contains control or whitespace", a non-ASCII domain "Domain
 * contains illegal character".
 *
 * This is the stand-in's own implementation of SES's rule, written from that behaviour. It is
 * deliberately not shared with the application (the roster import has its own warning rule), so a
 * test of the application against the stand-in tests the application, not the stand-in against
 * itself.
 */

/** RFC 822 specials other than `.`: never allowed unquoted in a local part. */
const SPECIALS_NO_DOT = '()<>,;:\\"[]@';

const isControlOrSpace = (code: number) => code <= 0x20 || code >= 0x7f;

/**
 * The SES error message for an address it would refuse, or undefined when SES takes it. Accepts
 * `Display Name <address>` too (only the part in angle brackets is checked).
 */
export function sesAddressProblem(raw: string): string | undefined {
  const angle = /<([^<>]*)>\s*$/.exec(raw);
  const address = angle ? angle[1]! : raw;
  if (address.length === 0) return 'Empty address';
  let i = 0;
  let last = '';
  let inQuote = false;
  for (; i < address.length; i++) {
    const c = address[i]!;
    const code = address.charCodeAt(i);
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"') {
      inQuote = !inQuote;
      last = c;
      continue;
    }
    if (inQuote) {
      if (c === '\r' || c === '\n') return 'Quoted local address contains CR or LF';
      continue;
    }
    if (c === '@') {
      if (i === 0) return 'Missing local name';
      break;
    }
    if (isControlOrSpace(code)) return 'Local address contains control or whitespace';
    if (SPECIALS_NO_DOT.includes(c)) return 'Local address contains illegal character';
    if (c === '.') {
      if (i === 0) return 'Local address starts with dot';
      if (last === '.') return 'Local address contains dot-dot';
    }
    last = c;
  }
  if (inQuote) return 'Unterminated quote';
  if (last === '.') return 'Local address ends with dot';
  if (i >= address.length) return "Missing final '@domain'";

  const start = i + 1;
  if (start >= address.length) return 'Missing domain';
  if (address[start] === '.') return 'Domain starts with dot';
  let inLiteral = false;
  last = '';
  for (let j = start; j < address.length; j++) {
    const c = address[j]!;
    const code = address.charCodeAt(j);
    if (c === '[') {
      if (j !== start) return 'Domain literal not at start';
      inLiteral = true;
    } else if (c === ']') {
      if (j !== address.length - 1) return 'Domain literal end not at end';
      inLiteral = false;
    } else if (code <= 0x20 || code === 0x7f) {
      return 'Domain contains control or whitespace';
    } else if (!inLiteral) {
      if (!/[A-Za-z0-9.-]/.test(c)) return 'Domain contains illegal character';
      if (c === '.' && last === '.') return 'Domain contains dot-dot';
    }
    last = c;
  }
  if (last === '.') return 'Domain ends with dot';
  return undefined;
}

/** The part after the last `@`, lower-cased (identities are matched case-insensitively). */
export function domainOf(address: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(address);
  const bare = angle ? angle[1]! : address;
  return bare.slice(bare.lastIndexOf('@') + 1).toLowerCase();
}

/** The address without a display name, lower-cased. */
export function bareAddress(address: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(address);
  return (angle ? angle[1]! : address).trim().toLowerCase();
}
