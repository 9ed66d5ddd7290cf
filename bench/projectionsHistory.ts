/**
 * A realistic history for `bench:projections`: N customers over 24 monthly periods, in
 * the shapes the contexts write (each event valid against its schema, so it goes
 * through the store's own append path). Per customer and month, about: its monthly
 * figures, its grading, an archive change or evaluation now and then, a violation,
 * a status change; over the two years about two credit-limit requests through the
 * four approvers and one complaint through the manual's flow. 2% of archive changes
 * are backdated corrections. Deterministic (seeded), ~100 events per customer.
 */
import { createHash } from 'node:crypto';
import type { StreamWrite } from '../src/store/index.js';

const uuid = (...parts: (string | number)[]): string => {
  const h = createHash('sha1').update(parts.join('/')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** A small seeded generator (mulberry32): the same history on every run. */
export const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const periodAt = (index: number) => `${2024 + Math.floor((10 + index) / 12)}-${String(((10 + index) % 12) + 1).padStart(2, '0')}`; // 0 → 2024-11
const at = (period: string, day: number, minute = 0) => new Date(Date.parse(`${period}-01T00:00:00+08:00`) + (day - 1) * 86_400_000 + minute * 60_000).toISOString();
const money = (yuan: number) => `${Math.floor(yuan)}.${String(Math.floor((yuan * 100) % 100)).padStart(2, '0')}`;
const person = (id: string) => ({ id, name: `员工${id}` });
const grades = ['A', 'B', 'C', 'D', 'E'] as const;
const coefficient = { A: '1.5', B: '1.2', C: '1.0', D: '0.8', E: '0.5' };

export const months = 24;
export const periods = Array.from({ length: months }, (_, i) => periodAt(i));
export const customerIdOf = (n: number) => uuid('customer', n);

type Write = StreamWrite;
const write = (streamId: string, events: Write['events']): Write => ({ streamId, expectedVersion: 'any', events });

const registration = (c: number, period: string): Write => {
  const id = customerIdOf(c);
  return write(`customer-${id}`, [{
    type: 'CustomerRegistered',
    occurredAt: at(period, 1 + (c % 27)),
    data: {
      customerId: id, salespersonId: `sp-${c % 50}`, status: 'active', validUntil: '2026-12-31',
      contacts: [{ id: uuid('contact', c), category: 'primary', name: '陈明', mobile: '13812345678' }],
      archive: { name: `客户${c}有限公司`, region: ['浙江', '上海', '江苏', '广东'][c % 4], address: `杭州市${c}号`, companyType: 'factory', remarks: '初建档案' },
      enteredAt: at(period, 1 + (c % 27)),
    },
  }]);
};

/** One month of a customer's archive: changes, evaluations, violations, sometimes a status change. */
const archiveMonth = (c: number, m: number, rnd: () => number, inactive: Set<number>): Write[] => {
  const id = customerIdOf(c);
  const period = periods[m]!;
  const events: Write['events'][number][] = [];
  const n = Math.floor(rnd() * 3);
  for (let k = 0; k < n; k += 1) {
    const day = 2 + Math.floor(rnd() * 26);
    const backdated = rnd() < 0.02 && m > 2;
    events.push({
      type: 'ArchiveFieldsChanged',
      occurredAt: backdated ? at(periods[m - 2]!, day) : at(period, day, k),
      data: { customerId: id, changes: [{ field: 'remarks', from: null, to: `第${m}月第${k}次更新` }] },
    });
  }
  if (rnd() < 0.3) events.push({ type: 'EvaluationAdded', occurredAt: at(period, 20), data: { customerId: id, evaluator: person('u-service'), text: '回款及时，合作良好', at: at(period, 20) } });
  if (rnd() < 0.1) events.push({ type: 'ViolationRecorded', occurredAt: at(period, 22), data: { customerId: id, occurredAt: at(period, 21), type: ['逾期付款', '窜货'][c % 2], description: '逾期十五天' } });
  if (rnd() < 0.03) {
    const from = inactive.has(c) ? 'inactive' : 'active';
    const to = from === 'active' ? 'inactive' : 'active';
    if (to === 'inactive') inactive.add(c);
    else inactive.delete(c);
    events.push({ type: 'StatusChanged', occurredAt: at(period, 25), data: { customerId: id, from, to } });
  }
  if (m % 12 === 11) events.push({ type: 'ValidityRenewed', occurredAt: at(period, 26), data: { customerId: id, from: null, to: `${2026 + Math.floor(m / 12)}-12-31` } });
  events.sort((a, b) => Date.parse(a.occurredAt!) - Date.parse(b.occurredAt!));
  return events.length ? [write(`customer-${id}`, events)] : [];
};

const figures = (c: number, period: string, recordedIn: string, rnd: () => number): Write => {
  const due = 20_000 + rnd() * 200_000;
  return write(`customerFigures-${customerIdOf(c)}`, [{
    type: 'MonthlyFiguresRecorded',
    occurredAt: at(recordedIn, 3),
    data: { customerId: customerIdOf(c), period, sales: money(50_000 + rnd() * 400_000), creditDue: money(due), creditPaidOnTime: money(due * (0.7 + rnd() * 0.3)) },
  }]);
};

/** The month's grading of every customer (one period stream), then its four sign-offs. */
const grading = (customers: number, period: string, gradedIn: string, rnd: () => number): Write[] => {
  const stream = `gradingPeriod-${period}`;
  const effective: unknown[] = [];
  const writes: Write[] = [];
  let chunk: Write['events'][number][] = [];
  for (let c = 0; c < customers; c += 1) {
    const score = Math.round(40_00 + rnd() * 60_00) / 100;
    const grade = grades[score >= 90 ? 0 : score >= 80 ? 1 : score >= 70 ? 2 : score >= 60 ? 3 : 4];
    const limit = money(100_000 + rnd() * 500_000);
    effective.push({ customerId: customerIdOf(c), grade, vip: grade === 'A', score, creditLimit: limit, policyVersion: 0, revision: 1 });
    chunk.push({
      type: 'CustomerGraded',
      occurredAt: at(gradedIn, 5),
      data: {
        period, customerId: customerIdOf(c), customerName: `客户${c}有限公司`, salespersonId: `sp-${c % 50}`, revision: 1, changes: [],
        score, scoreSource: 'scorecard', scorecardScore: score,
        scorecard: [{ criterion: 'salesSize', value: '110000.00', factor: '0.7', points: 21 }, { criterion: 'fulfilment', value: '0.95', factor: '0.9', points: 27 }],
        grade, coefficient: coefficient[grade], vip: grade === 'A', monthlyAverageSales: money(110_000), salesMonths: [period],
        fulfilmentRate: 0.95, creditDue: '100000.00', creditPaidOnTime: '95000.00', creditLimit: limit, policyVersion: 0, remarks: [],
      },
    });
    if (chunk.length === 1000) {
      writes.push(write(stream, chunk));
      chunk = [];
    }
  }
  if (chunk.length) writes.push(write(stream, chunk));
  const signer = (step: string, day: number, id: string, role: string, extra = {}) => ({
    type: 'GradeSummarySignedOff', occurredAt: at(gradedIn, day), data: { period, step, signerId: id, signerName: `员工${id}`, role, ...extra },
  });
  writes.push(write(stream, [
    signer('prepared', 6, 'u-clerk', 'archiveClerk'), signer('reviewed', 7, 'u-sam', 'salesAdminManager'),
    signer('audited', 8, 'u-vp', 'salesVP'), signer('approved', 10, 'u-ggm', 'groupGM', { effective }),
  ]));
  return writes;
};

const approvers = ['salesAdminManager', 'salesVP', 'salesGM', 'groupGM'] as const;

const creditRequest = (c: number, m: number): Write => {
  const requestId = uuid('credit', c, m);
  const period = periods[m]!;
  const base = { requestId, customerId: customerIdOf(c) };
  return write(`creditRequest-${requestId}`, [
    {
      type: 'CreditLimitChangeRequested', occurredAt: at(period, 12),
      data: { ...base, customer: { name: `客户${c}有限公司`, salespersonId: `sp-${c % 50}`, grade: 'B', address: `杭州市${c}号`, contact: { name: '陈明', mobile: '13812345678' } },
        originalLimit: '200000.00', proposedLimit: '300000.00', direction: 'increase', reason: '业务增长', requester: person(`sp-${c % 50}`),
        requiredSteps: [...approvers], requestedAt: at(period, 12) },
    },
    ...approvers.map((role, i) => ({
      type: 'CreditLimitChangeStepApproved', occurredAt: at(period, 13 + i),
      data: { ...base, step: i + 1, role, approver: person(`u-${role}`), opinion: '同意', decidedAt: at(period, 13 + i) },
    })),
    { type: 'CreditLimitChangeApproved', occurredAt: at(period, 16), data: { ...base, originalLimit: '200000.00', newLimit: '300000.00', effectiveAt: at(period, 16) } },
  ]);
};

const complaint = (c: number, m: number): Write => {
  const complaintId = uuid('complaint', c, m);
  const period = periods[m]!;
  const step = (type: string, day: number, data: object = {}) => ({ type, occurredAt: at(period, day), data: { complaintId, ...data } });
  return write(`complaint-${complaintId}`, [
    step('ComplaintReceived', 3, { customerId: customerIdOf(c), description: '货物破损', receivedAt: at(period, 3), materials: ['照片1.jpg'] }),
    step('ComplaintJudged', 4, { category: 'quality' }),
    step('ComplaintAssessed', 5, { problemFound: true }),
    step('ComplaintPlanProposed', 6, { plan: '换货', departments: ['质量部', '销售部'] }),
    step('ComplaintOpinionSigned', 7, { opinion: '同意换货' }),
    step('ComplaintPlanApproved', 8, {}),
    step('ComplaintNegotiated', 9, { outcome: 'satisfied' }),
    step('ComplaintPlanExecuted', 10, {}),
    step('ComplaintClosed', 10, { resolution: 'planExecuted' }),
  ]);
};

/** The history, month by month, as groups of writes to append together. */
export function* history(customers: number, seed = 7): Generator<Write[]> {
  const rnd = seeded(seed);
  const inactive = new Set<number>();
  for (let m = 0; m < months; m += 1) {
    const period = periods[m]!;
    const month: Write[] = [];
    for (let c = 0; c < customers; c += 1) {
      if (m === 0) month.push(registration(c, period));
      else month.push(figures(c, periods[m - 1]!, period, rnd));
      month.push(...archiveMonth(c, m, rnd, inactive));
      if (rnd() < 0.08) month.push(creditRequest(c, m));
      if (rnd() < 0.04) month.push(complaint(c, m));
    }
    for (let i = 0; i < month.length; i += 200) yield month.slice(i, i + 200);
    if (m > 0) yield* grading(customers, periods[m - 1]!, period, rnd).map((w) => [w]);
  }
}
