import * as E from 'fp-ts/Either';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { checkIfMatch, etagOf, ifNoneMatchHolds, parseIfMatch } from '../../src/api/etag.js';

describe('an ETag', () => {
  test.prop([fc.integer({ min: 0, max: 999_999_999 })])('round-trips through If-Match', (version) => {
    expect(parseIfMatch(etagOf(version))).toEqual(E.right(version));
  });

  test('* expects the resource to exist', () => {
    expect(parseIfMatch('*')).toEqual(E.right('streamExists'));
  });

  test('no header expects nothing', () => {
    expect(parseIfMatch(undefined)).toEqual(E.right(undefined));
  });

  test.each(['7', 'W/"7"', '"7", "8"', '"-1"', '"x"', '""'])('If-Match %s is a 400 at headers.if-match', (header) => {
    const r = parseIfMatch(header);
    expect(E.isLeft(r) && r.left.code === 'RequestInvalid' && r.left.errors[0]?.path).toBe('headers.if-match');
  });
});

describe('a stale If-Match', () => {
  test('is a 412 naming the current version', () => {
    const r = checkIfMatch(3, 5);
    expect(E.isLeft(r) && r.left).toMatchObject({ code: 'PreconditionFailed', current: 5 });
  });

  test.prop([fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })])('holds exactly when equal', (a, b) => {
    expect(E.isRight(checkIfMatch(a, b))).toBe(a === b);
  });

  test('* holds only for something that exists', () => {
    expect(E.isRight(checkIfMatch('streamExists', 1))).toBe(true);
    expect(E.isRight(checkIfMatch('streamExists', 0))).toBe(false);
  });
});

describe('If-None-Match', () => {
  test('holds for the current tag, weak or strong, in a list', () => {
    expect(ifNoneMatchHolds('"1", W/"4"', 4)).toBe(true);
    expect(ifNoneMatchHolds('"3"', 4)).toBe(false);
    expect(ifNoneMatchHolds(undefined, 4)).toBe(false);
  });
});
