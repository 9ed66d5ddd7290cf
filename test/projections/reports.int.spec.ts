import * as E from 'fp-ts/Either';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TimedComplaintEvent, monthlyComplaintStatistics } from '../../src/domain/complaint/index.js';
import { builtInPolicy, defaultGradingPolicy } from '../../src/domain/grading/index.js';
import { auditSubjects, auditTrail } from '../../src/projections/auditTrail/queries.js';
import { complaintStatistics, listComplaints } from '../../src/projections/complaints/queries.js';
import { approverQueue, creditRequest, listCreditRequests } from '../../src/projections/creditRequests/queries.js';
import { gradeSummary, monthlyUpgradePlan, policyInForce } from '../../src/projections/grading/summary.js';
import { loadCustomerSnapshot } from '../../src/projections/loaders/customerSnapshot.js';
import { loadGradingInputs } from '../../src/projections/loaders/gradingInputs.js';
import type { StoredEvent } from '../../src/store/index.js';
import { storeCases, type TestStore } from '../support/stores.js';
import { appendAt, approvedSummary, customer, projectAll, registered } from './support/world.js';

const [a, b] = [customer(11), customer(12)];
const requestId = '7c0a3e1e-1111-4a2b-8c3d-000000000001';
const complaintId = '7c0a3e1e-2222-4a2b-8c3d-000000000002';

const graded = (customerId: string, name: string, score: number, grade: string, limit: string, revision = 1) => ({
  type: 'CustomerGraded',
  data: {
    period: '2026-02', customerId, customerName: name, salespersonId: 'sp-1', revision, changes: [],
    score, scoreSource: 'scorecard', scorecardScore: score, scorecard: [], grade, coefficient: '1.0', vip: grade === 'A',
    monthlyAverageSales: '110000.00', salesMonths: ['2026-01'], fulfilmentRate: 0.95, creditDue: '100.00', creditPaidOnTime: '95.00',
    creditLimit: limit, policyVersion: 0, remarks: ['新客户'],
  },
});
const signed = (step: string, signerId: string, role: string) => ({ type: 'GradeSummarySignedOff', data: { period: '2026-02', step, signerId, signerName: signerId, role } });

describe.each(storeCases)('reports on $name', ({ open }) => {
  let t: TestStore;
  let complaintEvents: StoredEvent[] = [];
  const deps = () => ({ db: t.db, schema: t.schema, keyring: t.keyring });
  beforeAll(async () => {
    t = await open();
    await appendAt(t, `customer-${a}`, '2026-01-05T02:00:00.000Z', registered(a, '甲公司'));
    await appendAt(t, `customer-${b}`, '2026-01-05T03:00:00.000Z', registered(b, '乙公司', { status: 'prospect' }));
    await appendAt(t, `customerFigures-${a}`, '2026-02-02T00:00:00.000Z', { type: 'MonthlyFiguresRecorded', data: { customerId: a, period: '2026-01', sales: '120000.00', creditDue: '1000.00', creditPaidOnTime: '900.00' } });
    await appendAt(t, `customerFigures-${a}`, '2026-02-03T00:00:00.000Z', { type: 'MonthlyFiguresRecorded', data: { customerId: a, period: '2026-01', sales: '130000.00', creditDue: '1000.00', creditPaidOnTime: '950.00' } });
    await appendAt(t, `customer-${a}`, '2026-01-20T00:00:00.000Z', { type: 'ViolationRecorded', data: { customerId: a, occurredAt: '2026-01-19T00:00:00.000Z', type: '逾期付款', description: '逾期' } });
    await appendAt(t, 'gradingPeriod-2026-02', '2026-03-05T00:00:00.000Z', graded(a, '甲公司', 75, 'C', '100000.00'), graded(b, '乙公司', 91, 'A', '200000.00'));
    await appendAt(t, 'gradingPeriod-2026-02', '2026-03-06T00:00:00.000Z', signed('prepared', 'u-clerk', 'archiveClerk'));
    await appendAt(t, 'gradingPeriod-2026-02', '2026-03-07T00:00:00.000Z', graded(a, '甲公司', 79.5, 'C', '110000.00', 2));
    await appendAt(t, 'gradingPeriod-2026-02', '2026-03-07T00:00:00.000Z', { type: 'GradeSummarySignOffsVoided', data: { period: '2026-02', steps: ['prepared'], customerIds: [a] } });
    await appendAt(t, 'gradingPeriod-2026-02', '2026-03-08T00:00:00.000Z', signed('prepared', 'u-clerk', 'archiveClerk'));
    await appendAt(t, 'gradingPeriod-2026-02', '2026-03-09T00:00:00.000Z', approvedSummary('2026-02', [{ customerId: a, grade: 'C', creditLimit: '110000.00' }]));
    await appendAt(t, 'gradingPolicy-current', '2026-03-10T00:00:00.000Z', { type: 'GradingPolicyPublished', data: { version: 1, policy: { ...defaultGradingPolicy, upgradePlanSize: 1 }, reason: '调整' } });
    const customerBlock = { name: '甲公司', salespersonId: 'sp-1', grade: 'C', address: null, contact: null };
    await appendAt(t, `creditRequest-${requestId}`, '2026-03-11T00:00:00.000Z', {
      type: 'CreditLimitChangeRequested',
      data: { requestId, customerId: a, customer: customerBlock, originalLimit: '110000.00', proposedLimit: '150000.00', direction: 'increase', reason: '增长', requester: { id: 'sp-1', name: '张伟' }, requiredSteps: ['salesAdminManager', 'salesVP'], requestedAt: '2026-03-11T00:00:00.000Z' },
    });
    await appendAt(t, `creditRequest-${requestId}`, '2026-03-12T00:00:00.000Z', {
      type: 'CreditLimitChangeStepApproved',
      data: { requestId, step: 1, role: 'salesAdminManager', approver: { id: 'u-m', name: '经理' }, opinion: '同意', decidedAt: '2026-03-12T00:00:00.000Z' },
    });
    complaintEvents = [
      ...(await appendAt(t, `complaint-${complaintId}`, '2026-03-02T00:00:00.000Z', { type: 'ComplaintReceived', data: { complaintId, customerId: a, description: '破损', receivedAt: '2026-03-02T00:00:00.000Z', materials: [] } })),
      ...(await appendAt(t, `complaint-${complaintId}`, '2026-03-03T00:00:00.000Z', { type: 'ComplaintJudged', data: { complaintId, category: 'quality' } })),
      ...(await appendAt(t, `complaint-${complaintId}`, '2026-03-04T00:00:00.000Z', { type: 'ComplaintAssessed', data: { complaintId, problemFound: false, explanation: '运输正常' } }, { type: 'ComplaintClosed', data: { complaintId, resolution: 'noProblem' } })),
    ];
    await projectAll(t);
  });
  afterAll(() => t.close());

  test('the grade summary numbers its latest rows and folds its sign-offs', async () => {
    const summary = await gradeSummary(deps(), '2026-02');
    expect(summary.status).toBe('frozen');
    expect(summary.rows.map((r) => [r.no, r.customerName, r.grade, r.score, r.creditLimit, r.remarks])).toEqual([
      [1, '乙公司', 'A', 91, '200000.00', '新客户'],
      [2, '甲公司', 'C', 79.5, '110000.00', '新客户'],
    ]);
    expect(summary.signOffs.map((s) => [s.step, s.at])).toEqual([
      ['prepared', '2026-03-08T00:00:00.000Z'],
      ['approved', '2026-03-09T00:00:00.000Z'],
    ]);
    const before = await gradeSummary(deps(), '2026-02', { asOf: '2026-03-06T12:00:00Z' });
    expect([before.status, before.rows.find((r) => r.customerName === '甲公司')!.score]).toEqual(['signingOff', 75]);
  });

  test('the upgrade plan lists the C customers closest to B, under the policy of the grading', async () => {
    expect((await monthlyUpgradePlan(deps(), '2026-02')).items).toEqual([expect.objectContaining({ customerId: a, pointsToB: 0.5 })]);
    expect(await policyInForce(deps(), { asOf: '2026-03-09T00:00:00Z' })).toEqual({ ...builtInPolicy, status: 'builtIn' });
    expect((await policyInForce(deps())).version).toBe(1);
  });

  test('credit requests wait in the queue of the role whose step is next', async () => {
    expect(await creditRequest(deps(), requestId)).toMatchObject({ status: 'pending', nextStep: 'salesVP', originalLimit: '110000.00', proposedLimit: '150000.00', decisions: [{ decision: 'approve', role: 'salesAdminManager' }], version: 2 });
    expect((await approverQueue(deps(), 'salesVP')).items.map((r) => r.id)).toEqual([requestId]);
    expect((await approverQueue(deps(), 'salesAdminManager')).items).toEqual([]);
    expect((await approverQueue(deps(), 'salesAdminManager', { asOf: '2026-03-11T12:00:00Z' })).items.map((r) => r.id)).toEqual([requestId]);
    expect((await listCreditRequests(deps(), { customerId: b })).items).toEqual([]);
  });

  test('complaints and their monthly statistics agree with the complaint context', async () => {
    expect((await listComplaints(deps(), { customerId: a })).items).toEqual([expect.objectContaining({ id: complaintId, status: 'closed', description: '破损' })]);
    const histories = [complaintEvents.map((e) => ({ type: e.type, data: e.data, occurredAt: e.occurredAt }) as TimedComplaintEvent)];
    expect(await complaintStatistics(deps(), '2026-03')).toEqual(monthlyComplaintStatistics(histories, '2026-03', (id) => (id === a ? 'C' : null)));
  });

  test('the grading inputs hold every active customer with the figures and incidents the policy reads', async () => {
    const inputs = await loadGradingInputs(deps())('2026-02', builtInPolicy);
    expect(inputs).toEqual([
      {
        customerId: a, customerName: '甲公司', salespersonId: 'sp-1', violations: 1, complaints: 0, cooperationSince: '2026-01-05',
        figures: [{ period: '2026-01', sales: '130000.00', creditDue: '1000.00', creditPaidOnTime: '950.00' }],
      },
    ]);
  });

  test('the credit snapshot copies the archive and the limit in force', async () => {
    const snapshot = await loadCustomerSnapshot(deps())(a)();
    expect(snapshot).toEqual(E.right({ name: '甲公司', salespersonId: 'sp-1', grade: 'C', address: '杭州市西湖区1号', primaryContact: { contactId: expect.any(String), name: '陈明', mobile: '13812345678' }, creditLimit: '110000.00' }));
    expect(await loadCustomerSnapshot(deps())(customer(99))()).toEqual(E.right(null));
  });

  test('the audit trail lists every event of a subject with actor, reason and times, page by page', async () => {
    const first = await auditTrail(deps(), auditSubjects.customer(a), {}, { limit: 2 });
    expect(first.items.map((e) => e.type)).toEqual(['CustomerRegistered', 'MonthlyFiguresRecorded']);
    expect(first.items[0]).toMatchObject({ actor: { id: 'u-clerk', name: '王丽' }, reason: '测试', version: 1 });
    const rest = await auditTrail(deps(), auditSubjects.customer(a), {}, { limit: 10, cursor: first.nextCursor });
    expect(rest.items.map((e) => e.type)).toEqual(['MonthlyFiguresRecorded', 'ViolationRecorded']);
    expect((await auditTrail(deps(), auditSubjects.gradeSummary('2026-02'), { knownAt: first.items[0]!.recordedAt })).items).toEqual([]);
  });
});
