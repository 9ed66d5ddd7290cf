import type { ViolationRecorded } from '../../domain/customer/index.js';
import { applyTimeline, timelineTableSql } from '../bitemporal/timelineSql.js';
import type { Projection } from '../engine/projection.js';
import { archiveEventTypes, customerTimeline } from './record.js';

/**
 * Customers: each archive as bitemporal version rows (list columns beside the state)
 * with the timeline's key table for paging lists, and every violation record
 * (违规记录) as a row of its own for the report across customers.
 */
export const customersProjection: Projection = {
  name: 'customers',
  version: 1,
  eventTypes: archiveEventTypes,
  createTables: (t) => `
    ${timelineTableSql(customerTimeline, t)}
    create table ${t('violations')} (
      position     bigint primary key,
      customer_id  text not null,
      occurred_at  timestamptz not null,
      recorded_at  timestamptz not null,
      violation_at timestamptz not null,
      type         text not null,
      description  text not null
    );
    create index on ${t('violations')} (violation_at, position);
    create index on ${t('violations')} (customer_id, violation_at, position);
  `,
  applyBatch: async (context, events) => {
    await applyTimeline(context, customerTimeline, events);
    const { tx, table } = context;
    const violations = events
      .filter((e) => e.type === 'ViolationRecorded')
      .map((e) => {
        const d = e.data as ViolationRecorded['data'];
        return { p: e.position, c: d.customerId, o: e.occurredAt, r: e.recordedAt, v: d.occurredAt, t: d.type, d: d.description };
      });
    if (violations.length > 0) {
      await tx.query(
        `insert into ${table('violations')} (position, customer_id, occurred_at, recorded_at, violation_at, type, description)
         select p, c, o, r, v, t, d from jsonb_to_recordset($1::jsonb)
           as x(p bigint, c text, o timestamptz, r timestamptz, v timestamptz, t text, d text)`,
        [JSON.stringify(violations)],
      );
    }
  },
};
