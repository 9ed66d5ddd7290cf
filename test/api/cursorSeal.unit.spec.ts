import { createSecretKey } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cursorSeal } from '../../src/api/cursorSeal.js';

const seal = cursorSeal(createSecretKey(Buffer.from('cursor-test-secret-of-at-least-32-characters')));
const other = cursorSeal(createSecretKey(Buffer.from('another-secret-of-at-least-32-characters!!')));
const cursor = fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/);

describe('sealed cursors', () => {
  test('a sealed cursor opens to what was sealed, and stays URL-safe', () => {
    fc.assert(
      fc.property(cursor, (c) => {
        expect(seal.open(seal.seal(c))).toBe(c);
        expect(seal.seal(c)).toMatch(/^[A-Za-z0-9_.-]+$/);
      }),
    );
  });

  test('a cursor changed anywhere, unsealed, or sealed with another key does not open', () => {
    fc.assert(
      fc.property(cursor, fc.nat(), fc.stringMatching(/^[A-Za-z0-9_-]$/), (c, at, by) => {
        const sealed = seal.seal(c);
        const i = at % sealed.length;
        const changed = `${sealed.slice(0, i)}${by}${sealed.slice(i + 1)}`;
        if (changed !== sealed && seal.open(changed) === c) {
          // base64url's last character carries spare bits: only those may differ
          expect(i).toBe(sealed.length - 1);
        } else if (changed !== sealed) expect(seal.open(changed)).not.toBe(c);
        expect(seal.open(c)).toBeUndefined();
        expect(seal.open(other.seal(c))).toBeUndefined();
      }),
    );
  });
});
