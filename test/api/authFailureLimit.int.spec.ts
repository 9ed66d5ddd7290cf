import express, { type ErrorRequestHandler } from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { authFailureLimiter } from '../../src/api/security.js';

/**
 * The failed-authentication limit over real sockets: only 401 answers to a sent token
 * count, not requests whose client went away before the answer.
 */
describe('the limit on failed authentications, over HTTP', () => {
  let url = '';
  let close: () => Promise<void>;
  let arrived: () => void = () => undefined;

  beforeAll(async () => {
    const app = express();
    app.use(authFailureLimiter({ max: 3, windowMs: 60_000 }));
    // Answers only when its client has gone: a long report the user navigated away from.
    app.get('/slow', (req, res) => {
      arrived();
      req.once('close', () => res.end());
    });
    app.get('/ok', (_req, res) => void res.send('ok'));
    app.get('/denied', (_req, res) => void res.status(401).send('no'));
    app.use(((err: { code: string }, _req, res, _next) => void res.status(429).json(err)) satisfies ErrorRequestHandler);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((r) => server.close(() => r()));
  });
  afterAll(() => close());

  const bearer = { authorization: 'Bearer some-token' };

  test('requests abandoned by their client before the answer are not counted as failures', async () => {
    for (let i = 0; i < 6; i += 1) {
      const abort = new AbortController();
      const reached = new Promise<void>((r) => (arrived = r));
      const answer = fetch(`${url}/slow`, { headers: bearer, signal: abort.signal }).catch((e: unknown) => e);
      // Refused instead (429: the abandoned ones were counted), it never reaches the route.
      await Promise.race([reached, answer]);
      abort.abort();
      expect(await answer).toBeInstanceOf(Error);
    }
    await new Promise((r) => setTimeout(r, 50)); // the server sees each socket close
    expect((await fetch(`${url}/ok`, { headers: bearer })).status).toBe(200);
  });

  test('answers 401 to a sent token are: the fourth request after three is refused', async () => {
    for (let i = 0; i < 3; i += 1) expect((await fetch(`${url}/denied`, { headers: bearer })).status).toBe(401);
    const limited = await fetch(`${url}/ok`, { headers: bearer });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ code: 'TooManyFailedAuthentications' });
  });
});
