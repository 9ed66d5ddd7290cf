import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeCases } from '../../support/stores.js';
import { client, type CustomersApp, openCustomersApp, uniqueName } from './customersApp.js';
import { archiveBody } from './customersFixtures.js';

/**
 * Whatever a client sends to the customer routes — valid bodies bent at any depth,
 * arbitrary JSON, odd queries and headers — the answer is below 500, every refusal is a
 * problem document, and a refused request leaves the event log as it was.
 */
type Json = unknown;
type Ids = { customer: string; contact: string; request: string };
type Caller = 'clerk' | 'service' | 'salesperson' | 'auditor' | 'board';
/** `by`: a caller the route lets in, so that most requests get past the guard to the body and the domain. */
type Target = { method: 'get' | 'post' | 'put' | 'patch' | 'delete'; by: Caller; path: (ids: Ids, id: string) => string; body?: () => Json };

const reason = '模糊测试';
const targets: Target[] = [
  { method: 'post', by: 'clerk', path: () => '/customers', body: () => archiveBody(uniqueName('模糊')) },
  { method: 'get', by: 'auditor', path: () => '/customers' },
  { method: 'get', by: 'auditor', path: (_ids, id) => `/customers/${id}` },
  { method: 'patch', by: 'clerk', path: (_ids, id) => `/customers/${id}`, body: () => ({ region: '华南', sales: { annual: '1.00' }, reason }) },
  { method: 'put', by: 'clerk', path: (_ids, id) => `/customers/${id}/status`, body: () => ({ status: 'inactive', reason }) },
  { method: 'put', by: 'clerk', path: (_ids, id) => `/customers/${id}/salesperson`, body: () => ({ salespersonId: 'sp-2', reason }) },
  { method: 'put', by: 'clerk', path: (_ids, id) => `/customers/${id}/validity`, body: () => ({ validUntil: '2029-01-01', reason }) },
  { method: 'post', by: 'board', path: (_ids, id) => `/customers/${id}/reviews`, body: () => ({ reason }) },
  { method: 'post', by: 'clerk', path: (_ids, id) => `/customers/${id}/contacts`, body: () => ({ category: 'primary', name: '钱', email: 'q@example.com', reason }) },
  { method: 'patch', by: 'clerk', path: (ids, id) => `/customers/${id}/contacts/${ids.contact}`, body: () => ({ phone: '010-12345678', reason }) },
  { method: 'delete', by: 'clerk', path: (ids, id) => `/customers/${id}/contacts/${ids.contact}`, body: () => ({ reason }) },
  { method: 'post', by: 'service', path: (_ids, id) => `/customers/${id}/violations`, body: () => ({ occurredAt: '2026-01-01T00:00:00Z', type: '窜货', description: '跨区', reason }) },
  { method: 'post', by: 'salesperson', path: (_ids, id) => `/customers/${id}/evaluations`, body: () => ({ text: '好' }) },
  { method: 'post', by: 'service', path: (_ids, id) => `/customers/${id}/change-requests`, body: () => ({ changes: { remarks: uniqueName('改') }, reason }) },
  { method: 'get', by: 'auditor', path: (ids) => `/change-requests/${ids.request}` },
  { method: 'post', by: 'clerk', path: (ids) => `/change-requests/${ids.request}/decision`, body: () => ({ decision: 'reject', reason }) },
  { method: 'get', by: 'auditor', path: (_ids, id) => `/customers/${id}/history` },
  { method: 'get', by: 'auditor', path: () => '/reports/violations' },
];

/** Every path into a JSON value: where a mutation may strike. */
const pathsOf = (value: Json, prefix: (string | number)[] = []): (string | number)[][] => {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (typeof value === 'object' && value !== null) return [prefix, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return [prefix];
};

const mutated = (value: Json, path: (string | number)[], change: { kind: 'set' | 'delete' | 'add'; key: string; to: Json }): Json => {
  if (path.length === 0) {
    if (change.kind === 'set') return change.to;
    if (change.kind === 'add' && typeof value === 'object' && value !== null && !Array.isArray(value)) return { ...value, [change.key]: change.to };
    return value;
  }
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    if (rest.length === 0 && change.kind === 'delete') return value.filter((_, i) => i !== head);
    return value.map((v, i) => (i === head ? mutated(v, rest, change) : v));
  }
  const record = value as Record<string, Json>;
  if (rest.length === 0 && change.kind === 'delete') {
    const { [head as string]: _dropped, ...others } = record;
    return others;
  }
  return { ...record, [head as string]: mutated(record[head as string], rest, change) };
};

const text = fc.string({ maxLength: 30, unit: 'binary' });
const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', ' ', '12.345', '-1', '1e3', '2026-13-01', '0755', 'a@b', 'ftp://x', '13800000000', 'A'.repeat(5000), null, 1.5, -0),
  text,
);
const change = fc.record({ kind: fc.constantFrom('set', 'delete', 'add'), key: fc.oneof(text, fc.constantFrom('__proto__', 'constructor', 'id')), to: oddValue });

const scenario = fc.record({
  target: fc.nat({ max: targets.length - 1 }),
  id: fc.oneof({ weight: 4, arbitrary: fc.constant('existing') }, { weight: 1, arbitrary: fc.constant('random') }, { weight: 1, arbitrary: text }),
  bodyKind: fc.constantFrom('valid', 'mutated', 'mutated', 'mutated', 'json', 'raw'),
  strike: fc.nat(),
  change,
  json: fc.jsonValue({ maxDepth: 3 }),
  raw: fc.oneof(fc.string({ maxLength: 100 }), fc.constantFrom('{', '[]', 'null', '{"reason":', '\u0000')),
  query: fc.oneof(
    { weight: 2, arbitrary: fc.constant({}) },
    { weight: 3, arbitrary: fc.dictionary(
    fc.oneof(fc.constantFrom('asOf', 'knownAt', 'limit', 'cursor', 'grade', 'status', 'salespersonId', 'q', 'from', 'to', 'type', 'format', 'customerId', 'reason'), text),
    fc.oneof(text, fc.constantFrom('2026-01-01T00:00:00+08:00', '2026-01-01T00:00:00 08:00', '0', '501', 'csv', 'xlsx', 'A', 'lost', 'eyJ4IjoxfQ')),
    { maxKeys: 3 },
  ) },
  ),
  auth: fc.oneof({ weight: 6, arbitrary: fc.constant('fitting' as const) }, { weight: 1, arbitrary: fc.constantFrom('none', 'clerk', 'service', 'salesperson', 'auditor', 'board', 'garbage') }),
  ifMatch: fc.option(fc.oneof(fc.constantFrom('*', '"1"', '"999"', 'W/"1"', '1'), fc.stringMatching(/^[\x20-\x7e]{0,20}$/)), { nil: undefined, freq: 2 }),
  idempotencyKey: fc.option(fc.oneof(fc.uuid(), fc.constant('fixed-key'), fc.stringMatching(/^[\x20-\x7e]{0,20}$/)), { nil: undefined, freq: 2 }),
});

describe.each(storeCases)('fuzzing the customer routes on $name', ({ open }) => {
  let c: CustomersApp;
  const ids: Ids = { customer: '', contact: '', request: '' };
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    c = await openCustomersApp(open);
    tokens.clerk = await c.token(['archiveClerk'], 'clerk-1');
    tokens.service = await c.token(['serviceClerk'], 'service-1');
    tokens.salesperson = await c.token(['salesperson'], 'sp-1');
    tokens.auditor = await c.token(['auditor'], 'auditor-1');
    tokens.board = await c.token(['reviewBoard'], 'board-1');
    tokens.garbage = 'eyJhbGciOiJIUzI1NiJ9.e30.invalid';
    const as = client(c.app);
    ids.customer = (await as(tokens.clerk).post('/customers').send(archiveBody(uniqueName('模糊客户')))).body.id;
    ids.contact = (await as(tokens.clerk).get(`/customers/${ids.customer}`)).body.contacts[0].id;
    ids.request = (await as(tokens.service).post(`/customers/${ids.customer}/change-requests`).send({ changes: { remarks: '模糊' }, reason })).body.id;
  });
  afterAll(() => c.close());

  test('never answers 5xx, refuses with problem documents, and refusals write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const target = targets[s.target]!;
        const id = s.id === 'existing' ? ids.customer : s.id === 'random' ? randomUUID() : encodeURIComponent(s.id);
        const qs = new URLSearchParams(s.query).toString();
        const path = `${target.path(ids, id)}${qs ? `?${qs}` : ''}`;
        const caller = s.auth === 'fitting' ? target.by : s.auth;
        let req = client(c.app)(caller === 'none' ? undefined : tokens[caller])[target.method](path);
        if (s.ifMatch !== undefined) req = req.set('If-Match', s.ifMatch);
        if (s.idempotencyKey !== undefined) req = req.set('Idempotency-Key', s.idempotencyKey);
        if (target.body) {
          const valid = target.body();
          const paths = pathsOf(valid);
          const body =
            s.bodyKind === 'valid' ? JSON.stringify(valid)
            : s.bodyKind === 'mutated' ? JSON.stringify(mutated(valid, paths[s.strike % paths.length]!, s.change))
            : s.bodyKind === 'json' ? JSON.stringify(s.json)
            : s.raw;
          req = req.set('Content-Type', 'application/json').send(body);
        }
        const before = await c.eventCount();
        const res = await req;
        expect(res.status, `${target.method} ${path} → ${res.status} ${res.text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.body).toMatchObject({ status: res.status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
          expect(await c.eventCount(), `${target.method} ${path} refused with ${res.status} but wrote`).toBe(before);
        }
      }),
      { numRuns: 250 },
    );
  });
});
