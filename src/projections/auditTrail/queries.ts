import { z } from 'zod';
import { complaintStreamId } from '../../domain/complaint/index.js';
import { creditRequestStreamId, customerCreditStreamId } from '../../domain/credit/index.js';
import { customerStreamId } from '../../domain/customer/index.js';
import { customerFiguresStreamId, gradingPeriodStreamId, gradingPolicyStreamId } from '../../domain/grading/index.js';
import type { Period } from '../../domain/shared/index.js';
import type { EventMetadata } from '../../store/eventStore.js';
import type { EventRow } from '../../store/sql/rows.js';
import { createEventRegistry } from '../../store/registry.js';
import { allEventTypes } from '../../domain/eventTypes.js';
import { type At, type Page, type PageRequest, type ReadDeps, decodeCursor, pageLimit, timePoint, toPage } from '../shared/query.js';

/** One entry of the audit trail: who (actor), when (both times), what (type, data: the change) and why (reason). */
export type AuditEntry = {
  position: number;
  streamId: string;
  version: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: EventMetadata['actor'];
  reason: string | null;
  data: unknown;
};

/** The streams whose events make up each subject's trail. */
export const auditSubjects = {
  customer: (id: string) => [customerStreamId(id), customerFiguresStreamId(id), customerCreditStreamId(id)],
  creditRequest: (id: string) => [creditRequestStreamId(id)],
  complaint: (id: string) => [complaintStreamId(id)],
  gradeSummary: (period: Period) => [gradingPeriodStreamId(period)],
  policy: () => [gradingPolicyStreamId],
} as const;

const Position = z.tuple([z.number().int().nonnegative()]);
const registry = createEventRegistry(allEventTypes);

type Row = Omit<EventRow, 'id' | 'hash' | 'tx_id'>;

/**
 * Every event of the given streams recorded by knownAt and effective by asOf, in log
 * order — read straight from the events table by its `(stream_id, version)` index:
 * the trail is the log itself, nothing is projected.
 */
export const auditTrail = async (deps: ReadDeps, streamIds: readonly string[], at: At = {}, page: PageRequest = {}): Promise<Page<AuditEntry>> => {
  // The trail hides nothing recorded unless an effective-time cut is asked for explicitly.
  const point = { ...timePoint(at), ...(at.asOf === undefined ? { asOf: 'infinity' } : {}) };
  const limit = pageLimit(page);
  const after = decodeCursor(page.cursor, Position)?.[0] ?? 0;
  const { rows } = await deps.db.query<Row>(
    `select position, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at from ${deps.schema}.events
      where stream_id = any($1::text[]) and position > $2
        and occurred_at <= $3::timestamptz and recorded_at <= coalesce($4::timestamptz, 'infinity')
      order by position
      limit $5`,
    [streamIds, after, point.asOf, point.knownAt, limit + 1],
  );
  const items = rows.map(
    (r): AuditEntry => ({
      position: Number(r.position),
      streamId: r.stream_id,
      version: Number(r.version),
      type: r.type,
      occurredAt: new Date(r.occurred_at).toISOString(),
      recordedAt: new Date(r.recorded_at).toISOString(),
      actor: r.metadata.actor,
      reason: r.metadata.reason ?? null,
      data: registry.upcast(r.type, Number(r.schema_version), r.data).data,
    }),
  );
  return toPage(await deps.keyring.reveal(items), limit, (e) => [e.position]);
};
