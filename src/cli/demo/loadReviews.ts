import { decideCreditLimitChange, requestCreditLimitChange, withdrawCreditLimitChange } from '../../app/credit/index.js';
import { overrideScore, runGrading, signOffGradeSummary } from '../../app/grading/index.js';
import type { CreditApproverRole } from '../../domain/credit/index.js';
import { type Actor, type Instant, type Money } from '../../domain/shared/index.js';
import { countNotGraded, loadCustomerSnapshot, loadGradingInputs, type ReadDeps } from '../../projections/index.js';
import type { EventStore } from '../../store/index.js';
import type { Phase } from './loadRecords.js';
import { staff } from './people.js';
import type { DemoPlan } from './plan.js';
import type { PlannedCreditRequest } from './planReviews.js';
import { must } from './run.js';
import { later } from './timeline.js';

const approvers: Record<CreditApproverRole, Actor> = {
  salesAdminManager: staff.salesAdminManager,
  salesVP: staff.salesVP,
  salesGM: staff.salesGM,
  groupGM: staff.groupGM,
};

/** Each grading as it happened: inputs read as they were effective at the run. */
export const loadGradings = async (store: EventStore, views: ReadDeps, plan: DemoPlan, phase: Phase): Promise<void> => {
  const p = phase('gradings and sign-offs (客户等级管理汇总表)', plan.gradings.length);
  const at = (asOf: Instant) => ({ store, loadGradingInputs: loadGradingInputs(views, { asOf }), countNotGraded: countNotGraded(views, { asOf }) });
  for (const g of plan.gradings) {
    await must(runGrading(at(g.runAt))({ period: g.period, meta: { actor: staff.archiveClerk, at: g.runAt, reason: `${g.period} 月度客户等级评估` } }), `grading ${g.period}`);
    for (const o of g.overrides) {
      await must(overrideScore(at(o.at))({ period: g.period, customerId: o.customerId, score: o.score, meta: { actor: staff.reviewBoard, at: o.at, reason: o.reason } }), `override in ${g.period}`);
    }
    for (const s of g.signOffs) {
      await must(signOffGradeSummary({ store })({ period: g.period, step: s.step, meta: { actor: s.actor, at: s.at } }), `${s.step} of ${g.period}`);
    }
    p.tick();
  }
  p.done();
};

/** To the thousand yuan, and never the limit in effect (a request changes it). */
const proposedLimit = (current: Money | null, factor: number, scale: number): Money => {
  const base = current === null || Number(current) === 0 ? scale * 1.5 : Number(current) * factor;
  const rounded = Math.max(1000, Math.round(base / 1000) * 1000);
  return (rounded === Number(current ?? -1) ? rounded + 1000 : rounded).toFixed(2);
};

const loadRequest = async (store: EventStore, views: ReadDeps, plan: DemoPlan, r: PlannedCreditRequest) => {
  const deps = { store, loadCustomerSnapshot: loadCustomerSnapshot(views, { asOf: r.requestedAt }) };
  const customer = plan.customers.find((c) => c.id === r.customerId)!;
  const snapshot = await must(deps.loadCustomerSnapshot(r.customerId), `snapshot of ${customer.name}`);
  const opened = await must(
    requestCreditLimitChange(deps)({
      requestId: r.requestId,
      customerId: r.customerId,
      proposedLimit: proposedLimit(snapshot?.creditLimit ?? null, r.factor, customer.scale),
      meta: { actor: r.requester, at: r.requestedAt, reason: r.factor < 1 ? '客户回款变慢，申请下调信用额度' : '客户业务增长，申请上调信用额度' },
    }),
    `credit request for ${customer.name}`,
  );
  if (r.outcome.kind === 'withdrawn') {
    await must(withdrawCreditLimitChange(deps)({ requestId: r.requestId, meta: { actor: r.requester, at: later(r.requestedAt, 1), reason: '客户暂缓扩大采购，撤回申请' } }), 'withdrawal');
    return;
  }
  const steps = opened.requiredSteps;
  const last = r.outcome.kind === 'approved' ? steps.length : Math.min(r.outcome.atStep, steps.length);
  for (const [i, role] of steps.slice(0, last).entries()) {
    const rejects = r.outcome.kind === 'rejected' && i === last - 1;
    const waits = r.outcome.kind === 'pending' && i === last - 1;
    if (waits) return;
    await must(
      decideCreditLimitChange(deps)({
        requestId: r.requestId,
        decision: rejects ? 'reject' : 'approve',
        opinion: rejects ? '回款记录不足以支持该额度，不同意' : '同意',
        meta: { actor: approvers[role], at: later(r.requestedAt, 2 + i) },
      }),
      `${role}'s decision`,
    );
  }
};

/** 客户信用额度变更申请 in every state, after the gradings made limits effective. */
export const loadCreditRequests = async (store: EventStore, views: ReadDeps, plan: DemoPlan, phase: Phase): Promise<void> => {
  const p = phase('credit-limit requests (信用额度变更申请)', plan.creditRequests.length);
  for (const r of plan.creditRequests) {
    await loadRequest(store, views, plan, r);
    p.tick();
  }
  p.done();
};
