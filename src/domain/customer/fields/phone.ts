import { z } from 'zod';

/**
 * Chinese phone numbers as people write them on the 客户档案表: a mobile
 * (1[3-9] and 9 more digits) or a landline with its area code (021-12345678,
 * 0755-1234567, (010) 1234 5678), optionally prefixed +86 / 0086 / 86 (then the
 * area code's leading 0 may be dropped: +86 21 12345678), with spaces, dashes and
 * brackets as separators. A landline may carry an extension: 021-12345678-123,
 * 021-12345678 转 123, ext. 123, #123. Values are kept as written (trimmed); only
 * their form is checked.
 */

const COUNTRY_PREFIX = /^(?:\+86|0086|86)/;
const MOBILE = /^1[3-9]\d{9}$/;
/**
 * 0 + an area code (10 Beijing, 2x the big cities, 3xx–9xx elsewhere; never 1x
 * else, which keeps mobiles out), then a 7–8 digit local number.
 */
const LANDLINE = /^0(?:10|2\d|[3-9]\d{2})\d{7,8}$/;
const LANDLINE_AFTER_PREFIX = /^0?(?:10|2\d|[3-9]\d{2})\d{7,8}$/;
const WORDED_EXTENSION = /^(.*?)\s*(?:转|分机|ext\.?|x|#)\s*\d{1,6}$/i;
const DASHED_EXTENSION = /^(.*\d)\s*-\s*\d{1,6}$/;

type Digits = { prefixed: boolean; number: string };

/** The digits of `text` without separators and country prefix, or null when other characters appear. */
const digitsOf = (text: string): Digits | null => {
  const compact = text.replace(/[\s\-()（）]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  const prefixed = COUNTRY_PREFIX.test(compact);
  return { prefixed, number: prefixed ? compact.replace(COUNTRY_PREFIX, '') : compact };
};

export const isChineseMobile = (text: string): boolean => {
  const digits = digitsOf(text.trim());
  return digits !== null && MOBILE.test(digits.number);
};

const isLandlineWithoutExtension = (text: string): boolean => {
  const digits = digitsOf(text);
  return digits !== null && (digits.prefixed ? LANDLINE_AFTER_PREFIX : LANDLINE).test(digits.number);
};

export const isChineseLandline = (text: string): boolean => {
  const trimmed = text.trim();
  if (isLandlineWithoutExtension(trimmed)) return true;
  // An extension is tried only when the whole does not already read as a number,
  // so that 0755-123-4567 stays a 7-digit local number rather than an extension.
  const worded = WORDED_EXTENSION.exec(trimmed);
  if (worded?.[1] !== undefined && isLandlineWithoutExtension(worded[1])) return true;
  const dashed = DASHED_EXTENSION.exec(trimmed);
  return dashed?.[1] !== undefined && isLandlineWithoutExtension(dashed[1]);
};

const phoneText = z.string().trim().max(40, 'a phone number has at most 40 characters');

/** 手机: a Chinese mobile number. */
export const MobileNumber = phoneText.refine(isChineseMobile, {
  error: 'a mobile number is 11 digits starting 13–19, e.g. 138 1234 5678, optionally with +86',
});
export type MobileNumber = z.infer<typeof MobileNumber>;

/** 传真: a landline (fax machines hang on landlines). */
export const LandlineNumber = phoneText.refine(isChineseLandline, {
  error: 'a landline has its area code, e.g. 021-12345678 or 0755-1234567 (extension: -123), optionally with +86',
});
export type LandlineNumber = z.infer<typeof LandlineNumber>;

/** 电话: a landline or a mobile. */
export const PhoneNumber = phoneText.refine((text) => isChineseLandline(text) || isChineseMobile(text), {
  error:
    'a phone number is a mobile (13812345678) or a landline with area code (021-12345678, extension -123), optionally with +86',
});
export type PhoneNumber = z.infer<typeof PhoneNumber>;
