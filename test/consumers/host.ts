// test/consumers/host.ts — the HTTP API mounted in an existing express app that authenticates its users itself.
import type { AddressInfo } from 'node:net';
import express from 'express';
import { allProjections, createApp, createProjectionEngine, openStore } from 'customer-ledger';
import type { Actor } from 'customer-ledger/domain';

const opened = await openStore({});
const engine = createProjectionEngine({ db: opened.db, schema: opened.schema, projections: allProjections });
await engine.start();

// The host's own users and sessions (here a header standing for its session cookie).
const staff: Record<string, Actor> = { 's-42': { id: 'u-1001', name: '王芳', roles: ['archiveClerk'] } };
const host = express();
host.get('/', (_req, res) => void res.send('the host application'));
host.use(
  '/ledger',
  createApp({
    store: opened,
    engine,
    secret: process.env.LEDGER_SECRET ?? 'a-secret-of-at-least-32-characters!',
    identify: (req) => staff[req.get('x-session') ?? ''], // undefined: 401
  }),
);

const server = host.listen(0);
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ledger`;
const headers = { 'x-session': 's-42', 'content-type': 'application/json' };

const created = await fetch(`${base}/customers`, {
  method: 'POST',
  headers,
  body: JSON.stringify({ name: '华东精密机械有限公司', salespersonId: 'sp-1', status: 'active', region: '华东', reason: '新客户建档' }),
});
const { id } = (await created.json()) as { id: string };
const archive = await fetch(`${base}/customers/${id}`, { headers });
const stranger = await fetch(`${base}/customers/${id}`);
console.log(created.status, archive.status, stranger.status); // 201 200 401

server.close();
await engine.stop();
await opened.close();
