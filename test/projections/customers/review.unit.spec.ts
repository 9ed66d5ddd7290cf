import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { reviewDue, reviewDueFrom, shanghaiDate } from '../../../src/projections/customers/review.js';

const day = 86_400_000;
const instantArb = fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2032-12-31T00:00:00Z') }).map((t) => new Date(t).toISOString());
const dateArb = fc.integer({ min: Date.parse('2020-01-01T00:00:00Z') / day, max: Date.parse('2032-12-31T00:00:00Z') / day }).map((d) => new Date(d * day).toISOString().slice(0, 10));

describe('an archive’s review (有效期)', () => {
  test('falls due on the Shanghai calendar day `noticeDays` before its validity ends', () => {
    fc.assert(
      fc.property(dateArb, instantArb, fc.integer({ min: 0, max: 90 }), (validUntil, asOf, notice) => {
        const dueDate = new Date(Date.parse(`${validUntil}T00:00:00Z`) - notice * day).toISOString().slice(0, 10);
        expect(reviewDue(validUntil, asOf, notice)).toBe(shanghaiDate(asOf) >= dueDate);
      }),
    );
  });

  test('is due from an instant: midnight in Shanghai, the moment a kept archive must be read again', () => {
    expect(new Date(reviewDueFrom('2026-03-31')!).toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(reviewDue('2026-03-31', '2026-02-28T15:59:59.999Z')).toBe(false);
    expect(reviewDue('2026-03-31', '2026-02-28T16:00:00.000Z')).toBe(true);
    expect(reviewDueFrom(null)).toBeNull();
    expect(reviewDue(null, '2026-02-28T16:00:00.000Z')).toBe(false);
  });
});
