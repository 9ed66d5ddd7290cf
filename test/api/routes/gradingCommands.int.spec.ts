import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultGradingPolicy } from '../../../src/domain/grading/index.js';
import { storeCases } from '../../support/stores.js';
import { client, expectProblem, type GradingApp, openGradingApp } from './gradingApp.js';

/**
 * The grading commands as a client uses them: retried with an Idempotency-Key, guarded
 * by If-Match, an override re-grading at once, a re-run voiding signatures, the
 * policy published and read back in time, a draft simulated, the upgrade plan.
 */
const period = '2026-09';

describe.each(storeCases)('grading commands on $name', ({ open }) => {
  let g: GradingApp;
  let as: ReturnType<typeof client>;
  const t = { clerk: '', board: '', admin: '', vp: '', auditor: '' };
  let ordinary = ''; // a C customer: 73 points

  const log = async () => {
    const r = await g.store.store.readLog({ txId: '0', position: 0 }, 10_000)();
    if (r._tag === 'Left') throw new Error(r.left.message);
    return r.right.events.map((e) => e.id);
  };
  const summary = () => as(t.auditor).get(`/reports/grade-summary?period=${period}`);
  const run = (key?: string, ifMatch?: string) => {
    const req = as(t.clerk).post(`/grading/periods/${period}/run`);
    if (key) req.set('Idempotency-Key', key);
    if (ifMatch) req.set('If-Match', ifMatch);
    return req.send({ reason: '九月客户等级评估' });
  };

  beforeAll(async () => {
    g = await openGradingApp(open);
    as = client(g.app);
    t.clerk = await g.token(['archiveClerk'], 'clerk-1');
    t.board = await g.token(['reviewBoard'], 'board-1');
    t.admin = await g.token(['salesAdminManager'], 'admin-1');
    t.vp = await g.token(['salesVP'], 'vp-1');
    t.auditor = await g.token(['auditor'], 'auditor-1');
    ordinary = await g.register('普通贸易公司');
    for (const month of ['2026-06', '2026-07', '2026-08']) {
      const last = month === '2026-08';
      const body = { period: month, sales: '60000.00', creditDue: last ? '10000.00' : '0', creditPaidOnTime: last ? '9000.00' : '0', reason: '月结' };
      expect((await as(t.clerk).post(`/customers/${ordinary}/monthly-figures`).send(body)).status).toBe(201);
    }
  });
  afterAll(() => g.close());

  describe('a POST retried with its Idempotency-Key', () => {
    test('recording figures answers the first answer and appends nothing', async () => {
      const id = await g.register('幂等客户');
      const send = (sales: string) =>
        as(t.clerk).post(`/customers/${id}/monthly-figures`).set('Idempotency-Key', 'figures-1').send({ period: '2026-08', sales, creditDue: '0', creditPaidOnTime: '0', reason: '月结' });
      const first = await send('500.00');
      const before = await log();
      const again = await send('500.00');
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      // The same key with other figures is another request: 422, never the first answer.
      expect((await send('999.00')).status).toBe(422);
      expect(await log()).toEqual(before);
    });

    test('a run answers its counts again (those not on record as null) and grades nobody twice', async () => {
      const first = await run('run-1');
      expect(first.body).toMatchObject({ customers: 2, graded: 2, unchanged: 0, policyVersion: 1 });
      const before = await log();
      const again = await run('run-1');
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ ...first.body, customers: null, unchanged: null, notGraded: null, skipped: null });
      expect(await log()).toEqual(before);
    });

    test('a key used for another kind of request is refused (422)', async () => {
      expectProblem(await as(t.clerk).post(`/reports/grade-summary/${period}/sign-offs`).set('Idempotency-Key', 'run-1').send({ step: 'prepared' }), 422, 'IdempotencyKeyReused');
    });
  });

  describe('an override', () => {
    test('re-grades the customer at once, once for a retried key', async () => {
      const override = () =>
        as(t.board).post(`/customers/${ordinary}/score-overrides`).set('Idempotency-Key', 'override-1').send({ period, score: 92, reason: '战略合作客户' });
      const first = await override();
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(first.body).toMatchObject({ customerId: ordinary, period, score: 92, overridden: true });
      expect(first.body.evaluation).toMatchObject({ score: 92, scoreSource: 'override', scorecardScore: 73, grade: 'A', coefficient: '1.5', creditLimit: '81000.00' });
      const again = await override();
      expect(again.body).toEqual(first.body);
      const row = (await summary()).body.rows.find((r: { customerId: string }) => r.customerId === ordinary);
      expect(row).toMatchObject({ score: 92, grade: 'A', remarks: expect.stringContaining('战略合作客户') });
    });

    test('with a stale If-Match answers 412', async () => {
      const res = await as(t.board).post(`/customers/${ordinary}/score-overrides`).set('If-Match', '"1"').send({ period, score: 73, reason: '撤回' });
      expectProblem(res, 412, 'VersionConflict');
    });

    test('taken back, the scorecard counts again and the plan lists the C customer', async () => {
      const res = await as(t.board).post(`/customers/${ordinary}/score-overrides`).send({ period, score: 73, reason: '按计分卡' });
      expect(res.body.evaluation).toMatchObject({ score: 73, grade: 'C', creditLimit: '54000.00' });
      const plan = await as(t.board).get(`/reports/upgrade-plan?period=${period}`);
      expect(plan.status).toBe(200);
      expect(plan.body).toMatchObject({ period, policyVersion: 1, items: [{ customerId: ordinary, grade: 'C', score: 73, pointsToB: 7 }] });
    });
  });

  describe('sign-offs and If-Match', () => {
    test('a sign-off with the summary’s ETag goes through; with a stale one 412; a retried key answers it again', async () => {
      const etag = (await summary()).headers.etag as string;
      expectProblem(await as(t.clerk).post(`/reports/grade-summary/${period}/sign-offs`).set('If-Match', '"1"').send({ step: 'prepared' }), 412, 'VersionConflict');
      const sign = () => as(t.clerk).post(`/reports/grade-summary/${period}/sign-offs`).set('If-Match', etag).set('Idempotency-Key', 'sign-1').send({ step: 'prepared' });
      const first = await sign();
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(first.headers.etag).toBe(`"${Number(etag.replaceAll('"', '')) + 1}"`);
      const again = await sign();
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expectProblem(await run(undefined, etag), 412, 'VersionConflict');
    });

    test('a re-run that changes a result voids the signatures', async () => {
      const body = { period: '2026-08', sales: '60000.00', creditDue: '10000.00', creditPaidOnTime: '10000.00', reason: '更正回款' };
      expect((await as(t.clerk).post(`/customers/${ordinary}/monthly-figures`).send(body)).status).toBe(201);
      const res = await run();
      expect(res.body).toMatchObject({ graded: 1, signOffsVoided: true });
      expect((await summary()).body).toMatchObject({ status: 'open', signOffs: [] });
    });
  });

  describe('a period that has not begun', () => {
    test('cannot be graded yet (409)', async () => {
      const res = await as(t.clerk).post('/grading/periods/2099-01/run').send({ reason: '提前评估' });
      expectProblem(res, 409, 'PeriodHasNotBegun');
      expect(res.body.detail).toContain('2099-01');
    });
  });

  describe('the policy', () => {
    test('reads the built-in one, publishes a new version with If-Match, refuses a stale one, and reads the old one back in time', async () => {
      const before = await as(t.auditor).get('/grading/policy');
      expect(before.status).toBe(200);
      expect(before.headers.etag).toBe('"0"');
      expect(before.body).toEqual({ ...defaultGradingPolicy, version: 1, status: 'builtIn' });
      const publishedAfter = new Date().toISOString();

      const put = (ifMatch: string, upgradePlanSize: number) =>
        as(t.admin).put('/grading/policy').set('If-Match', ifMatch).send({ ...defaultGradingPolicy, upgradePlanSize, reason: '每月提升计划改为5家' });
      const published = await put('"0"', 5);
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      expect(published.body).toMatchObject({ version: 2, status: 'published', upgradePlanSize: 5 });
      expect(published.headers.etag).toBe('"1"');
      expectProblem(await put('"0"', 6), 412, 'VersionConflict');
      expect((await put('"1"', 5)).body).toMatchObject({ version: 2 });

      const events = await g.store.store.readStream('gradingPolicy-current')();
      expect(events).toMatchObject({ right: [{ metadata: { actor: { id: 'admin-1' }, reason: '每月提升计划改为5家' } }] });
      const then = await as(t.auditor).get(`/grading/policy?knownAt=${encodeURIComponent(publishedAfter)}`);
      expect(then.body).toMatchObject({ version: 1, status: 'builtIn', upgradePlanSize: 10 });
      expect(then.headers.etag).toBeUndefined();
      expect((await as(t.auditor).get('/grading/policy')).body).toMatchObject({ version: 2, upgradePlanSize: 5 });
      // The period graded under version 1 keeps it; its re-run changes nothing.
      expect((await run()).body).toMatchObject({ policyVersion: 1, graded: 0 });
    });

    test('a draft is simulated on the period without publishing it', async () => {
      const bands = defaultGradingPolicy.bands.map((b) => (b.grade === 'C' ? { ...b, to: 72 } : b.grade === 'B' ? { ...b, from: 72 } : b));
      const before = await log();
      const res = await as(t.admin).post('/grading/policy/simulations').send({ period, policy: { ...defaultGradingPolicy, bands } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const row = res.body.rows.find((r: { customerId: string }) => r.customerId === ordinary);
      expect(row).toMatchObject({ current: { grade: 'C' }, simulated: { grade: 'B' } });
      expect(await log()).toEqual(before);
    });
  });
});

describe('when the customers to grade cannot be read', () => {
  let g: GradingApp;
  beforeAll(async () => {
    g = await openGradingApp(storeCases[0]!.open, {
      loader: () => Promise.reject(new Error('the customers view is still being built')),
    });
  });
  afterAll(() => g.close());

  test('a run, an override and a simulation answer 503 to retry, and write nothing', async () => {
    const as = client(g.app);
    const id = await g.register('读取失败客户');
    const clerk = await g.token(['archiveClerk'], 'clerk-1');
    const board = await g.token(['reviewBoard'], 'board-1');
    const admin = await g.token(['salesAdminManager'], 'admin-1');
    expectProblem(await as(clerk).post(`/grading/periods/${period}/run`).send({ reason: '评估' }), 503, 'StoreUnavailable');
    expectProblem(await as(board).post(`/customers/${id}/score-overrides`).send({ period, score: 80, reason: '评审' }), 503, 'StoreUnavailable');
    expectProblem(await as(admin).post('/grading/policy/simulations').send({ period, policy: defaultGradingPolicy }), 503, 'StoreUnavailable');
    const log = await g.store.store.readLog({ txId: '0', position: 0 }, 100)();
    expect(log).toMatchObject({ right: { events: [{ type: 'CustomerRegistered' }] } });
  });
});
