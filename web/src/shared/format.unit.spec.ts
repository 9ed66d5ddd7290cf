import { describe, expect, test } from 'vitest';
import { formatInstant, formatMoney } from './format.js';

describe('money as the office reads it', () => {
  test.each([
    ['125400.00', '¥125,400.00'],
    ['125400', '¥125,400.00'],
    ['0.5', '¥0.50'],
    ['1234567.89', '¥1,234,567.89'],
    ['-12.3', '-¥12.30'],
    ['999', '¥999.00'],
  ])('%s is %s', (amount, shown) => expect(formatMoney(amount)).toBe(shown));

  test('nothing is a dash', () => expect(formatMoney(null)).toBe('—'));
});

describe('instants in Beijing time', () => {
  test('an instant in UTC shows eight hours later', () => expect(formatInstant('2026-12-03T16:30:00Z')).toBe('2026-12-04 00:30'));
  test('an instant with another offset shows in Beijing time too', () => expect(formatInstant('2026-12-04T09:00:00+09:00', true)).toBe('2026-12-04 08:00:00'));
});
