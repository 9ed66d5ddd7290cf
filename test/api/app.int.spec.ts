import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SignJWT } from 'jose';
import { storeCases } from '../support/stores.js';
import { openTestApp, type TestApp } from './support/testApp.js';

const expectProblem = (res: request.Response, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: expect.stringMatching(/^https:\/\/customer-ledger\.dev\/problems\//) });
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
  expect(typeof res.body.detail).toBe('string');
  expect(typeof res.body.instance).toBe('string');
};

describe.each(storeCases)('the API shell on $name', ({ open }) => {
  let t: TestApp;
  let clerk: string;
  beforeAll(async () => {
    t = await openTestApp(open);
    clerk = await t.token(['archiveClerk'], 'clerk-1');
  });
  afterAll(() => t.close());

  const note = (token: string, body: unknown = { text: 'first', reason: 'r' }) =>
    request(t.app).post('/notes').set('Authorization', `Bearer ${token}`).send(body as object);

  describe('when the store is ready', () => {
    test('/health answers ok without a token', async () => {
      const res = await request(t.app).get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });
  });

  describe('a request without a valid token', () => {
    test('is 401 with WWW-Authenticate: Bearer when it has none', async () => {
      const res = await request(t.app).get(`/notes/${crypto.randomUUID()}`);
      expectProblem(res, 401, 'Unauthenticated');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="customer-ledger"');
    });

    test.each([
      ['another scheme', 'Basic dXNlcjpwYXNz'],
      ['a malformed token', 'Bearer not.a.jwt'],
    ])('is 401 invalid_token with %s', async (_name, header) => {
      const res = await request(t.app).get(`/notes/${crypto.randomUUID()}`).set('Authorization', header);
      expectProblem(res, 401, 'Unauthenticated');
      expect(res.headers['www-authenticate']).toMatch(/error="invalid_token"/);
    });

    test('is 401 when signed with another secret', async () => {
      const forged = await new SignJWT({ name: 'M', roles: ['groupGM'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('m')
        .sign(new TextEncoder().encode('some-other-secret-of-32-characters!!'));
      expectProblem(await note(forged), 401, 'Unauthenticated');
    });

    test('is 401 when expired', async () => {
      const expired = await new SignJWT({ name: 'M', roles: ['archiveClerk'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('m')
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(new TextEncoder().encode('test-secret-of-at-least-32-characters!!'));
      const res = await note(expired);
      expectProblem(res, 401, 'Unauthenticated');
      expect(res.body.detail).toMatch(/expired/);
    });

    test('is 401 when a role is not one of DOMAIN.md', async () => {
      const odd = await new SignJWT({ name: 'M', roles: ['superuser'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('m')
        .sign(new TextEncoder().encode('test-secret-of-at-least-32-characters!!'));
      expectProblem(await note(odd), 401, 'Unauthenticated');
    });

    test('changes nothing, even with a valid body', async () => {
      const before = await t.store.store.readLog({ txId: '0', position: 0 }, 1000)();
      await request(t.app).post('/notes').send({ text: 'x', reason: 'r' });
      const after = await t.store.store.readLog({ txId: '0', position: 0 }, 1000)();
      expect(after).toEqual(before);
    });
  });

  describe('a caller whose roles may not do it', () => {
    test('is 403 naming the roles that may', async () => {
      const res = await note(await t.token(['serviceClerk', 'auditor']));
      expectProblem(res, 403, 'RoleNotAllowed');
      expect(res.body.detail).toContain('archiveClerk');
    });
  });

  describe('a body the API cannot take', () => {
    test('malformed JSON is 400 at body', async () => {
      const res = await request(t.app).post('/notes').set('Authorization', `Bearer ${clerk}`).set('Content-Type', 'application/json').send('{"text": ');
      expectProblem(res, 400, 'MalformedJson');
      expect(res.body.errors).toEqual([{ path: 'body', message: expect.any(String) }]);
    });

    test('an unknown field is 400 naming it', async () => {
      const res = await note(clerk, { text: 'x', reason: 'r', actor: { id: 'someone-else' } });
      expectProblem(res, 400, 'RequestInvalid');
      expect(res.body.errors).toEqual([{ path: 'body.actor', message: 'unknown field' }]);
    });

    test('wrong types and a missing field are 400 with every path', async () => {
      const res = await note(clerk, { text: 42 });
      expectProblem(res, 400, 'RequestInvalid');
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.reason', 'body.text']);
    });

    test('another content type is 415', async () => {
      const res = await request(t.app).post('/notes').set('Authorization', `Bearer ${clerk}`).set('Content-Type', 'text/plain').send('text=x');
      expectProblem(res, 415, 'UnsupportedMediaType');
    });

    test('a body over the limit is 413', async () => {
      const res = await note(clerk, { text: 'x'.repeat(20_000), reason: 'r' });
      expectProblem(res, 413, 'PayloadTooLarge');
    });

    test('a JSON body in another charset is 415', async () => {
      const res = await request(t.app)
        .post('/notes')
        .set('Authorization', `Bearer ${clerk}`)
        .set('Content-Type', 'application/json; charset=latin1')
        .send('{"text":"x","reason":"r"}');
      expectProblem(res, 415, 'UnsupportedMediaType');
    });
  });

  describe('parameters the API cannot take', () => {
    test('an id that is not a UUID is 400 at params.id', async () => {
      const res = await request(t.app).get('/notes/42').set('Authorization', `Bearer ${clerk}`);
      expectProblem(res, 400, 'RequestInvalid');
      expect(res.body.errors[0].path).toBe('params.id');
    });

    test('an instant without an offset and an unknown parameter are 400', async () => {
      const res = await request(t.app).get(`/notes/${crypto.randomUUID()}?asOf=2026-01-01T00:00:00&sort=x`).set('Authorization', `Bearer ${clerk}`);
      expectProblem(res, 400, 'RequestInvalid');
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.asOf', 'query.sort']);
    });

    test('bad percent-encoding in the path is 400', async () => {
      const res = await request(t.app).get('/notes/%E0%A4%A').set('Authorization', `Bearer ${clerk}`);
      expectProblem(res, 400, 'RequestInvalid');
    });
  });

  describe('a path the API does not serve', () => {
    test('is 404', async () => {
      expectProblem(await request(t.app).get('/nothing-here'), 404, 'RouteNotFound');
    });

    test('with another method is 405 with Allow', async () => {
      const res = await request(t.app).delete('/notes').set('Authorization', `Bearer ${clerk}`);
      expectProblem(res, 405, 'MethodNotAllowed');
      expect(res.headers.allow).toBe('POST');
    });
  });

  describe('request ids', () => {
    test('a sane X-Request-Id is echoed and logged on every line of the request', async () => {
      const res = await request(t.app).get('/notes/42').set('X-Request-Id', 'trace-abc.1').set('Authorization', `Bearer ${clerk}`);
      expect(res.headers['x-request-id']).toBe('trace-abc.1');
      expect(res.body.requestId).toBe('trace-abc.1');
      const lines = t.logLines.filter((l) => l.reqId === 'trace-abc.1');
      expect(lines.map((l) => l.msg)).toEqual(['refused', 'request']);
    });

    test('an unusable one is replaced by a UUID', async () => {
      const res = await request(t.app).get('/health').set('X-Request-Id', 'bad id\twith spaces');
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    test('no log line carries the token', () => {
      expect(JSON.stringify(t.logLines)).not.toContain(clerk);
    });
  });

  describe('a note (the example aggregate)', () => {
    test('is created with 201, Location and ETag, and the actor is the token’s user', async () => {
      const res = await note(clerk);
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/notes/${res.body.id}`);
      expect(res.headers.etag).toBe('"1"');
      const events = await t.store.store.readStream(`note-${res.body.id}`)();
      expect(events).toMatchObject({ right: [{ metadata: { actor: { id: 'clerk-1' }, reason: 'r' } }] });
    });

    test('answers 304 to If-None-Match with its current ETag', async () => {
      const { body } = await note(clerk);
      const res = await request(t.app).get(`/notes/${body.id}`).set('Authorization', `Bearer ${clerk}`).set('If-None-Match', '"1"');
      expect(res.status).toBe(304);
    });

    test('changes with a current If-Match and refuses a stale one with 412', async () => {
      const { body } = await note(clerk);
      const line = (ifMatch: string) =>
        request(t.app).post(`/notes/${body.id}/lines`).set('Authorization', `Bearer ${clerk}`).set('If-Match', ifMatch).send({ text: 'more', reason: 'r' });
      expect((await line('"1"')).headers.etag).toBe('"2"');
      expectProblem(await line('"1"'), 412, 'PreconditionFailed');
      expectProblem(await line('1'), 400, 'RequestInvalid');
    });

    test('is seen as it was known at an earlier time', async () => {
      const before = new Date(Date.now() - 60_000).toISOString();
      const { body } = await note(clerk);
      const get = (q: string) => request(t.app).get(`/notes/${body.id}${q}`).set('Authorization', `Bearer ${clerk}`);
      expect((await get('')).status).toBe(200);
      expectProblem(await get(`?knownAt=${encodeURIComponent(before)}`), 404, 'NotFound');
    });
  });

  describe('a POST retried with its Idempotency-Key', () => {
    test('answers the first answer and appends nothing', async () => {
      const key = `k-${crypto.randomUUID()}`;
      const first = await note(clerk).set('Idempotency-Key', key);
      const log = await t.store.store.readLog({ txId: '0', position: 0 }, 10_000)();
      const again = await note(clerk, { text: 'different text', reason: 'r' }).set('Idempotency-Key', key);
      expect(again.status).toBe(first.status);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await t.store.store.readLog({ txId: '0', position: 0 }, 10_000)()).toEqual(log);
    });

    test('is another request for another caller', async () => {
      const key = `k-${crypto.randomUUID()}`;
      const a = await note(clerk).set('Idempotency-Key', key);
      const b = await note(await t.token(['archiveClerk'], 'clerk-2')).set('Idempotency-Key', key);
      expect(b.body.id).not.toBe(a.body.id);
    });

    test('used for a different request is 422', async () => {
      const key = `k-${crypto.randomUUID()}`;
      const a = await note(clerk).set('Idempotency-Key', key);
      const b = await note(clerk);
      const res = await request(t.app)
        .post(`/notes/${b.body.id}/lines`)
        .set('Authorization', `Bearer ${clerk}`)
        .set('Idempotency-Key', key)
        .send({ text: 'x', reason: 'r' });
      expect(a.status).toBe(201);
      expectProblem(res, 422, 'IdempotencyKeyReused');
    });

    test('with a malformed key is 400', async () => {
      expectProblem(await note(clerk).set('Idempotency-Key', 'has spaces in it'), 400, 'RequestInvalid');
    });
  });
});
