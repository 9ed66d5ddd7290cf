import type { EvaluationAdded, ViolationRecorded } from '../../domain/customer/index.js';
import { applyTimeline, timelineTableSql } from '../bitemporal/timelineSql.js';
import type { Projection } from '../engine/projection.js';
import { archiveEventTypes, customerTimeline, recordEventTypes } from './record.js';

/**
 * Customers: each archive as bitemporal version rows (list columns beside the state)
 * with the timeline's key table for paging lists.
 */
export const customersProjection: Projection = {
  name: 'customers',
  // 2: violations and evaluations moved to customer_records. 3: 审批 N (ArchiveRejected), and a content change returns a decided archive to pending. 4: personal fields kept sealed (migration 006), erasures.
  version: 4,
  eventTypes: archiveEventTypes,
  createTables: (t) => timelineTableSql(customerTimeline, t),
  applyBatch: (context, events) => applyTimeline(context, customerTimeline, events),
};

/**
 * Every violation record (违规记录) and evaluation (客户评价) as a row of its own. They
 * only grow, so the rows need no versions: a cut by effective and record time is the
 * fold. A projection of its own, so that it is built beside the archives, not after.
 */
export const customerRecordsProjection: Projection = {
  name: 'customer_records',
  version: 1,
  eventTypes: recordEventTypes,
  createTables: (t) => `
    create table ${t('violations')} (
      position     bigint primary key,
      customer_id  text not null,
      occurred_at  timestamptz not null,
      recorded_at  timestamptz not null,
      violation_at timestamptz not null,
      type         text not null,
      description  text not null,
      violation    jsonb not null
    );
    create index on ${t('violations')} (violation_at, position);
    create index on ${t('violations')} (customer_id, violation_at, position);
    create table ${t('evaluations')} (
      position    bigint primary key,
      customer_id text not null,
      occurred_at timestamptz not null,
      recorded_at timestamptz not null,
      evaluation  jsonb not null
    );
    create index on ${t('evaluations')} (customer_id, occurred_at, position);
  `,
  applyBatch: async ({ tx, table }, events) => {
    const violations = events
      .filter((e) => e.type === 'ViolationRecorded')
      .map((e) => {
        const d = e.data as ViolationRecorded['data'];
        const { customerId, ...violation } = d;
        return { p: e.position, c: customerId, o: e.occurredAt, r: e.recordedAt, v: d.occurredAt, t: d.type, d: d.description, j: violation };
      });
    const evaluations = events
      .filter((e) => e.type === 'EvaluationAdded')
      .map((e) => {
        const { customerId, ...evaluation } = e.data as EvaluationAdded['data'];
        return { p: e.position, c: customerId, o: e.occurredAt, r: e.recordedAt, j: evaluation };
      });
    if (evaluations.length > 0) {
      await tx.query(
        `insert into ${table('evaluations')} (position, customer_id, occurred_at, recorded_at, evaluation)
         select p, c, o, r, j from jsonb_to_recordset($1::jsonb) as x(p bigint, c text, o timestamptz, r timestamptz, j jsonb)`,
        [JSON.stringify(evaluations)],
      );
    }
    if (violations.length > 0) {
      await tx.query(
        `insert into ${table('violations')} (position, customer_id, occurred_at, recorded_at, violation_at, type, description, violation)
         select p, c, o, r, v, t, d, j from jsonb_to_recordset($1::jsonb)
           as x(p bigint, c text, o timestamptz, r timestamptz, v timestamptz, t text, d text, j jsonb)`,
        [JSON.stringify(violations)],
      );
    }
  },
};
