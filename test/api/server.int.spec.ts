import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../src/api/logger.js';
import { defineRoute } from '../../src/api/route.js';
import { type RunningServer, startServer } from '../../src/api/server.js';
import { loadConfig } from '../../src/config.js';
import { storeCases } from '../support/stores.js';

describe('a server started without JWT_SECRET on the embedded store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-api-'));
  const printed: string[] = [];
  let server: RunningServer;
  let release: () => void = () => undefined;
  let started: () => void = () => undefined;
  const slowStarted = new Promise<void>((r) => {
    started = r;
  });

  const slow = defineRoute({
    method: 'get',
    path: '/slow',
    summary: 'answers when the test releases it',
    roles: ['auditor'],
    responses: { 200: { description: 'done', body: z.object({ done: z.boolean() }) } },
    handler: () =>
      new Promise((resolve) => {
        release = () => resolve(E.right({ status: 200, body: { done: true } }));
        started();
      }),
  });

  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', DATA_DIR: dir, PGLITE_SYNC: 'false', METRICS_PORT: '0' });
    server = await startServer(config, { logger: createLogger('silent'), print: (l) => printed.push(l), routes: [slow], graceMs: 5000 });
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('says where it listens and where the data lives', () => {
    expect(printed[0]).toContain(server.url);
    expect(printed.join('\n')).toContain(dir);
  });

  test('answers /health', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  test('prints a development token per role that the server accepts, and a curl example', async () => {
    const line = printed.find((l) => l.trim().startsWith('auditor '))!;
    const token = line.trim().split(/\s+/)[1]!;
    const res = await fetch(`${server.url}/nothing`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(404);
    const curl = printed.find((l) => l.includes('curl'))!;
    expect(curl).toContain(`${server.url}/customers`);
    for (const role of ['archiveClerk', 'serviceClerk', 'salesperson', 'groupGM', 'reviewBoard']) {
      expect(printed.some((l) => l.trim().startsWith(`${role} `))).toBe(true);
    }
  });

  test('on stop, finishes the request in flight, then refuses new ones', async () => {
    const token = printed.find((l) => l.trim().startsWith('auditor '))!.trim().split(/\s+/)[1]!;
    const inFlight = fetch(`${server.url}/slow`, { headers: { Authorization: `Bearer ${token}` } });
    await slowStarted;
    const stopped = server.stop();
    await new Promise((r) => setTimeout(r, 50));
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await stopped;
  });
});

describe('a server whose port is taken', () => {
  test('fails to start and closes the store it was given', async () => {
    const store = await storeCases[0]!.open();
    let closed = false;
    const blocker = createServer().listen(0);
    await once(blocker, 'listening');
    const port = (blocker.address() as AddressInfo).port;
    try {
      const config = { ...loadConfig({ PGLITE_SYNC: 'false', METRICS_PORT: 'off' }), port };
      const given = { ...store, location: 'test', close: async () => { closed = true; await store.close(); } };
      await expect(startServer(config, { logger: createLogger('silent'), print: () => undefined, store: given })).rejects.toThrow(/EADDRINUSE/);
      expect(closed).toBe(true);
    } finally {
      blocker.close();
    }
  });
});
