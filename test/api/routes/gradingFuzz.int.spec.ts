import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultGradingPolicy } from '../../../src/domain/grading/index.js';
import { storeCases } from '../../support/stores.js';
import { client, type GradingApp, openGradingApp } from './gradingApp.js';

/**
 * Whatever a client sends to the grading routes — valid bodies bent at any depth,
 * arbitrary JSON, odd periods, queries and headers — the answer is below 500, every
 * refusal is a problem document, and a refused request leaves the event log as it was.
 */
type Caller = 'clerk' | 'board' | 'admin' | 'auditor' | 'ggm';
type Target = { method: 'get' | 'post' | 'put'; by: Caller; path: (id: string, period: string) => string; body?: (period: string) => unknown };

const reason = '模糊测试';
const targets: Target[] = [
  {
    method: 'post',
    by: 'clerk',
    path: (id) => `/customers/${id}/monthly-figures`,
    body: (period) => ({ period, sales: '1000.00', creditDue: '10.00', creditPaidOnTime: '5.00', reason }),
  },
  { method: 'get', by: 'auditor', path: () => '/grading/policy' },
  { method: 'put', by: 'admin', path: () => '/grading/policy', body: () => ({ ...defaultGradingPolicy, reason }) },
  { method: 'post', by: 'admin', path: () => '/grading/policy/simulations', body: (period) => ({ period, policy: defaultGradingPolicy }) },
  { method: 'post', by: 'clerk', path: (_id, period) => `/grading/periods/${period}/run`, body: () => ({ reason }) },
  { method: 'post', by: 'board', path: (id) => `/customers/${id}/score-overrides`, body: (period) => ({ period, score: 81.5, reason }) },
  { method: 'get', by: 'auditor', path: (_id, period) => `/reports/grade-summary?period=${period}` },
  { method: 'post', by: 'clerk', path: (_id, period) => `/reports/grade-summary/${period}/sign-offs`, body: () => ({ step: 'prepared' }) },
  { method: 'post', by: 'ggm', path: (_id, period) => `/reports/grade-summary/${period}/sign-offs`, body: () => ({ step: 'approved', reason }) },
  { method: 'get', by: 'auditor', path: (_id, period) => `/reports/upgrade-plan?period=${period}` },
  { method: 'get', by: 'auditor', path: () => '/reports/vip' },
];

/** Every path into a JSON value: where a mutation may strike. */
const pathsOf = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (typeof value === 'object' && value !== null) return [prefix, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return [prefix];
};

/** The value with the one at `path` replaced (or, with `to` undefined, removed). */
const bent = (value: unknown, path: readonly (string | number)[], to: unknown): unknown => {
  if (path.length === 0) return to;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.flatMap((v, i) => (i !== head ? [v] : rest.length === 0 && to === undefined ? [] : [bent(v, rest, to)]));
  const { [head as string]: inner, ...others } = value as Record<string, unknown>;
  return rest.length === 0 && to === undefined ? others : { ...others, [head as string]: bent(inner, rest, to) };
};

const text = fc.string({ maxLength: 20, unit: 'binary' });
const odd = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(undefined, '', ' ', '12.345', '-1', '1e3', '0000-01', '9999-12', '2026-00', 101, -0.001, 85.555, 'A'.repeat(3000), null),
  text,
);
const scenario = fc.record({
  target: fc.nat({ max: targets.length - 1 }),
  id: fc.constantFrom('existing', 'random', 'bad'),
  period: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('2026-08', '2026-07') }, { weight: 1, arbitrary: fc.constantFrom('0000-01', '9999-12', '2026-13', 'x') }),
  bodyKind: fc.constantFrom('valid', 'bent', 'bent', 'json', 'raw'),
  strike: fc.nat(),
  to: odd,
  json: fc.jsonValue({ maxDepth: 3 }),
  raw: fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('{', '[]', 'null', '{"reason":')),
  query: fc.dictionary(
    fc.constantFrom('asOf', 'knownAt', 'format', 'limit', 'cursor', 'period', 'extra'),
    fc.oneof(text, fc.constantFrom('2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00 08:00', 'csv', 'xlsx', 'json', '0', '501', '9999-12')),
    { maxKeys: 2 },
  ),
  auth: fc.oneof({ weight: 6, arbitrary: fc.constant('fitting' as const) }, { weight: 1, arbitrary: fc.constantFrom('none', 'clerk', 'board', 'auditor', 'garbage') }),
  ifMatch: fc.option(fc.constantFrom('*', '"0"', '"1"', '"999"', 'W/"1"', '1', 'x'), { nil: undefined, freq: 3 }),
  idempotencyKey: fc.option(fc.constantFrom('k1', 'k2', ' ', 'é'), { nil: undefined, freq: 3 }),
});

describe.each(storeCases)('fuzzing the grading routes on $name', ({ open }) => {
  let g: GradingApp;
  let customer = '';
  const tokens: Record<string, string> = { garbage: 'eyJhbGciOiJIUzI1NiJ9.e30.invalid' };
  const eventCount = async () => {
    const r = await g.store.store.readLog({ txId: '0', position: 0 }, 100_000)();
    if (E.isLeft(r)) throw new Error(r.left.message);
    return r.right.events.length;
  };

  beforeAll(async () => {
    g = await openGradingApp(open);
    tokens.clerk = await g.token(['archiveClerk'], 'clerk-1');
    tokens.board = await g.token(['reviewBoard'], 'board-1');
    tokens.admin = await g.token(['salesAdminManager'], 'admin-1');
    tokens.auditor = await g.token(['auditor'], 'auditor-1');
    tokens.ggm = await g.token(['groupGM'], 'ggm-1');
    customer = await g.register('模糊测试客户');
  });
  afterAll(() => g.close());

  test('never answers 5xx, refuses with problem documents, and refusals write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const target = targets[s.target]!;
        const id = s.id === 'existing' ? customer : s.id === 'random' ? randomUUID() : 'not-an-id';
        const base = target.path(id, s.period);
        const qs = new URLSearchParams(s.query).toString();
        const path = qs ? `${base}${base.includes('?') ? '&' : '?'}${qs}` : base;
        const caller = s.auth === 'fitting' ? target.by : s.auth;
        let req = client(g.app)(caller === 'none' ? undefined : tokens[caller])[target.method](path);
        if (s.ifMatch !== undefined) req = req.set('If-Match', s.ifMatch);
        if (s.idempotencyKey !== undefined) req = req.set('Idempotency-Key', s.idempotencyKey);
        if (target.body) {
          const valid = target.body(s.period);
          const paths = pathsOf(valid);
          const body =
            s.bodyKind === 'valid' ? JSON.stringify(valid)
            : s.bodyKind === 'bent' ? JSON.stringify(bent(valid, paths[s.strike % paths.length]!, s.to) ?? null)
            : s.bodyKind === 'json' ? JSON.stringify(s.json)
            : s.raw;
          req = req.set('Content-Type', 'application/json').send(body);
        }
        const before = await eventCount();
        const res = await req;
        expect(res.status, `${target.method} ${path} → ${res.status} ${res.text?.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.body).toMatchObject({ status: res.status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
          expect(await eventCount(), `${target.method} ${path} refused with ${res.status} but wrote`).toBe(before);
        }
      }),
      { numRuns: 200 },
    );
  });
});
