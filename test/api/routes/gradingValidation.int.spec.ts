import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultGradingPolicy } from '../../../src/domain/grading/index.js';
import { storeCases } from '../../support/stores.js';
import { client, expectProblem, type GradingApp, openGradingApp } from './gradingApp.js';

/** Bad input answers 400 naming the failing field; a rule of the domain names itself; nothing is written. */
const invalid = (res: request.Response, ...paths: string[]) => {
  expectProblem(res, 400, 'RequestInvalid');
  expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([...paths].sort());
};

describe.each(storeCases)('grading input checks on $name', ({ open }) => {
  let g: GradingApp;
  let as: ReturnType<typeof client>;
  let clerk: ReturnType<ReturnType<typeof client>>;
  let customerId = '';
  const figures = { period: '2026-05', sales: '1000.00', creditDue: '100.00', creditPaidOnTime: '50.00', reason: '月结' };

  beforeAll(async () => {
    g = await openGradingApp(open);
    as = client(g.app);
    clerk = as(await g.token(['archiveClerk'], 'clerk-1'));
    customerId = await g.register('校验测试客户');
  });
  afterAll(() => g.close());

  const figuresOf = (body: object, id = customerId) => clerk.post(`/customers/${id}/monthly-figures`).send(body);

  describe('monthly figures', () => {
    test('a bad period, a bad amount, a number for money and an unknown field are each named', async () => {
      invalid(await figuresOf({ ...figures, period: '2026-13' }), 'body.period');
      invalid(await figuresOf({ ...figures, period: '2026-5' }), 'body.period');
      invalid(await figuresOf({ ...figures, sales: '12.345' }), 'body.sales');
      invalid(await figuresOf({ ...figures, creditDue: '-5.00' }), 'body.creditDue');
      invalid(await figuresOf({ ...figures, sales: 1000 }), 'body.sales');
      invalid(await figuresOf({ ...figures, remark: '多余' }), 'body.remark');
      invalid(await figuresOf({ ...figures, reason: '  ' }), 'body.reason');
      invalid(await figuresOf({ period: '2026-05', reason: '月结' }), 'body.sales', 'body.creditDue', 'body.creditPaidOnTime');
      invalid(await figuresOf(figures, 'not-a-uuid'), 'params.id');
    });

    test('money above what every derived amount can hold is a 400 (issue 12 §4), and the document says so', async () => {
      invalid(await figuresOf({ ...figures, sales: '999999999999999.99' }), 'body.sales');
      invalid(await figuresOf({ ...figures, sales: '1000000000000' }), 'body.sales');
      const doc = (await clerk.get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
      const described: Record<string, string> = {};
      const walk = (v: unknown): void => {
        if (typeof v !== 'object' || v === null) return;
        for (const [k, child] of Object.entries(v)) {
          const description = (child as { description?: unknown } | null)?.description;
          if (typeof description === 'string') described[k] = description;
          walk(child);
        }
      };
      walk(doc.paths['/customers/{id}/monthly-figures']!.post);
      for (const field of ['sales', 'creditDue', 'creditPaidOnTime']) expect(described[field], field).toMatch(/999999999999\.99/);
    });

    test('paid on time above the amount due, or a month not begun, is refused by its rule (422)', async () => {
      expectProblem(await figuresOf({ ...figures, creditPaidOnTime: '100.01' }), 422, 'PaidExceedsDue');
      expectProblem(await figuresOf({ ...figures, period: '2099-01' }), 422, 'PeriodIsInTheFuture');
    });

    test('an unknown customer is a 404', async () => {
      expectProblem(await figuresOf(figures, randomUUID()), 404, 'CustomerNotFound');
    });
  });

  describe('the policy', () => {
    test('an unknown field deep in it, or a missing part, is named', async () => {
      const admin = as(await g.token(['salesAdminManager'], 'admin-1'));
      const bands = [{ ...defaultGradingPolicy.bands[0]!, colour: 'red' }, ...defaultGradingPolicy.bands.slice(1)];
      invalid(await admin.put('/grading/policy').send({ ...defaultGradingPolicy, bands, reason: 'r' }), 'body.bands[0].colour');
      const { scorecard: _dropped, ...partial } = defaultGradingPolicy;
      invalid(await admin.put('/grading/policy').send({ ...partial, reason: 'r' }), 'body.scorecard');
      invalid(await admin.put('/grading/policy').send({ ...defaultGradingPolicy, version: 3, reason: 'r' }), 'body.version');
    });

    test('a policy that breaks a rule is refused naming the rule', async () => {
      const admin = as(await g.token(['salesAdminManager'], 'admin-1'));
      const scorecard = defaultGradingPolicy.scorecard.map((c, i) => (i === 0 ? { ...c, weight: c.weight + 1 } : c));
      const res = await admin.put('/grading/policy').send({ ...defaultGradingPolicy, scorecard, reason: '调整权重' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'WeightsDoNotSumTo100', type: expect.stringContaining('weights-do-not-sum-to100') });
    });
  });

  describe('runs, overrides, sign-offs and reports', () => {
    test('a bad period in the path or the query is named', async () => {
      invalid(await clerk.post('/grading/periods/2026-13/run').send({ reason: 'r' }), 'params.period');
      invalid(await clerk.post('/grading/periods/2026-10/run').send({}), 'body.reason');
      const auditor = as(await g.token(['auditor'], 'auditor-1'));
      invalid(await auditor.get('/reports/grade-summary?period=202610'), 'query.period');
      invalid(await auditor.get('/reports/grade-summary'), 'query.period');
      invalid(await auditor.get('/reports/grade-summary?period=2026-10&format=pdf'), 'query.format');
      invalid(await auditor.get('/reports/grade-summary?period=2026-10&knownAt=yesterday'), 'query.knownAt');
      invalid(await auditor.get('/reports/upgrade-plan?period=2026-10&extra=1'), 'query.extra');
      invalid(await auditor.get('/reports/vip?limit=501'), 'query.limit');
      invalid(await auditor.get('/reports/vip?cursor=abc'), 'query.cursor');
    });

    test('a score out of 0–100 or with three decimals is named', async () => {
      const board = as(await g.token(['reviewBoard'], 'board-1'));
      const override = (score: unknown) => board.post(`/customers/${customerId}/score-overrides`).send({ period: '2026-10', score, reason: '评审' });
      invalid(await override(101), 'body.score');
      invalid(await override(-1), 'body.score');
      invalid(await override(85.555), 'body.score');
      invalid(await override('85'), 'body.score');
      expectProblem(await board.post(`/customers/${randomUUID()}/score-overrides`).send({ period: '2026-10', score: 80, reason: '评审' }), 404, 'CustomerNotFound');
    });

    test('an unknown sign-off step is named; signing an empty summary is refused by its rule', async () => {
      invalid(await clerk.post('/reports/grade-summary/2026-10/sign-offs').send({ step: 'signed' }), 'body.step');
      expectProblem(await clerk.post('/reports/grade-summary/2026-10/sign-offs').send({ step: 'prepared' }), 409, 'NothingToSignOff');
    });
  });

  test('no refused request above wrote an event', async () => {
    const log = await g.store.store.readLog({ txId: '0', position: 0 }, 1000)();
    expect(log).toMatchObject({ right: { events: [{ type: 'CustomerRegistered' }] } });
  });
});
