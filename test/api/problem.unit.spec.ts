import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { Refusal, requestInvalid } from '../../src/api/errors.js';
import { problemOf, toProblem } from '../../src/api/problem.js';
import { problemType } from '../../src/api/problemTypes.js';
import type { AppRefusal } from '../../src/app/errors.js';
import type { StoreError } from '../../src/store/index.js';

describe('a domain refusal', () => {
  test('answers 409 with a type naming its rule', () => {
    const p = problemOf({ code: 'PeriodIsFrozen', message: 'period 2026-10 is approved and frozen' });
    expect(p.status).toBe(409);
    expect(p.body).toMatchObject({
      type: 'https://customer-ledger.dev/problems/period-is-frozen',
      title: 'Period is frozen',
      code: 'PeriodIsFrozen',
      detail: 'period 2026-10 is approved and frozen',
    });
    expect(p.bug).toBe(false);
  });

  test.each([
    ['RoleNotAllowed', 403],
    ['NotTheRequester', 403],
    ['CustomerNotFound', 404],
    ['ComplaintNotFound', 404],
    ['ReasonRequired', 422],
    ['PaidExceedsDue', 422],
    ['ApproverIsRequester', 409],
    ['StepOutOfOrder', 409],
    ['OnePrimaryContact', 409],
    ['CompanyTypeTextWithoutOther', 422],
  ] as const)('%s answers %i', (code, status) => {
    expect(problemOf({ code, message: 'm' } as AppRefusal).status).toBe(status);
  });

  test('passed through express, it answers by its type; the same shape bare is not a refusal but a bug', () => {
    expect(toProblem(new Refusal({ code: 'PeriodIsFrozen', message: 'm' })).status).toBe(409);
    expect(toProblem({ code: 'PeriodIsFrozen', message: 'm' })).toMatchObject({ status: 500, bug: true });
  });

  test('the customers to grade that cannot be read answer 503 to retry, as the store being unavailable', () => {
    const p = problemOf({ code: 'GradingInputsUnavailable', message: 'the customers to grade for 2026-10 could not be loaded' });
    expect(p).toMatchObject({ status: 503, body: { code: 'StoreUnavailable', detail: 'the customers to grade for 2026-10 could not be loaded' }, headers: { 'Retry-After': '5' } });
  });

  test('names the steps allowed next when it says which they are, and nothing else of the refusal', () => {
    const refusal = { code: 'StepOutOfOrder' as const, message: 'm', status: 'received', allowedSteps: ['judge'] };
    expect(problemOf(refusal).body).toEqual({ type: expect.any(String), title: expect.any(String), status: 409, detail: 'm', code: 'StepOutOfOrder', allowedSteps: ['judge'] });
    expect(problemOf({ code: 'StepOutOfOrder', message: 'm' }).body).not.toHaveProperty('allowedSteps');
  });
});

describe('a store error', () => {
  test.each([
    [{ code: 'VersionConflict', message: 'm', streamId: 's-1', expected: 1, actual: 2 }, 412],
    [{ code: 'StoreUnavailable', message: 'm' }, 503],
    [{ code: 'DuplicateEventId', message: 'm', eventId: 'x' }, 422],
    [{ code: 'MetadataInvalid', message: 'm', path: ['reason'] }, 422],
    [{ code: 'MetadataInvalid', message: 'm', path: ['actor'] }, 500],
    [{ code: 'InvalidStreamId', message: 'm', streamId: 'x' }, 500],
  ] satisfies [StoreError, number][])('%o answers %i', (error, status) => {
    expect(problemOf(error).status).toBe(status);
  });

  test('StoreUnavailable says when to retry', () => {
    expect(problemOf({ code: 'StoreUnavailable', message: 'down' }).headers['Retry-After']).toBe('5');
  });
});

describe('an HTTP refusal', () => {
  test('invalid input lists each path', () => {
    const p = toProblem(requestInvalid([{ path: 'body.name', message: 'required' }]));
    expect(p.status).toBe(400);
    expect(p.body.errors).toEqual([{ path: 'body.name', message: 'required' }]);
    expect(p.body.type).toBe(problemType('RequestInvalid'));
  });

  test('unauthenticated names the Bearer scheme', () => {
    const p = toProblem(new Refusal({ code: 'Unauthenticated', message: 'expired', tokenError: 'invalid_token' }));
    expect(p.status).toBe(401);
    expect(p.headers['WWW-Authenticate']).toMatch(/^Bearer realm="customer-ledger", error="invalid_token"/);
  });

  test('a body-parser syntax error is malformed JSON', () => {
    const e = Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' });
    expect(toProblem(e)).toMatchObject({ status: 400, body: { code: 'MalformedJson' } });
  });

  test('a body over the limit is 413', () => {
    const e = Object.assign(new Error('too large'), { status: 413, type: 'entity.too.large', limit: 10 });
    expect(toProblem(e)).toMatchObject({ status: 413, body: { code: 'PayloadTooLarge' } });
  });
});

describe('a zod error', () => {
  test('answers 400 with paths', () => {
    const error = z.object({ a: z.object({ b: z.string() }) }).safeParse({ a: { b: 1 } }).error;
    expect(toProblem(error)).toMatchObject({ status: 400, body: { errors: [{ path: 'a.b' }] } });
  });
});

describe('anything else', () => {
  test.each([new TypeError('x is undefined'), Object.assign(new Error('pg'), { code: '42P01' }), 'a string', null, 42])(
    '%o is a bug: 500 without details',
    (error) => {
      const p = toProblem(error);
      expect(p.status).toBe(500);
      expect(p.bug).toBe(true);
      expect(JSON.stringify(p.body)).not.toContain('undefined');
    },
  );
});
