import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { progressNotice } from '../../../src/projections/engine/positions.js';

describe('a runner’s commit announcement, as another engine reads it', () => {
  test('gives back the view’s name and the position it committed (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9_]{0,19}$/), fc.maxSafeNat(), (name, position) => {
        expect(progressNotice(`${name}:${position}`)).toEqual({ name, position });
      }),
    );
  });

  test('anything else is not an announcement', () => {
    for (const payload of ['', ':12', 'view', 'view:', 'view:x', 'view:1.5', 'view:9007199254740993', '12']) expect(progressNotice(payload)).toBeNull();
  });
});
