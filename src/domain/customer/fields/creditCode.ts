import { z } from 'zod';

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character alphabet
 * below (no I, O, Z, S, V); the 18th is a check character computed from the first
 * 17 with weights 3^(i-1) mod 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const CREDIT_CODE_FORM = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The GB 32100 check character of a code's first 17 characters. */
export const creditCodeCheckCharacter = (first17: string): string => {
  const sum = [...first17].reduce((acc, ch, i) => acc + ALPHABET.indexOf(ch) * (WEIGHTS[i] ?? 0), 0);
  return ALPHABET[(31 - (sum % 31)) % 31] ?? '';
};

export const isUnifiedSocialCreditCode = (code: string): boolean =>
  CREDIT_CODE_FORM.test(code) && creditCodeCheckCharacter(code.slice(0, 17)) === code[17];

const creditCodeMessage = (code: string): string =>
  CREDIT_CODE_FORM.test(code)
    ? `the check character (last) of the unified social credit code (统一社会信用代码) does not match its first 17 characters; expected ${creditCodeCheckCharacter(code.slice(0, 17))}`
    : 'a unified social credit code (统一社会信用代码) is 18 characters: digits and capital letters except I, O, Z, S, V';

const codeText = z.string().trim().toUpperCase();

export const UnifiedSocialCreditCode = codeText.check((ctx) => {
  if (!isUnifiedSocialCreditCode(ctx.value)) {
    ctx.issues.push({ code: 'custom', message: creditCodeMessage(ctx.value), input: ctx.value });
  }
});
export type UnifiedSocialCreditCode = z.infer<typeof UnifiedSocialCreditCode>;

/**
 * 税务登记号. Since 2015 it is the 18-character unified social credit code, checked
 * in full. Older numbers are still printed on invoices: 15 characters (division code
 * + organisation code), 17, or 20 (an identity card number + 2); for those only the
 * form (capital letters and digits) is checked, as they have no common check digit.
 */
export const TaxRegistrationNumber = codeText.check((ctx) => {
  const value = ctx.value;
  if (value.length === 18) {
    if (!isUnifiedSocialCreditCode(value)) {
      ctx.issues.push({ code: 'custom', message: creditCodeMessage(value), input: value });
    }
  } else if (![15, 17, 20].includes(value.length) || !/^[0-9A-Z]+$/.test(value)) {
    ctx.issues.push({
      code: 'custom',
      message:
        'a tax registration number (税务登记号) is the 18-character unified social credit code, or an older number of 15, 17 or 20 letters and digits',
      input: value,
    });
  }
});
export type TaxRegistrationNumber = z.infer<typeof TaxRegistrationNumber>;
