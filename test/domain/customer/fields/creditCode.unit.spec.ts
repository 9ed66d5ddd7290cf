import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import {
  TaxRegistrationNumber,
  UnifiedSocialCreditCode,
  creditCodeCheckCharacter,
  isUnifiedSocialCreditCode,
} from '../../../../src/domain/customer/index.js';

/** Published codes of real companies (printed on their licences and invoices). */
const realCodes = ['91350100M000100Y43', '91440300708461136T', '91110000802100433B'];
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('a unified social credit code (统一社会信用代码)', () => {
  test.each(realCodes)('%s is accepted', (code) => expect(UnifiedSocialCreditCode.safeParse(code).success).toBe(true));

  test('lower case is accepted and kept in capitals', () =>
    expect(UnifiedSocialCreditCode.parse(' 91440300708461136t ')).toBe('91440300708461136T'));

  test('a wrong check character is refused, naming the expected one', () => {
    const issue = UnifiedSocialCreditCode.safeParse('91350100M000100Y44').error?.issues[0];
    expect(issue?.message).toMatch(/check character.*expected 3/);
  });

  test.each(['91350100M000100O43', '91350100M00010Y43', '91350100M000100Y433', '91350100-000100Y43'])(
    '%s is not of the form',
    (code) => expect(UnifiedSocialCreditCode.safeParse(code).error?.issues[0]?.message).toMatch(/18 characters/),
  );

  test('a code whose last character is its check character is accepted, any other last character refused', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 17, maxLength: 17 }), fc.constantFrom(...alphabet), (chars, last) => {
        const first17 = chars.join('');
        expect(isUnifiedSocialCreditCode(first17 + last)).toBe(last === creditCodeCheckCharacter(first17));
      }),
      { numRuns: 300 },
    );
  });

  test('changing any one character of a valid code is detected', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { minLength: 17, maxLength: 17 }),
        fc.nat(16),
        fc.constantFrom(...alphabet),
        (chars, position, replacement) => {
          const code = chars.join('') + creditCodeCheckCharacter(chars.join(''));
          fc.pre(code[position] !== replacement);
          const typo = code.slice(0, position) + replacement + code.slice(position + 1);
          expect(isUnifiedSocialCreditCode(typo)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a tax registration number (税务登记号)', () => {
  test.each(realCodes)('the credit code %s is accepted', (code) => expect(TaxRegistrationNumber.safeParse(code).success).toBe(true));
  test.each(['330206144068832', '33020619800101123X01', '3302061440688321X'])('the older number %s is accepted on its form', (n) =>
    expect(TaxRegistrationNumber.safeParse(n).success).toBe(true),
  );
  test('an 18-character number is checked as a credit code', () =>
    expect(TaxRegistrationNumber.safeParse('91350100M000100Y44').error?.issues[0]?.message).toMatch(/check character/));
  test.each(['12345', '3302061440688', '330206-14406883', '3302061440688321X0123'])('%s is refused with what it should be', (n) =>
    expect(TaxRegistrationNumber.safeParse(n).error?.issues[0]?.message).toMatch(/15, 17 or 20/),
  );
});
