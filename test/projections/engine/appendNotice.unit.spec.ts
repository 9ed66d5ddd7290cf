import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { appendNotice } from '../../../src/projections/engine/positions.js';

describe('an append’s notification, as the engine reads it', () => {
  test('gives back the position and the types it was written with (property)', () => {
    fc.assert(
      fc.property(fc.nat(), fc.uniqueArray(fc.stringMatching(/^[A-Z][A-Za-z]{0,30}$/), { minLength: 1, maxLength: 12 }), (position, types) => {
        expect(appendNotice(`${position}:${[...types].sort().join(',')}`)).toEqual({ position, types: new Set(types) });
      }),
    );
  });

  test('a position alone (before migration 010, or the fallbacks of 002 and 003): types unknown', () => {
    expect(appendNotice('42')).toEqual({ position: 42 });
  });

  test('anything else is not an append’s notification', () => {
    for (const payload of ['', ':Noted', 'x', 'x:Noted', '1.5', '-', '9007199254740993']) expect(appendNotice(payload)).toBeNull();
  });
});
