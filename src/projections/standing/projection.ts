import type { CreditLimitChangeApproved } from '../../domain/credit/index.js';
import type { GradeSummarySignedOff } from '../../domain/grading/index.js';
import { normalizeMoney } from '../../domain/shared/index.js';
import type { LogEvent, Projection } from '../engine/projection.js';

/**
 * A customer's standing: the grade and VIP flag an approved grade summary (审批) made
 * effective, and the credit limit (信用额度) in force — the latest by effective time of
 * an approved summary's limit or an approved change request (客户信用额度变更申请表).
 *
 * One row per source: an approved summary gives each of its customers a row with grade
 * and limit, an approved change request a row with the limit alone. Nothing is ever
 * retracted, so the answer at (asOf, knownAt) is the row with the greatest (effective
 * time, position) among those in force by asOf and recorded by knownAt (for the grade:
 * among the rows that carry one) — the fold "the latest source wins", as one indexed
 * lookup. A source is in force from the later of its event's effective time and the
 * time the source names (a change request's `effectiveAt`); the two are the same
 * instant unless an event is backdated.
 */
export const standingProjection: Projection = {
  name: 'standing',
  // 2: grades and limits in one table of sources.
  version: 2,
  eventTypes: ['GradeSummarySignedOff', 'CreditLimitChangeApproved'],
  createTables: (t) => `
    create table ${t('sources')} (
      customer_id    text not null,
      effective_at   timestamptz not null,
      position       bigint not null,
      in_force_from  timestamptz not null,
      recorded_at    timestamptz not null,
      credit_limit   text not null,
      request_id     text,
      period         text,
      grade          text,
      vip            boolean,
      score          double precision,
      policy_version integer,
      primary key (customer_id, effective_at, position)
    );
  `,
  applyBatch: async ({ tx, table }, events) => {
    const rows: Record<string, unknown>[] = [];
    for (const e of events) {
      if (e.type === 'GradeSummarySignedOff') rows.push(...approvalRows(e));
      else if (e.type === 'CreditLimitChangeApproved') {
        const d = e.data as CreditLimitChangeApproved['data'];
        const from = Math.max(Date.parse(d.effectiveAt), Date.parse(e.occurredAt));
        rows.push({ c: d.customerId, e: d.effectiveAt, p: e.position, f: new Date(from).toISOString(), r: e.recordedAt, l: normalizeMoney(d.newLimit), q: d.requestId });
      }
    }
    if (rows.length === 0) return;
    await tx.query(
      `insert into ${table('sources')} (customer_id, effective_at, position, in_force_from, recorded_at, credit_limit, request_id, period, grade, vip, score, policy_version)
       select c, e, p, f, r, l, q, pe, g, v, s, pv from jsonb_to_recordset($1::jsonb)
         as x(c text, e timestamptz, p bigint, f timestamptz, r timestamptz, l text, q text, pe text, g text, v boolean, s double precision, pv integer)`,
      [JSON.stringify(rows)],
    );
  },
};

/** 审批 of a grade summary: each customer's grade and limit take effect when it is approved. */
const approvalRows = (e: LogEvent): Record<string, unknown>[] => {
  const d = e.data as GradeSummarySignedOff['data'];
  if (d.step !== 'approved') return [];
  return d.effective.map((g) => ({
    c: g.customerId, e: e.occurredAt, p: e.position, f: e.occurredAt, r: e.recordedAt, l: normalizeMoney(g.creditLimit),
    pe: d.period, g: g.grade, v: g.vip, s: g.score, pv: g.policyVersion,
  }));
};
