import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeCases } from '../support/stores.js';
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
