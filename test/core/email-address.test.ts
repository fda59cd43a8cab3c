import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEmailAddress } from '../../functions/core/email-address.ts';

const verdict = (address: string) => checkEmailAddress(address).verdict;

describe('checkEmailAddress', () => {
  it('accepts ordinary addresses as written', () => {
    for (const address of [
      'ada@example.com',
      'Ada.Okafor+q4@sales.example.co.uk',
      "o'neill@example.ie",
      'a_b-c@x-y.example',
      'x@a--b.example', // double hyphens are fine for SES
    ]) {
      expect(checkEmailAddress(address)).toEqual({ verdict: 'ok', address });
    }
    expect(checkEmailAddress('  ada@example.com ')).toEqual({ verdict: 'ok', address: 'ada@example.com' });
  });

  it('refuses only what is certainly not an address', () => {
    expect(checkEmailAddress('not-an-email')).toEqual({ verdict: 'invalid', problem: 'has no @.' });
    expect(verdict('@example.com')).toBe('invalid');
    expect(verdict('ada@')).toBe('invalid');
    expect(verdict('ada smith@example.com')).toBe('invalid');
    expect(verdict('a@b@example.com')).toBe('invalid');
    expect(verdict('ada@example.com; bob@example.com')).toBe('invalid');
    expect(verdict('Ada <ada@example.com>')).toBe('invalid');
    expect(verdict(`${'a'.repeat(400)}@example.com`)).toBe('invalid');
  });

  it('warns about addresses SES would refuse, saying why', () => {
    const problem = (address: string) => {
      const result = checkEmailAddress(address);
      if (result.verdict !== 'warn')
        throw new Error(`expected a warning for ${address}, got ${result.verdict}`);
      return result.problem;
    };
    expect(problem('a@x..com')).toMatch(/two dots in a row in the domain/);
    expect(problem('a..b@example.com')).toMatch(/two dots in a row before the @/);
    expect(problem('.a@example.com')).toMatch(/starts or ends with a dot/);
    expect(problem('a@example.com.')).toMatch(/starts or ends with a dot/);
    expect(problem('zoë@example.com')).toMatch(/non-ASCII characters before the @.*SMTPUTF8/);
    expect(problem(`${'a'.repeat(65)}@example.com`)).toMatch(/more than 64 characters before the @/);
    expect(
      problem(`${'a'.repeat(10)}@${Array.from({ length: 4 }, () => 'b'.repeat(60)).join('.')}.com`),
    ).toMatch(/longer than 254/);
    expect(problem(`a@${'b'.repeat(64)}.com`)).toMatch(/domain part .* not valid/);
    expect(problem('a@localhost')).toMatch(/no dot in the domain/);
    expect(problem('a@-x.example')).toMatch(/domain part "-x"/);
    expect(problem('a@under_score.example')).toMatch(/domain part "under_score"/);
    expect(problem('a@[192.0.2.1]')).toMatch(/IP address/);
    expect(problem('"a b"@example.com')).toMatch(/quoted part/);
    expect(problem('a(b)@example.com')).toMatch(/need quoting/);
    expect(problem('a@example.123')).toMatch(/ending in digits/);
  });

  it('rewrites an internationalised domain to the Punycode SES needs, with a warning', () => {
    expect(checkEmailAddress('sam@bücher.example')).toEqual({
      verdict: 'warn',
      address: 'sam@xn--bcher-kva.example',
      problem: expect.stringMatching(/stored as sam@xn--bcher-kva\.example/),
    });
  });

  it('never throws; whatever it accepts (with or without a warning) is an address SES can take or is told about', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.emailAddress(), fc.string({ unit: 'grapheme' })), (raw) => {
        const result = checkEmailAddress(raw);
        if (result.verdict === 'invalid') expect(result.problem.length).toBeGreaterThan(0);
        if (result.verdict === 'ok') {
          expect(result.address).toMatch(/^[\x21-\x7E]+@[A-Za-z0-9.-]+$/);
          expect(result.address.length).toBeLessThanOrEqual(254);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('every address fast-check generates per RFC is accepted (fc.emailAddress is RFC 5322 dot-atom)', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (address) => {
        expect(verdict(address)).not.toBe('invalid');
      }),
      { numRuns: 500 },
    );
  });
});
