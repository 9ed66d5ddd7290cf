import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registry } from '../../src/observability/metrics.js';
import { refreshStoreGauges } from '../../src/projections/index.js';
import { storeCases } from '../support/stores.js';
import { openTestApp, type TestApp } from './support/testApp.js';
import { client, type CustomersApp, openCustomersApp, sleep, uniqueName } from './routes/customersApp.js';
import { archiveBody } from './routes/customersFixtures.js';

/** What an operator's probes see: /health, /ready as the views fall behind and catch up, and /metrics. */
describe.each(storeCases)('operating the API on $name', ({ open }) => {
  let c: CustomersApp;
  let as: ReturnType<typeof client>;
  let clerk: string;
  const maxLagSeconds = 0.3;

  beforeAll(async () => {
    c = await openCustomersApp(open, { readyMaxLag: { seconds: maxLagSeconds } });
    as = client(c.app);
    clerk = await c.token(['archiveClerk'], 'clerk-ops');
  });
  afterAll(() => c.close());

  const register = async () => {
    const res = await as(clerk).post('/customers').send(archiveBody(uniqueName('运维客户')));
    return res;
  };
  const ready = () => request(c.app).get('/ready');

  test('/health answers 200 without a token', async () => {
    const res = await request(c.app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  test('/ready answers 200 while every view keeps up with the log', async () => {
    expect((await register()).status).toBe(201);
    // The POST answered once the views that apply its event had it; the others move past it
    // a little later (idleViewWakeMs), and on a loaded machine a poll later still.
    const level = (body: { views: { lagEvents: number }[] }) => body.views.every((v) => v.lagEvents === 0);
    let res = await ready();
    for (const deadline = Date.now() + 20_000; (res.status !== 200 || !level(res.body)) && Date.now() < deadline; res = await ready()) await sleep(50);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('ready');
    expect(res.body.views.map((v: { name: string }) => v.name).sort()).toEqual(['customer_records', 'customers', 'staff', 'standing']);
    expect(res.body.views.every((v: { ready: boolean; lagEvents: number }) => v.ready && v.lagEvents === 0)).toBe(true);
  });

  test('/ready goes 503 naming each view behind when the runners stop, and back to 200 once they catch up', async () => {
    await c.engine.stop();
    try {
      await register(); // answered after its wait for the views runs out: they are stopped
      await sleep(maxLagSeconds * 1000 + 100);
      const res = await ready();
      expect(res.status, JSON.stringify(res.body)).toBe(503);
      expect(res.body.status).toBe('notReady');
      const customers = res.body.views.find((v: { name: string }) => v.name === 'customers');
      expect(customers).toMatchObject({ ready: false, state: 'live' });
      expect(customers.lagEvents).toBeGreaterThan(0);
      expect(customers.lagSeconds).toBeGreaterThan(maxLagSeconds);
      expect(customers.reason).toMatch(/events behind/);
    } finally {
      await c.engine.start();
    }
    const deadline = Date.now() + 20_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await ready()).status;
      if (status !== 200) await sleep(50);
    }
    expect(status).toBe(200);
  });

  test('/metrics names requests by route and status, appends, group commits, view lag and the process', async () => {
    for (let i = 0; i < 3; i += 1) expect((await register()).status).toBe(201);
    await as(clerk).get('/customers/00000000-0000-4000-8000-000000000000');
    await refreshStoreGauges({ db: c.store.db, schema: c.store.schema, views: ['customers'], maxLag: { seconds: 5 } });
    const text = await registry.metrics();
    const sample = (name: string, labels = '') => {
      const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}` : ''}`) && !l.startsWith('#'));
      expect(line, `${name}{${labels}`).toBeDefined();
      return Number(line!.split(' ').at(-1));
    };
    expect(sample('http_request_duration_seconds_count', 'method="POST",route="/customers",status="201"')).toBeGreaterThanOrEqual(3);
    expect(sample('http_request_duration_seconds_count', 'method="GET",route="/customers/:id",status="404"')).toBeGreaterThanOrEqual(1);
    expect(sample('ledger_appends_total', 'outcome="ok"')).toBeGreaterThanOrEqual(3);
    expect(sample('ledger_appended_events_total')).toBeGreaterThanOrEqual(3);
    expect(sample('ledger_append_duration_seconds_count')).toBeGreaterThanOrEqual(3);
    expect(sample('ledger_group_commit_batch_size_count')).toBeGreaterThanOrEqual(3);
    expect(text).toContain('# TYPE ledger_append_conflicts_total counter');
    expect(sample('ledger_projection_lag_events', 'view="customers"')).toBeGreaterThanOrEqual(0);
    expect(sample('ledger_projection_lag_seconds', 'view="customers"')).toBeLessThan(60);
    expect([0, 1]).toContain(sample('ledger_projection_ready', 'view="customers"'));
    expect(text).toContain('# TYPE ledger_projection_rebuild_progress_ratio gauge');
    expect(sample('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample('nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    if (c.store.db.kind === 'postgres') expect(sample('ledger_db_pool_connections', 'state="max"')).toBeGreaterThan(0);
  });

});

describe.each(storeCases)('the request log on $name', ({ open }) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(open);
  });
  afterAll(() => t.close());

  test('is one line per request with route, status, duration and actor id, and never the body', async () => {
    const token = await t.token(['archiveClerk'], 'clerk-log');
    const secret = `body-text-${Math.random().toString(36).slice(2)}`;
    const res = await request(t.app).post('/notes').set('Authorization', `Bearer ${token}`).send({ text: secret, reason: secret });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const lines = t.logLines.filter((l) => l.msg === 'request' && l.reqId === res.headers['x-request-id']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ route: '/notes', status: 201, actor: 'clerk-log', method: 'POST' });
    expect(typeof lines[0]!.ms).toBe('number');
    expect(JSON.stringify(t.logLines)).not.toContain(secret);
    expect(JSON.stringify(t.logLines)).not.toContain(token);
  });
});
