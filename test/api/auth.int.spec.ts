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

describe.each(storeCases)('authentication on $name', ({ open }) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(open);
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
});
