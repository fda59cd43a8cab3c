/**
 * Email addresses as SES takes them. SES does not support SMTPUTF8: an address must be 7-bit ASCII,
 * a domain with other letters must be written in Punycode, and an address SES cannot parse is
 * refused (`InvalidParameterValue`: "Missing domain", "Domain contains dot-dot", …).
 *
 * Three verdicts, because a roster import should refuse only what is certainly not an address and
 * warn about the rest: `invalid` (no @, spaces, several addresses in one field…), `warn` (an
 * address SES would refuse, or one it needs rewritten), `ok`. Pure: no AWS, no Node APIs (`URL` is
 * global in browsers and Node and does the IDNA conversion).
 */

export type AddressCheck =
  | { verdict: 'ok'; address: string }
  /** `address` is what to store and send to (the domain in Punycode when it was rewritten). */
  | { verdict: 'warn'; address: string; problem: string }
  | { verdict: 'invalid'; problem: string };

/** RFC 5321: 64 octets before the @, 255 after, 254 in all (the 256-octet path less its brackets). */
export const MAX_LOCAL_PART = 64;
export const MAX_DOMAIN = 255;
export const MAX_ADDRESS = 254;
/** Longer than any standard allows by a margin: certainly not an address. */
const MAX_PLAUSIBLE = MAX_LOCAL_PART + 1 + MAX_DOMAIN;

// RFC 5322 atext plus the dot: what an unquoted local part may hold.
const LOCAL_CHARACTERS = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const ASCII = /^[\x20-\x7E]*$/;

export function checkEmailAddress(raw: string): AddressCheck {
  const value = raw.trim();
  const invalid = (problem: string): AddressCheck => ({ verdict: 'invalid', problem });
  if (value === '') return invalid('is empty.');
  if (/\p{Cc}/u.test(value)) return invalid('contains a control character.');
  // RFC 5322 allows almost anything in a quoted local part ("a b"@example.com): judge the rest.
  const bare = value.replace(/^"(?:[^"\\]|\\.)*"(?=@)/, '"q"');
  if (/[<>]/.test(bare)) {
    return invalid('holds more than an address: write only name@example.com, without <>.');
  }
  if (/[,;]/.test(bare)) return invalid('looks like several addresses: one address per person.');
  if (/\s/u.test(bare)) return invalid('contains a space.');
  const at = value.lastIndexOf('@');
  if (at === -1) return invalid('has no @.');
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local === '') return invalid('has nothing before the @.');
  if (domain === '') return invalid('has nothing after the @.');
  if (bare.indexOf('@') !== bare.lastIndexOf('@')) return invalid('has more than one @.');
  if (value.length > MAX_PLAUSIBLE) return invalid(`is longer than ${MAX_PLAUSIBLE} characters.`);

  const warn = (problem: string, address = value): AddressCheck => ({ verdict: 'warn', address, problem });
  if (!ASCII.test(local)) {
    return warn(
      'has non-ASCII characters before the @: SES cannot send to it (it does not support SMTPUTF8).',
    );
  }
  const localProblem = checkLocalPart(local);
  if (localProblem) return warn(localProblem);

  const ascii = asciiDomain(domain);
  if (ascii === null)
    return warn(`has a domain "${domain}" that is not a valid domain name: SES would refuse it.`);
  const domainProblem = checkDomain(ascii);
  if (domainProblem) return warn(domainProblem);
  const address = `${local}@${ascii}`;
  if (address.length > MAX_ADDRESS) {
    return warn(`is longer than ${MAX_ADDRESS} characters: SES would refuse it.`);
  }
  if (ascii !== domain) {
    return warn(
      `has a domain with non-ASCII letters: stored as ${address}, the Punycode form SES needs (the same mailbox).`,
      address,
    );
  }
  return { verdict: 'ok', address };
}

function checkLocalPart(local: string): string | null {
  if (local.length > MAX_LOCAL_PART) {
    return `has more than ${MAX_LOCAL_PART} characters before the @: SES would refuse it.`;
  }
  if (local.startsWith('"')) return 'has a quoted part before the @: SES may refuse it.';
  if (!LOCAL_CHARACTERS.test(local)) {
    return 'has characters before the @ that need quoting (such as " ( ) [ ] : \\): SES would refuse it.';
  }
  if (local.startsWith('.') || local.endsWith('.')) {
    return 'starts or ends with a dot before the @: SES would refuse it.';
  }
  if (local.includes('..')) return 'has two dots in a row before the @: SES would refuse it.';
  return null;
}

function checkDomain(domain: string): string | null {
  if (domain.startsWith('[')) return 'is sent to an IP address instead of a domain: SES would refuse it.';
  if (domain.includes('..')) return 'has two dots in a row in the domain: SES would refuse it.';
  if (domain.startsWith('.') || domain.endsWith('.')) {
    return 'has a domain that starts or ends with a dot: SES would refuse it.';
  }
  if (domain.length > MAX_DOMAIN)
    return `has a domain longer than ${MAX_DOMAIN} characters: SES would refuse it.`;
  const labels = domain.split('.');
  if (labels.length < 2)
    return `has no dot in the domain "${domain}": mail needs a full domain such as example.com.`;
  for (const label of labels) {
    if (label.length > 63 || !DOMAIN_LABEL.test(label)) {
      return `has a domain part "${label}" that is not valid (letters, digits and inner hyphens, at most 63): SES would refuse it.`;
    }
  }
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) {
    return 'has a domain ending in digits, which is not a real top-level domain.';
  }
  return null;
}

/** The domain in ASCII (Punycode for internationalised names), or null when it is no host name. */
function asciiDomain(domain: string): string | null {
  if (ASCII.test(domain)) return domain;
  try {
    const host = new URL(`http://${domain}/`).hostname;
    return host !== '' && ASCII.test(host) ? host : null;
  } catch {
    return null;
  }
}
