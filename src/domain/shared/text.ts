/**
 * What any text may hold, wherever it enters (a request's path, query, body, cursor or
 * token): PostgreSQL cannot store U+0000, its json type refuses an unpaired surrogate,
 * XLSX (XML 1.0) cannot carry the other C0 controls, and no field of this product is
 * longer than a few thousand characters. One rule, so that this class of input is
 * refused where it arrives, as a 400 naming the field, and never reaches SQL.
 */
export const maxTextLength = 10_000;

// C0 controls except tab, line feed, carriage return; DEL. Lone surrogates: a high one
// not followed by a low one, or a low one not preceded by a high one.
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `s` is not acceptable text, or `undefined` when it is. */
export const textFault = (s: string): string | undefined => {
  if (s.length > maxTextLength) return `text has at most ${maxTextLength} characters`;
  if (s.includes('\u0000')) return 'text cannot contain the NUL character (U+0000)';
  if (controls.test(s)) return 'text cannot contain control characters (other than tab and line breaks)';
  if (loneSurrogate.test(s)) return 'text cannot contain an unpaired surrogate (not valid Unicode)';
  return undefined;
};

/**
 * Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): drawn as nothing,
 * so "a\u200bb" looks like "ab". Plus U+3164 HANGUL FILLER and U+FFA0 (drawn as blank
 * space though not ignorable), U+115F/U+1160 (likewise).
 */
const invisible =
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8]|\ud82f[\udca0-\udca3]|\ud834[\udd73-\udd7a]|[\udb40-\udb43][\udc00-\udfff]/g;

/** `s` without the code points that draw as nothing. */
export const withoutInvisible = (s: string): string => s.replace(invisible, '');

/** Blank: nothing but white space and invisible characters. */
export const isBlank = (s: string): boolean => withoutInvisible(s).trim() === '';

/**
 * The bidirectional controls (embeddings, overrides, isolates and marks): they reorder
 * what is displayed, so a name holding one can read differently from what it is.
 */
const bidi = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export const hasBidiControl = (s: string): boolean => bidi.test(s);
