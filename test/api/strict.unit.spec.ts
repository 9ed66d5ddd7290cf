import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { fieldErrors } from '../../src/api/errors.js';
import { strictDeep } from '../../src/api/strict.js';

const Contact = z.object({ name: z.string(), email: z.email().optional() });
const Body = z.object({
  name: z.string(),
  contacts: z.array(Contact).optional(),
  sales: z.object({ annual: z.string() }).nullable().optional(),
  kind: z.discriminatedUnion('step', [z.object({ step: z.literal('a') }), z.object({ step: z.literal('b'), x: z.number() })]).optional(),
});
const Strict = strictDeep(Body);

const unknownPaths = (value: unknown) => {
  const r = Strict.safeParse(value);
  return r.success ? [] : fieldErrors(r.error, 'body').filter((e) => e.message === 'unknown field').map((e) => e.path);
};

describe('a strict request schema', () => {
  test('names an unknown field at the top', () => {
    expect(unknownPaths({ name: 'x', remraks: 'typo' })).toEqual(['body.remraks']);
  });

  test('names an unknown field in an array element', () => {
    expect(unknownPaths({ name: 'x', contacts: [{ name: 'a' }, { name: 'b', mail: 'm' }] })).toEqual(['body.contacts[1].mail']);
  });

  test('names an unknown field under optional and nullable wrappers and in union members', () => {
    expect(unknownPaths({ name: 'x', sales: { annual: '1', total: '2' }, kind: { step: 'b', x: 1, y: 2 } })).toEqual([
      'body.sales.total',
      'body.kind.y',
    ]);
  });

  test('still accepts what the original accepts', () => {
    const ok = { name: 'x', contacts: [{ name: 'a', email: 'a@b.cn' }], sales: null, kind: { step: 'a' } };
    expect(Strict.parse(ok)).toEqual(Body.parse(ok));
  });

  test('keeps a schema that is already strict as it is', () => {
    const already = z.strictObject({ a: z.string() });
    expect(strictDeep(already)).toBe(already);
  });

  test('keeps descriptions but not ids', () => {
    const described = z.object({ a: z.string() }).meta({ id: 'Described', description: 'd' });
    const strict = strictDeep(described);
    expect(z.globalRegistry.get(strict)).toEqual({ description: 'd' });
  });

  test('names an odd key unambiguously', () => {
    expect(unknownPaths(JSON.parse('{"name":"x","a.b":1,"__proto__":{"polluted":1}}'))).toEqual(['body["a.b"]', 'body.__proto__']);
  });
});
