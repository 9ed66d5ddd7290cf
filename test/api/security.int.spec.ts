import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeCases } from '../support/stores.js';
import { openTestApp, type TestApp } from './support/testApp.js';

/** Security headers, no caching of personal data, and a limit on failed authentication (issue 12 §5). */
describe.each(storeCases)('security of the HTTP shell on $name', ({ open }) => {
  let t: TestApp;
  let clerk: string;
  beforeAll(async () => {
    t = await openTestApp(open, { authFailureLimit: { max: 3, windowMs: 60_000 } });
    clerk = await t.token(['archiveClerk']);
  });
  afterAll(() => t.close());

  test('every answer carries helmet’s headers; the CSP lets /docs run its own files only', async () => {
    for (const path of ['/health', '/docs/', '/openapi.json', '/notes']) {
      const res = await request(t.app).get(path);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      expect(res.headers['x-frame-options'], path).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security'], path).toMatch(/max-age=/);
      expect(res.headers['x-powered-by'], path).toBeUndefined();
    }
    const docs = await request(t.app).get('/docs/');
    const csp = Object.fromEntries(
      String(docs.headers['content-security-policy']).split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]),
    );
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['script-src-attr']).toEqual(["'none'"]);
    expect(csp['img-src']).toEqual(["'self'", 'data:']); // Swagger UI's icons
    expect(csp['connect-src']).toEqual(["'self'"]); // it fetches /openapi.json
    expect(csp['upgrade-insecure-requests']).toBeUndefined();
    // What the policy allows is what the page uses: scripts are files of this server, none inline.
    const scripts = [...docs.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(body!.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attrs!)?.[1];
      expect(src).toMatch(/^\/docs\//);
      const asset = await request(t.app).get(src!);
      expect(asset.status, src).toBe(200);
      expect(asset.headers['content-type'], src).toMatch(/javascript/);
    }
    expect(docs.text).not.toMatch(/\son[a-z]+=/); // no inline event handlers (script-src-attr 'none')
  });

  test('answers of authenticated routes are never stored by a cache, refusals included', async () => {
    const created = await request(t.app).post('/notes').set('Authorization', `Bearer ${clerk}`).send({ text: '个人数据', reason: 'r' });
    expect(created.status).toBe(201);
    for (const res of [
      created,
      await request(t.app).get(`/notes/${created.body.id}`).set('Authorization', `Bearer ${clerk}`),
      await request(t.app).get('/notes/8a0c4b52-6d6f-4c4e-9b1d-3f2a1e0d9c8b').set('Authorization', `Bearer ${clerk}`),
      await request(t.app).get(`/notes/${created.body.id}`),
    ]) {
      expect(res.headers['cache-control'], String(res.status)).toBe('no-store');
    }
  });

  test('after 3 failed authentications from an address, it gets 429 with Retry-After; successes are not counted', async () => {
    const id = (await request(t.app).post('/notes').set('Authorization', `Bearer ${clerk}`).send({ text: 'x', reason: 'r' })).body.id as string;
    const note = `/notes/${id}`;
    for (let i = 0; i < 10; i += 1) expect((await request(t.app).get(note).set('Authorization', `Bearer ${clerk}`)).status).toBe(200);
    for (let i = 0; i < 3; i += 1) {
      expect((await request(t.app).get(note).set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.wrong')).status).toBe(401);
    }
    const limited = await request(t.app).get(note).set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.wrong');
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, code: 'TooManyFailedAuthentications' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // The address is blocked as a whole until the window moves on: a guesser learns nothing more from it.
    expect((await request(t.app).get(note).set('Authorization', `Bearer ${clerk}`)).status).toBe(429);
    // Public routes are not behind the limit.
    expect((await request(t.app).get('/health')).status).toBeLessThan(300);
  });
});
