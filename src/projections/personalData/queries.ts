import { allEventTypes } from '../../domain/eventTypes.js';
import { erasureEventSubjects, personalFields, type SubjectId } from '../../domain/personalData.js';
import { locate } from '../../store/pii/locate.js';
import { createEventRegistry } from '../../store/registry.js';
import type { EventRow } from '../../store/sql/rows.js';
import type { AuditEntry } from '../auditTrail/queries.js';
import type { ReadDeps } from '../shared/query.js';

/** One event that holds (or erased) the subject's personal information: an audit entry with the values as read now. */
export type PersonalDataEntry = Omit<AuditEntry, 'data'> & {
  /** Each value of the subject's in the event, by its path in the data (已删除 once erased). */
  values: { path: string; value: unknown }[];
};

/** 个人信息查阅 (subject access): everything the store holds about one data subject, with its history. */
export type PersonalDataReport = {
  subject: SubjectId;
  /** When the subject's personal information was last erased; null if never. */
  erasedAt: string | null;
  entries: PersonalDataEntry[];
};

type Row = Omit<EventRow, 'id' | 'hash' | 'tx_id'>;

const registry = createEventRegistry(allEventTypes);
const erasureTypes = Object.keys(erasureEventSubjects);

/**
 * Every event sealed with one of the subject's keys (found by the key ids in the
 * sealed values: a scan of the log, acceptable for a request the law allows 15 days
 * for) and every erasure of the subject, in log order.
 */
export const personalDataOf = async (deps: ReadDeps, subject: SubjectId): Promise<PersonalDataReport> => {
  const { rows: keys } = await deps.db.query<{ key_id: string; erased_at: Date | string | null }>(
    `select key_id::text, erased_at from ${deps.schema}.pii_keys where subject = $1`,
    [subject],
  );
  const { rows } = await deps.db.query<Row>(
    `select position, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at from ${deps.schema}.events
      where ($1::text[] <> '{}' and data::text like any($1::text[])) or type = any($2::text[])
      order by position`,
    [keys.map((k) => `%${k.key_id}%`), erasureTypes],
  );
  const revealed = await deps.keyring.reveal(rows.map((r) => ({ ...r, data: registry.upcast(r.type, Number(r.schema_version), r.data).data })));
  const entries = revealed.flatMap((r): PersonalDataEntry[] => {
    const data = r.data as Record<string, unknown>;
    const erasure = erasureEventSubjects[r.type];
    const values = (personalFields[r.type] ?? [])
      .flatMap((f) => locate(data, f))
      .filter((l) => l.subject === subject)
      .map((l) => ({ path: l.at, value: l.holder[l.key] }));
    if (values.length === 0 && erasure?.(data) !== subject) return [];
    return [
      {
        position: Number(r.position),
        streamId: r.stream_id,
        version: Number(r.version),
        type: r.type,
        occurredAt: new Date(r.occurred_at).toISOString(),
        recordedAt: new Date(r.recorded_at).toISOString(),
        actor: r.metadata.actor,
        reason: r.metadata.reason ?? null,
        values,
      },
    ];
  });
  const erased = keys.map((k) => k.erased_at).filter((t) => t !== null);
  const erasedAt = erased.length === 0 ? null : new Date(Math.max(...erased.map((t) => new Date(t).getTime()))).toISOString();
  return { subject, erasedAt, entries };
};
