import type { MonthlyFiguresRecorded } from '../../domain/grading/index.js';
import type { Projection } from '../engine/projection.js';

/**
 * Monthly figures (月度数据) per customer and period. A later recording for the same
 * period supersedes the earlier one: at (asOf, knownAt) a period's figures are those
 * with the greatest (effective time, position) among the recordings effective by
 * asOf and recorded by knownAt.
 */
export const figuresProjection: Projection = {
  name: 'figures',
  version: 1,
  eventTypes: ['MonthlyFiguresRecorded'],
  createTables: (t) => `
    create table ${t('monthly')} (
      customer_id  text not null,
      period       text not null,
      occurred_at  timestamptz not null,
      position     bigint not null,
      recorded_at  timestamptz not null,
      sales        text not null,
      credit_due   text not null,
      credit_paid_on_time text not null,
      primary key (customer_id, period, occurred_at, position)
    );
    create index on ${t('monthly')} (period, customer_id);
  `,
  applyBatch: async ({ tx, table }, events) => {
    const rows = events.map((e) => {
      const d = e.data as MonthlyFiguresRecorded['data'];
      return { c: d.customerId, pe: d.period, o: e.occurredAt, p: e.position, r: e.recordedAt, s: d.sales, du: d.creditDue, pd: d.creditPaidOnTime };
    });
    if (rows.length === 0) return;
    await tx.query(
      `insert into ${table('monthly')} (customer_id, period, occurred_at, position, recorded_at, sales, credit_due, credit_paid_on_time)
       select c, pe, o, p, r, s, du, pd from jsonb_to_recordset($1::jsonb)
         as x(c text, pe text, o timestamptz, p bigint, r timestamptz, s text, du text, pd text)`,
      [JSON.stringify(rows)],
    );
  },
};
