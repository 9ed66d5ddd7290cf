import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { decodeText, EncodingProblem } from '../../../src/cli/import/decodeText.js';
import { encodeGbk, gbkCharacters } from '../support/gbk.js';

const hanzi = gbkCharacters();
/** Text an ERP export holds: ASCII and the characters GBK can encode, by line. */
const csvText = fc.array(fc.oneof(fc.constantFrom(...hanzi), fc.constantFrom(',', '\r\n', '"', '1', 'a', ' ', '.')), { maxLength: 200 }).map((cs) => cs.join(''));

describe('a CSV file as Excel saves it', () => {
  test('"CSV UTF-8" (with a BOM) is read as UTF-8 without the BOM', () => {
    expect(decodeText(Buffer.from('\uFEFF期间,客户名称\n', 'utf8'))).toEqual({ text: '期间,客户名称\n', encoding: 'utf-8' });
  });

  test('UTF-8 without a BOM is read as UTF-8', () => {
    expect(decodeText(Buffer.from('期间,客户名称\n', 'utf8'))).toEqual({ text: '期间,客户名称\n', encoding: 'utf-8' });
  });

  test('"CSV" on a Chinese Windows (GBK) is detected and read', () => {
    expect(decodeText(encodeGbk('期间,客户名称\n2026-09,杭州恒达纺织有限公司\n'))).toEqual({ text: '期间,客户名称\n2026-09,杭州恒达纺织有限公司\n', encoding: 'gb18030' });
  });

  test('"Unicode text" (UTF-16LE with a BOM) is read', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('期间,客户\n', 'utf16le')])).text).toBe('期间,客户\n');
  });

  test.prop([csvText])('any text saved as UTF-8, with or without BOM, or as GBK with --encoding gbk, reads back the same', (text) => {
    expect(decodeText(Buffer.from(text, 'utf8')).text).toBe(text);
    expect(decodeText(Buffer.from(`\uFEFF${text}`, 'utf8')).text).toBe(text);
    expect(decodeText(encodeGbk(text), 'gbk').text).toBe(text);
  });

  // Detection is a guess: the GBK bytes of one character can be valid UTF-8 by chance
  // (螤 is A6 B0 in GBK, which UTF-8 reads as Π). For a file with a customer name in it,
  // the chance that every character is such a coincidence is nil; --encoding settles it.
  const name = fc.array(fc.constantFrom(...hanzi), { minLength: 8, maxLength: 20 }).map((cs) => cs.join(''));
  test.prop([csvText, name, csvText])('GBK text holding a name of 8 or more characters is detected as GBK', (before, n, after) => {
    const text = `${before}${n}${after}`;
    expect(decodeText(encodeGbk(text))).toEqual({ text, encoding: 'gb18030' });
  });

  test('one GBK character alone can pass for UTF-8 (why --encoding exists)', () => {
    expect(decodeText(encodeGbk('螤')).text).toBe('Π');
    expect(decodeText(encodeGbk('螤'), 'gbk').text).toBe('螤');
  });
});

describe('a file in another encoding than said', () => {
  test('--encoding utf-8 on a GBK file names the first line that is not UTF-8', () => {
    const bytes = encodeGbk('period,customer\n2026-09,杭州恒达\n');
    expect(() => decodeText(bytes, 'utf-8')).toThrow(new EncodingProblem('line 2 is not valid UTF-8 text: save it as "CSV UTF-8", or give --encoding'));
  });

  test('bytes that are neither UTF-8 nor GB18030 are refused, naming the line', () => {
    expect(() => decodeText(Buffer.from([0x61, 0x0a, 0x81, 0x20, 0x0a]))).toThrow(/neither UTF-8 nor GB18030\/GBK text \(line 2 is not UTF-8\)/);
  });
});
