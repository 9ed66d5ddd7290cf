import { receiveComplaint, takeComplaintStep } from '../../app/complaint/index.js';
import { addEvaluation, changeStatus, recordViolation, registerCustomer } from '../../app/customer/index.js';
import { recordMonthlyFigures } from '../../app/grading/index.js';
import { recordStaffMember } from '../../app/staff/index.js';
import { addPeriods, roleLabels } from '../../domain/shared/index.js';
import type { EventStore } from '../../store/index.js';
import { salespeople, staff } from './people.js';
import { inPeriod } from './timeline.js';
import type { DemoPlan } from './plan.js';
import { inParallel, must } from './run.js';

export type Phase = (name: string, total: number) => { tick(): void; done(): void };

/** The archives, their figures, violations, evaluations and complaints, through the app services. */
export const loadRecords = async (store: EventStore, plan: DemoPlan, phase: Phase): Promise<void> => {
  const deps = { store };
  const clerk = staff.archiveClerk;

  // The staff directory first, from the demo's first day: every report names its people by it (API.md v1.1).
  const people = [...Object.values(staff), ...salespeople];
  const listedFrom = inPeriod(addPeriods(plan.options.until, 1 - plan.options.months), 0);
  let p = phase('staff directory (员工名录)', people.length);
  for (const person of people) {
    const role = person.roles[0]!;
    await must(
      recordStaffMember(deps)({
        staffId: person.id,
        name: person.name,
        department: role === 'groupGM' ? '集团' : '销售管理部',
        title: roleLabels[role],
        meta: { actor: staff.salesAdminManager, at: listedFrom, reason: '员工名录建立' },
      }),
      `listing ${person.name}`,
    );
    p.tick();
  }
  p.done();

  p = phase('customers (客户档案)', plan.customers.length);
  await inParallel(plan.customers, 8, async (c) => {
    const { contacts, ...archive } = c.archive as { contacts: never[] };
    await must(
      registerCustomer(deps)({ customerId: c.id, name: c.name, salespersonId: c.salesperson.id, status: c.status, ...archive, contacts, meta: { actor: clerk, at: c.registeredAt, reason: '新客户建档' } }),
      `registering ${c.name}`,
    );
  }, p.tick);
  p.done();

  const figures = plan.customers.filter((c) => c.figures.length > 0);
  p = phase('monthly figures (月度数据)', figures.reduce((n, c) => n + c.figures.length, 0));
  await inParallel(figures, 32, async (c) => {
    for (const f of c.figures) {
      await must(
        recordMonthlyFigures(deps)({ customerId: c.id, period: f.period, sales: f.sales, creditDue: f.creditDue, creditPaidOnTime: f.creditPaidOnTime, meta: { actor: clerk, at: f.recordedAt, reason: `ERP 月度数据导入 ${f.period}` } }),
        `figures of ${c.name} for ${f.period}`,
      );
      p.tick();
    }
    if (c.leaves) {
      await must(changeStatus(deps)({ customerId: c.id, status: c.leaves.to, meta: { actor: clerk, at: c.leaves.at, reason: c.leaves.reason } }), `status of ${c.name}`);
    }
  });
  p.done();

  // A customer's violations and evaluations go to its own stream: one at a time, in time order.
  const records = [
    ...plan.violations.map((v) => ({ customerId: v.customerId, at: v.recordedAt, record: () => recordViolation(deps)({ customerId: v.customerId, occurredAt: v.occurredAt, type: v.type, description: v.description, meta: { actor: clerk, at: v.recordedAt, reason: '违规事件登记' } }) })),
    ...plan.evaluations.map((e) => ({ customerId: e.customerId, at: e.at, record: () => addEvaluation(deps)({ customerId: e.customerId, text: e.text, meta: { actor: staff.serviceClerk, at: e.at } }) })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const byCustomer = new Map<string, typeof records>();
  for (const r of records) byCustomer.set(r.customerId, [...(byCustomer.get(r.customerId) ?? []), r]);
  p = phase('violations and evaluations (违规记录, 客户评价)', records.length);
  await inParallel([...byCustomer.values()], 8, async (own) => {
    for (const r of own) {
      await must(r.record(), `a record of ${r.customerId}`);
      p.tick();
    }
  });
  p.done();

  p = phase('complaints (客诉)', plan.complaints.length);
  await inParallel(plan.complaints, 8, async (c) => {
    await must(
      receiveComplaint(deps)({ complaintId: c.complaintId, customerId: c.customerId, description: c.description, receivedAt: c.receivedAt, meta: { actor: c.receiver, at: c.receivedAt } }),
      `complaint ${c.complaintId}`,
    );
    for (const s of c.steps) {
      await must(takeComplaintStep(deps)({ complaintId: c.complaintId, action: s.action, meta: { actor: s.actor, at: s.at } }), `complaint ${c.complaintId} step ${s.action.step}`);
    }
  }, p.tick);
  p.done();
};
