import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

describe.each(storeCases)('refusals of the API shell on $name', ({ open }) => {
  let t: TestApp;
  let clerk: string;
  beforeAll(async () => {
    t = await openTestApp(open);
    clerk = await t.token(['archiveClerk'], 'clerk-1');
  });
  afterAll(() => t.close());

  const note = (token: string, body: unknown = { text: 'first', reason: 'r' }) =>
    request(t.app).post('/notes').set('Authorization', `Bearer ${token}`).send(body as object);

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

    test('deeply nested JSON is a 400 at its path', async () => {
      const deep = `{"text":${'['.repeat(7_000)}${']'.repeat(7_000)},"reason":"r"}`;
      const res = await request(t.app).post('/notes').set('Authorization', `Bearer ${clerk}`).set('Content-Type', 'application/json').send(deep);
      expectProblem(res, 400, 'RequestInvalid');
      expect(res.body.errors[0].path).toBe('body.text');
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

    test('an unencoded + in an offset is read as the + it was', async () => {
      const res = await request(t.app).get(`/notes/${crypto.randomUUID()}?asOf=2026-01-01T08:00:00+08:00`).set('Authorization', `Bearer ${clerk}`);
      expectProblem(res, 404, 'NotFound');
    });

    test('__proto__ and constructor in the query are unknown fields, not prototype tricks', async () => {
      const res = await request(t.app).get(`/notes/${crypto.randomUUID()}?__proto__=1&constructor=x`).set('Authorization', `Bearer ${clerk}`);
      expectProblem(res, 400, 'RequestInvalid');
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.__proto__', 'query.constructor']);
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
});
