import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeCases } from '../support/stores.js';
import { openProductApp, type ProductApp } from './support/productApp.js';
import { openTestApp, type TestApp } from './support/testApp.js';

/**
 * Whatever a client sends — bodies, queries, headers, paths — the API answers below
 * 500 and every refusal is a problem document; a refused request writes nothing.
 */
const headerText = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);
const anyText = fc.string({ maxLength: 40, unit: 'binary' });

const body = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.record({ text: fc.oneof(anyText, fc.integer(), fc.constant(null)), reason: fc.oneof(anyText, fc.constant('')) }).map((v) => JSON.stringify(v)),
  fc.dictionary(anyText, fc.jsonValue(), { maxKeys: 4 }).map((v) => JSON.stringify({ text: 'ok', reason: 'r', ...v })),
  fc.constantFrom('', '{', '[]', 'null', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', '\u0000'),
);

const path = fc.oneof(
  fc.constantFrom('/notes', '/health', '/openapi.json'),
  anyText.map((s) => `/notes/${encodeURIComponent(s)}`),
  anyText.map((s) => `/notes/${encodeURIComponent(s)}/lines`),
  fc.uuid().map((id) => `/notes/${id}/lines`),
  fc.uuid().map((id) => `/notes/${id}`),
  fc.stringMatching(/^\/[A-Za-z0-9%._~\/-]{0,30}$/),
);

const query = fc.dictionary(fc.oneof(fc.constantFrom('asOf', 'knownAt', 'limit', 'cursor'), anyText), fc.oneof(anyText, fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'x' : d.toISOString()))), { maxKeys: 3 });

const scenario = fc.record({
  method: fc.constantFrom('get', 'post', 'put', 'patch', 'delete'),
  path,
  query,
  auth: fc.constantFrom('none', 'clerk', 'auditor', 'garbage'),
  contentType: fc.oneof(fc.constantFrom('application/json', 'application/json; charset=utf-16', 'text/plain', 'application/merge-patch+json'), headerText),
  body: fc.option(body, { nil: undefined }),
  ifMatch: fc.option(fc.oneof(headerText, fc.nat().map((n) => `"${n}"`)), { nil: undefined }),
  idempotencyKey: fc.option(headerText, { nil: undefined }),
  requestId: fc.option(headerText, { nil: undefined }),
});

describe.each(storeCases)('fuzzing the API shell on $name', ({ open }) => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await openTestApp(open);
    tokens.clerk = `Bearer ${await t.token(['archiveClerk'])}`;
    tokens.auditor = `Bearer ${await t.token(['auditor'])}`;
    tokens.garbage = 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.invalid';
  });
  afterAll(() => t.close());

  const eventCount = async () =>
    Number((await t.store.db.query<{ n: string }>(`select count(*) as n from ${t.store.schema}.events`)).rows[0]!.n);

  test('never answers 5xx, refuses with problem documents, and refusals write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const before = await eventCount();
        const qs = new URLSearchParams(s.query).toString();
        let req = request(t.app)[s.method](`${s.path}${qs ? `?${qs}` : ''}`);
        if (s.auth !== 'none') req = req.set('Authorization', tokens[s.auth]!);
        if (s.ifMatch !== undefined) req = req.set('If-Match', s.ifMatch);
        if (s.idempotencyKey !== undefined) req = req.set('Idempotency-Key', s.idempotencyKey);
        if (s.requestId !== undefined) req = req.set('X-Request-Id', s.requestId);
        if (s.body !== undefined) req = req.set('Content-Type', s.contentType).send(s.body);
        const res = await req;
        expect(res.status, `${s.method} ${s.path} → ${res.status} ${res.text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.body).toMatchObject({ status: res.status, type: expect.any(String), title: expect.any(String), requestId: res.headers['x-request-id'] });
          expect(await eventCount()).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
  });
});

/**
 * The class of input that used to answer 500 (issue 12 §2), against every route of the
 * product: NUL and other control characters, unpaired surrogates (JSON bodies only: a
 * URL cannot carry one), over-long strings and forged cursors, in every path parameter,
 * query parameter and body field a route declares. Each is a 400 naming that field,
 * whoever asks and whatever else the request holds, and nothing is written.
 */
type Operation = { method: 'get' | 'post' | 'put' | 'patch' | 'delete'; path: string; params: string[]; query: string[]; body: string[] };
type OpenApi = {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
};
type Slot = { kind: 'params' | 'query' | 'body'; name: string };
type Schema = { $ref?: string; properties?: Record<string, unknown>; oneOf?: Schema[]; anyOf?: Schema[]; allOf?: Schema[] };

const propertiesOf = (doc: OpenApi, schema: Schema | undefined): string[] => {
  if (!schema) return [];
  if (schema.$ref) return propertiesOf(doc, doc.components?.schemas?.[schema.$ref.split('/').pop()!]);
  const options = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])];
  return [...new Set([...Object.keys(schema.properties ?? {}), ...options.flatMap((o) => propertiesOf(doc, o))])];
};

const operationsOf = (doc: OpenApi): Operation[] =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method as Operation['method'],
      path,
      params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      body: propertiesOf(doc, op.requestBody?.content['application/json']?.schema),
    })),
  );

const decent = (name: string): string => (name === 'period' ? '2026-10' : '8a0c4b52-6d6f-4c4e-9b1d-3f2a1e0d9c8b');

const badUrlText = fc.oneof(
  fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => `${a}\u0000${b}`),
  fc.constantFrom('\u0000', 'a\u0001b', '\u001b[31m', 'x\u007f'),
  fc.constant('x'.repeat(10_001)),
);
const badJsonText = fc.oneof(
  badUrlText,
  fc.constant('长'.repeat(10_001)),
  fc.constantFrom('x\ud800', '\udfff', 'a\udbff\u0041', '\ud800\ud800'),
);
const forgedCursor = fc.oneof(
  fc.constantFrom(`["' OR 1=1--",27]`, '["2026-01-01T00:00:00Z",-1]', '[null]', '{"x":1}', '["\u0000"]').map((s) => Buffer.from(s).toString('base64url')),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url')),
  fc.jsonValue().map((v) => `${Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url')}.AAAAAAAAAAAAAAAAAAAAAA`),
  fc.string({ maxLength: 60 }),
);

describe.each(storeCases)('every route of the product refuses what is not text on $name', ({ open }) => {
  let p: ProductApp;
  let token: string;
  let operations: Operation[];
  beforeAll(async () => {
    p = await openProductApp(open);
    token = await p.everyRole();
    operations = operationsOf((await request(p.app).get('/openapi.json')).body as OpenApi).filter((o) => o.path !== '/health');
  });
  afterAll(() => p.close());

  test('the routes are all there (the property below reaches each)', () => {
    expect(operations.length).toBeGreaterThan(35);
    expect(operations.filter((o) => o.query.includes('cursor')).length).toBeGreaterThanOrEqual(5);
  });

  const slotsOf = (op: Operation): Slot[] => [
    ...op.params.map((name) => ({ kind: 'params' as const, name })),
    ...op.query.map((name) => ({ kind: 'query' as const, name })),
    ...op.body.map((name) => ({ kind: 'body' as const, name })),
  ];

  /** Sends `bad` in `slot` of `op`, everything else decent; expects the 400 naming the slot and no write. */
  const refusesIn = async (op: Operation, slot: Slot, bad: string, asKey = false) => {
    const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(slot.kind === 'params' && slot.name === name ? bad : decent(name)));
    const query = slot.kind === 'query' ? `?${slot.name}=${encodeURIComponent(bad)}` : '';
    let req = request(p.app)[op.method](`${path}${query}`).set('Authorization', `Bearer ${token}`);
    if (op.method !== 'get') {
      const body = slot.kind !== 'body' ? {} : asKey ? { [slot.name]: { [bad]: 'x' } } : { [slot.name]: bad };
      req = req.set('Content-Type', 'application/json').send(JSON.stringify(body));
    }
    const before = await p.eventCount();
    const res = await req;
    const where = `${op.method} ${op.path} with ${slot.kind}.${slot.name} = ${JSON.stringify(bad.slice(0, 40))}`;
    expect(res.status, `${where} → ${res.text.slice(0, 300)}`).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths.some((at) => at.startsWith(`${slot.kind}.${slot.name}`) || at.startsWith(`${slot.kind}["${slot.name}"]`)), `${where}: ${paths.join(', ')}`).toBe(true);
    expect(await p.eventCount()).toBe(before);
  };

  test('every parameter and body field of every route refuses a NUL (and every cursor a forged one)', async () => {
    for (const op of operations) {
      for (const slot of slotsOf(op)) await refusesIn(op, slot, slot.name === 'cursor' ? Buffer.from('[1]').toString('base64url') : 'a\u0000b');
    }
  });

  test('NUL, control characters, lone surrogates, over-long strings and forged cursors are a 400 naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), badUrlText, badJsonText, forgedCursor, fc.boolean(), async (which, pick, urlText, jsonText, cursor, asKey) => {
        const op = operations[which % operations.length]!;
        const slots = slotsOf(op);
        const slot = slots[pick % Math.max(1, slots.length)];
        if (!slot) return;
        await refusesIn(op, slot, slot.kind === 'body' ? jsonText : slot.name === 'cursor' ? cursor : urlText, asKey);
      }),
      { numRuns: 300 },
    );
  });

  test('the issue’s own examples', async () => {
    const as = (path: string) => request(p.app).get(path).set('Authorization', `Bearer ${token}`);
    const injected = Buffer.from(`["' OR 1=1--",27]`).toString('base64url');
    for (const path of ['/customers?salespersonId=%00', `/reports/violations?cursor=${injected}`, '/customers?cursor=%00', '/credit-requests?cursor=eyJ4IjoxfQ%00']) {
      const res = await as(path);
      expect(res.status, `${path} → ${res.text}`).toBe(400);
    }
  });
});
