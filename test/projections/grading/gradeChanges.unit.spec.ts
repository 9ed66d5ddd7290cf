import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Grade } from '../../../src/domain/grading/index.js';
import { gradeDirection } from '../../../src/projections/grading/gradeChanges.js';
import { expectedDirection } from './gradeOrder.js';

/** 升/降级's direction of one customer, by the domain's grade order. */
describe('grade direction', () => {
  test('up, down or same by the grade order (A best), new without a previous grade; swapping the grades swaps up and down (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Grade.options), fc.option(fc.constantFrom(...Grade.options), { nil: null }), (grade, previous) => {
        expect(gradeDirection(grade, previous)).toBe(expectedDirection(grade, previous));
        if (previous !== null) {
          expect(gradeDirection(previous, grade)).toBe({ up: 'down', down: 'up', same: 'same', new: 'new' }[gradeDirection(grade, previous)]);
        }
      }),
    );
  });
});
