import type { CustomerGraded, GradeSummaryNoteWritten, GradingPolicyPublished } from '../../domain/grading/index.js';
import type { Projection } from '../engine/projection.js';

/**
 * Grading: each evaluation (a row of 客户等级管理汇总表) as the event gave it, the
 * sign-off events of each period, and the published policies.
 *
 * A period's summary at (asOf, knownAt) is, per customer, the evaluation with the
 * greatest (effective time, position) among those effective by asOf and recorded by
 * knownAt: the period stream's fold (a later revision replaces the customer's row)
 * as one indexed query. Sign-offs are few per period and folded on read.
 */
export const gradingProjection: Projection = {
  name: 'grading',
  // 2: remarks kept as the summary's text (joined), not the evaluation's list; sign-off rows hold the signature only. 3: 备注 notes.
  version: 3,
  eventTypes: ['CustomerGraded', 'GradeSummarySignedOff', 'GradeSummarySignOffsVoided', 'GradingPolicyPublished', 'GradeSummaryNoteWritten'],
  createTables: (t) => `
    create table ${t('evaluations')} (
      period         text not null,
      customer_id    text not null,
      occurred_at    timestamptz not null,
      position       bigint not null,
      recorded_at    timestamptz not null,
      revision       integer not null,
      customer_name  text not null,
      salesperson_id text not null,
      score          double precision not null,
      coefficient    text not null,
      monthly_average_sales text not null,
      fulfilment_rate double precision not null,
      grade          text not null,
      vip            boolean not null,
      credit_limit   text not null,
      policy_version integer not null,
      remarks        text not null,
      primary key (period, customer_id, occurred_at, position)
    );
    create table ${t('signoffs')} (
      position    bigint primary key,
      period      text not null,
      occurred_at timestamptz not null,
      recorded_at timestamptz not null,
      type        text not null,
      data        jsonb not null
    );
    create index on ${t('signoffs')} (period, occurred_at, position);
    create table ${t('notes')} (
      position    bigint primary key,
      period      text not null,
      customer_id text not null,
      occurred_at timestamptz not null,
      recorded_at timestamptz not null,
      text        text not null
    );
    create index on ${t('notes')} (period, customer_id, occurred_at, position);
    create table ${t('policies')} (
      position    bigint primary key,
      version     integer not null,
      occurred_at timestamptz not null,
      recorded_at timestamptz not null,
      policy      jsonb not null
    );
  `,
  applyBatch: async ({ tx, table }, events) => {
    const evaluations: Record<string, unknown>[] = [];
    const signoffs: Record<string, unknown>[] = [];
    const policies: Record<string, unknown>[] = [];
    const notes: Record<string, unknown>[] = [];
    for (const e of events) {
      const at = { p: e.position, o: e.occurredAt, r: e.recordedAt };
      if (e.type === 'CustomerGraded') {
        const d = e.data as CustomerGraded['data'];
        evaluations.push({
          ...at,
          pe: d.period, c: d.customerId, rv: d.revision, n: d.customerName, sp: d.salespersonId, s: d.score, co: d.coefficient,
          m: d.monthlyAverageSales, f: d.fulfilmentRate, g: d.grade, v: d.vip, l: d.creditLimit, pv: d.policyVersion, rm: d.remarks.join('；'),
        });
      } else if (e.type === 'GradeSummaryNoteWritten') {
        const d = e.data as GradeSummaryNoteWritten['data'];
        notes.push({ ...at, pe: d.period, c: d.customerId, x: d.text });
      } else if (e.type === 'GradingPolicyPublished') {
        const d = e.data as GradingPolicyPublished['data'];
        policies.push({ ...at, v: d.version, j: d.policy });
      } else {
        // The signature only: an approval's effective limits (one per customer) and a
        // voiding's customer list would make every read of four signatures read thousands.
        const { period, step, signerId, signerName, role } = e.data as { period: string; step?: string; signerId?: string; signerName?: string; role?: string };
        signoffs.push({ ...at, pe: period, t: e.type, d: { step, signerId, signerName, role } });
      }
    }
    if (evaluations.length > 0) {
      await tx.query(
        `insert into ${table('evaluations')} (period, customer_id, occurred_at, position, recorded_at, revision, customer_name, salesperson_id,
           score, coefficient, monthly_average_sales, fulfilment_rate, grade, vip, credit_limit, policy_version, remarks)
         select pe, c, o, p, r, rv, n, sp, s, co, m, f, g, v, l, pv, rm from jsonb_to_recordset($1::jsonb)
           as x(pe text, c text, o timestamptz, p bigint, r timestamptz, rv integer, n text, sp text, s double precision, co text,
                m text, f double precision, g text, v boolean, l text, pv integer, rm text)`,
        [JSON.stringify(evaluations)],
      );
    }
    if (signoffs.length > 0) {
      await tx.query(
        `insert into ${table('signoffs')} (position, period, occurred_at, recorded_at, type, data)
         select p, pe, o, r, t, d from jsonb_to_recordset($1::jsonb) as x(p bigint, pe text, o timestamptz, r timestamptz, t text, d jsonb)`,
        [JSON.stringify(signoffs)],
      );
    }
    if (notes.length > 0) {
      await tx.query(
        `insert into ${table('notes')} (position, period, customer_id, occurred_at, recorded_at, text)
         select p, pe, c, o, r, x from jsonb_to_recordset($1::jsonb) as x(p bigint, pe text, c text, o timestamptz, r timestamptz, x text)`,
        [JSON.stringify(notes)],
      );
    }
    if (policies.length > 0) {
      await tx.query(
        `insert into ${table('policies')} (position, version, occurred_at, recorded_at, policy)
         select p, v, o, r, j from jsonb_to_recordset($1::jsonb) as x(p bigint, v integer, o timestamptz, r timestamptz, j jsonb)`,
        [JSON.stringify(policies)],
      );
    }
  },
};
