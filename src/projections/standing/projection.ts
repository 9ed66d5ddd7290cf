import type { CreditLimitChangeApproved } from '../../domain/credit/index.js';
import type { GradeSummarySignedOff } from '../../domain/grading/index.js';
import { normalizeMoney } from '../../domain/shared/index.js';
import type { LogEvent, Projection } from '../engine/projection.js';

/**
 * A customer's standing: the grade and VIP flag an approved grade summary (审批) made
 * effective, and the credit limit (信用额度) in force — the latest by effective time of
 * an approved summary's limit or an approved change request (客户信用额度变更申请表).
 *
 * Each source is a row; nothing is ever retracted, so the answer at (asOf, knownAt) is
 * the row with the greatest (effective time, position) among those effective by asOf
 * and recorded by knownAt — the fold "the latest source wins", as one indexed lookup.
 */
export const standingProjection: Projection = {
  name: 'standing',
  version: 1,
  eventTypes: ['GradeSummarySignedOff', 'CreditLimitChangeApproved'],
  createTables: (t) => `
    create table ${t('grades')} (
      customer_id    text not null,
      effective_at   timestamptz not null,
      position       bigint not null,
      in_force_from  timestamptz not null,
      recorded_at    timestamptz not null,
      period         text not null,
      grade          text not null,
      vip            boolean not null,
      score          double precision not null,
      credit_limit   text not null,
      policy_version integer not null,
      primary key (customer_id, effective_at, position)
    );
    create table ${t('limits')} (
      customer_id  text not null,
      effective_at timestamptz not null,
      position     bigint not null,
      in_force_from timestamptz not null,
      recorded_at  timestamptz not null,
      credit_limit text not null,
      source       jsonb not null,
      primary key (customer_id, effective_at, position)
    );
  `,
  applyBatch: async ({ tx, table }, events) => {
    const grades: Record<string, unknown>[] = [];
    const limits: Record<string, unknown>[] = [];
    for (const e of events) {
      if (e.type === 'GradeSummarySignedOff') addApproval(e, grades, limits);
      else if (e.type === 'CreditLimitChangeApproved') {
        const d = e.data as CreditLimitChangeApproved['data'];
        const limit = normalizeMoney(d.newLimit);
        const source = { kind: 'changeRequest', requestId: d.requestId, limit, effectiveAt: d.effectiveAt };
        const from = Math.max(Date.parse(d.effectiveAt), Date.parse(e.occurredAt));
        limits.push({ c: d.customerId, e: d.effectiveAt, p: e.position, f: new Date(from).toISOString(), r: e.recordedAt, l: limit, s: source });
      }
    }
    if (grades.length > 0) {
      await tx.query(
        `insert into ${table('grades')} (customer_id, effective_at, position, in_force_from, recorded_at, period, grade, vip, score, credit_limit, policy_version)
         select c, e, p, e, r, pe, g, v, s, l, pv from jsonb_to_recordset($1::jsonb)
           as x(c text, e timestamptz, p bigint, r timestamptz, pe text, g text, v boolean, s double precision, l text, pv integer)`,
        [JSON.stringify(grades)],
      );
    }
    if (limits.length > 0) {
      await tx.query(
        `insert into ${table('limits')} (customer_id, effective_at, position, in_force_from, recorded_at, credit_limit, source)
         select c, e, p, f, r, l, s from jsonb_to_recordset($1::jsonb)
           as x(c text, e timestamptz, p bigint, f timestamptz, r timestamptz, l text, s jsonb)`,
        [JSON.stringify(limits)],
      );
    }
  },
};

/** 审批 of a grade summary: each customer's grade and limit take effect when it is approved. */
const addApproval = (e: LogEvent, grades: Record<string, unknown>[], limits: Record<string, unknown>[]) => {
  const d = e.data as GradeSummarySignedOff['data'];
  if (d.step !== 'approved') return;
  for (const g of d.effective) {
    const limit = normalizeMoney(g.creditLimit);
    grades.push({ c: g.customerId, e: e.occurredAt, p: e.position, r: e.recordedAt, pe: d.period, g: g.grade, v: g.vip, s: g.score, l: limit, pv: g.policyVersion });
    const source = { kind: 'gradeSummary', period: d.period, limit, effectiveAt: e.occurredAt };
    limits.push({ c: g.customerId, e: e.occurredAt, p: e.position, f: e.occurredAt, r: e.recordedAt, l: limit, s: source });
  }
};
