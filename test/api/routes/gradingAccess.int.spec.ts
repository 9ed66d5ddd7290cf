import { afterAll, beforeAll, describe } from 'vitest';
import { defaultGradingPolicy } from '../../../src/domain/grading/index.js';
import { managerRoles, Role } from '../../../src/domain/shared/index.js';
import { storeCases } from '../../support/stores.js';
import { client, type GradingApp, openGradingApp } from './gradingApp.js';
import { describeRoleMatrix, type RouteCall } from './roleMatrix.js';

/** Who may call each grading route (API.md), and what the others are told. */
const period = '2026-06';
const readers = [...managerRoles, 'auditor'] as const;
const signStepOf: Partial<Record<Role, string>> = {
  archiveClerk: 'prepared',
  salesAdminManager: 'reviewed',
  salesVP: 'audited',
  salesGM: 'audited',
  groupGM: 'approved',
};


const calls = (customerId: () => string): RouteCall[] => [
  {
    name: 'POST /customers/{id}/monthly-figures',
    allowed: ['archiveClerk'],
    send: (as, t) =>
      as(t).post(`/customers/${customerId()}/monthly-figures`).send({ period: '2026-05', sales: '1000.00', creditDue: '0', creditPaidOnTime: '0', reason: '月结' }),
  },
  { name: 'GET /grading/policy', allowed: Role.options, send: (as, t) => as(t).get('/grading/policy') },
  {
    name: 'PUT /grading/policy',
    allowed: ['salesAdminManager'],
    send: (as, t) => as(t).put('/grading/policy').send({ ...defaultGradingPolicy, reason: '沿用' }),
  },
  {
    name: 'POST /grading/policy/simulations',
    allowed: readers,
    send: (as, t) => as(t).post('/grading/policy/simulations').send({ period, policy: defaultGradingPolicy }),
  },
  { name: 'POST /grading/periods/{period}/run', allowed: ['archiveClerk', 'reviewBoard'], send: (as, t) => as(t).post(`/grading/periods/${period}/run`).send({ reason: '评估' }) },
  {
    name: 'POST /customers/{id}/score-overrides',
    allowed: ['reviewBoard'],
    send: (as, t) => as(t).post(`/customers/${customerId()}/score-overrides`).send({ period, score: 72, reason: '评审' }),
  },
  { name: 'GET /reports/grade-summary', allowed: [...readers, 'archiveClerk'], send: (as, t) => as(t).get(`/reports/grade-summary?period=${period}`) },
  {
    name: 'POST /reports/grade-summary/{period}/sign-offs',
    allowed: ['archiveClerk', 'salesAdminManager', 'salesVP', 'salesGM', 'groupGM'],
    // Each post tries its own step: the route lets it in, the order may still refuse it (409).
    send: (as, t, role) => as(t).post(`/reports/grade-summary/${period}/sign-offs`).send({ step: (role && signStepOf[role]) ?? 'prepared' }),
  },
  { name: 'GET /reports/upgrade-plan', allowed: [...readers, 'reviewBoard'], send: (as, t) => as(t).get(`/reports/upgrade-plan?period=${period}`) },
  { name: 'GET /reports/vip', allowed: Role.options, send: (as, t) => as(t).get('/reports/vip') },
];

describe.each(storeCases)('who may call the grading routes on $name', ({ open }) => {
  let g: GradingApp;
  let as: ReturnType<typeof client>;
  let customerId = '';
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    g = await openGradingApp(open);
    as = client(g.app);
    for (const role of Role.options) tokens.set(role, await g.token([role], `${role}-1`));
    customerId = await g.register('权限测试客户');
  });
  afterAll(() => g.close());

  describeRoleMatrix(calls(() => customerId), () => ({ as, tokens }));
});
