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

describe.each(storeCases)('versions, time travel and idempotency on $name', ({ open }) => {
  let t: TestApp;
  let clerk: string;
  beforeAll(async () => {
    t = await openTestApp(open);
    clerk = await t.token(['archiveClerk'], 'clerk-1');
  });
  afterAll(() => t.close());

  const note = (token: string, body: unknown = { text: 'first', reason: 'r' }) =>
    request(t.app).post('/notes').set('Authorization', `Bearer ${token}`).send(body as object);

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
      const again = await note(clerk).set('Idempotency-Key', key);
      expect(again.status).toBe(first.status);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await t.store.store.readLog({ txId: '0', position: 0 }, 10_000)()).toEqual(log);
    });

    test('with another body on the same route is 422, and appends nothing (the draft’s rule)', async () => {
      const key = `k-${crypto.randomUUID()}`;
      expect((await note(clerk).set('Idempotency-Key', key)).status).toBe(201);
      const log = await t.store.store.readLog({ txId: '0', position: 0 }, 10_000)();
      expectProblem(await note(clerk, { text: 'different text', reason: 'r' }).set('Idempotency-Key', key), 422, 'IdempotencyKeyReused');
      expect(await t.store.store.readLog({ txId: '0', position: 0 }, 10_000)()).toEqual(log);
    });

    test('sent twice at once appends once and answers both alike', async () => {
      const key = `k-${crypto.randomUUID()}`;
      const [a, b] = await Promise.all([note(clerk).set('Idempotency-Key', key), note(clerk).set('Idempotency-Key', key)]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.body).toEqual(a.body);
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
