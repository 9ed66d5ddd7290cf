import * as E from 'fp-ts/Either';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { idempotentEventId, parseIdempotencyKey } from '../../src/api/idempotency.js';
import { Uuid } from '../../src/domain/shared/index.js';

const key = fc.stringMatching(/^[\x21-\x7e]{1,40}$/);
const actorId = fc.string({ minLength: 1, maxLength: 40 });

describe('an idempotent event id', () => {
  test.prop([actorId, key, fc.nat(100)])('is the same for the same caller, key and index', (a, k, i) => {
    expect(idempotentEventId(a, k, i)).toBe(idempotentEventId(a, k, i));
  });

  test.prop([actorId, key, fc.nat(100)])('is a version 5, RFC 9562 variant UUID', (a, k, i) => {
    const id = idempotentEventId(a, k, i);
    expect(Uuid.safeParse(id).success).toBe(true);
    expect(id[14]).toBe('5');
    expect('89ab').toContain(id[19]);
  });

  test.prop([actorId, actorId, key, key, fc.nat(5), fc.nat(5)])(
    'differs when caller, key or index differs',
    (a1, a2, k1, k2, i1, i2) => {
      fc.pre(a1 !== a2 || k1 !== k2 || i1 !== i2);
      expect(idempotentEventId(a1, k1, i1)).not.toBe(idempotentEventId(a2, k2, i2));
    },
  );

  test('cannot be forged by moving text between caller and key', () => {
    expect(idempotentEventId('a', 'b:c', 0)).not.toBe(idempotentEventId('a:b', 'c', 0));
  });

  test('is pinned, so ids stay stable across releases', () => {
    expect(idempotentEventId('dev-archiveClerk', 'k1', 0)).toMatchInlineSnapshot(`"5c77a99d-6f1b-546e-8f62-1a7c5d4b04ef"`);
  });
});

describe('an Idempotency-Key header', () => {
  test.each([
    ['abc-123', 'abc-123'],
    ['"8e03978e-40d5-43e8-bc93-6894a57f9324"', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    [undefined, undefined],
  ])('%s is read as %s', (header, expected) => {
    expect(parseIdempotencyKey(header)).toEqual(E.right(expected));
  });

  test.each(['', 'has space', 'x'.repeat(256), 'ключ'])('%s is a 400', (header) => {
    const r = parseIdempotencyKey(header);
    expect(E.isLeft(r) && r.left.code).toBe('RequestInvalid');
  });
});
