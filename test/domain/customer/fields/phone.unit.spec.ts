import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { LandlineNumber, MobileNumber, PhoneNumber } from '../../../../src/domain/customer/index.js';

const mobiles = ['13812345678', '19912345678', '+86 138 1234 5678', '+8613812345678', '8613812345678', '0086 138-1234-5678', '138-1234-5678'];
const landlines = [
  '021-12345678',
  '0755-1234567',
  '010 8765 4321',
  '(021) 12345678',
  '（0574）87654321',
  '+86 21 12345678',
  '+86-21-12345678',
  '86 755 1234567',
  '+86 021-12345678',
  '021-12345678-123',
  '0755-1234567 转 8001',
  '021-12345678 ext. 12',
  '0755-123-4567',
];
const neither = ['12345678', '1381234567', '138123456789', '12812345678', '021-1234', '1-800-12345678', 'call me', '021-1234567a', '+1 212 555 0100', '', '   '];

describe('a mobile number (手机)', () => {
  test.each(mobiles)('%s is accepted', (text) => expect(MobileNumber.safeParse(text).success).toBe(true));
  test.each([...landlines, ...neither])('%s is refused', (text) => expect(MobileNumber.safeParse(text).success).toBe(false));
  test('a refusal says what a mobile looks like', () => {
    const issue = MobileNumber.safeParse('12812345678').error?.issues[0];
    expect(issue?.message).toMatch(/11 digits starting 13–19/);
  });
});

describe('a landline (传真)', () => {
  test.each(landlines)('%s is accepted', (text) => expect(LandlineNumber.safeParse(text).success).toBe(true));
  test.each([...mobiles, ...neither])('%s is refused', (text) => expect(LandlineNumber.safeParse(text).success).toBe(false));
});

describe('a phone number (电话)', () => {
  test.each([...mobiles, ...landlines])('%s is accepted', (text) => expect(PhoneNumber.safeParse(text).success).toBe(true));
  test.each(neither)('%s is refused', (text) => expect(PhoneNumber.safeParse(text).success).toBe(false));
  test('is kept as written, trimmed', () => expect(PhoneNumber.parse('  021-12345678 ')).toBe('021-12345678'));

  test('every generated mobile is accepted, with or without +86 and separators', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 9 }),
        fc.stringMatching(/^\d{9}$/),
        fc.constantFrom('', '+86 ', '86', '+86-', '0086 '),
        fc.constantFrom('', ' ', '-'),
        (second, rest, prefix, sep) => {
          const text = `${prefix}1${second}${rest.slice(0, 1)}${sep}${rest.slice(1, 5)}${sep}${rest.slice(5)}`;
          expect(PhoneNumber.safeParse(text).success).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('any text with a letter outside an extension marker is refused', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{3,12}[a-wyzA-WYZ]\d{0,6}$/), (text) => {
        expect(PhoneNumber.safeParse(text).success).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
