import { createHash } from 'node:crypto';
import type { Sql } from '../db.js';

/** An event as an evidence bundle carries it: the exact text its hash was computed over. */
export type EvidenceEvent = { position: number; prevHash: string | null; hash: string; hashed: string };

/** Which events concern a subject: whole streams, and events of other streams naming it in their data. */
export type EvidenceSubject = { streamIds: readonly string[]; dataMatches: readonly { key: string; value: string; types?: readonly string[] }[] };

/**
 * The events concerning a subject up to a position, each with the text `digest` (002)
 * hashed: the same expression, so that a verifier needs no canonical JSON of its own.
 * Each is checked here against its stored hash; a mismatch means the digest's
 * definition moved and this copy must follow it.
 */
export const evidenceEventsSql = async (sql: Sql, s: string, subject: EvidenceSubject, upToPosition: number): Promise<EvidenceEvent[]> => {
  const conditions = ['stream_id = any($2::text[])'];
  const params: unknown[] = [upToPosition, subject.streamIds];
  for (const m of subject.dataMatches) {
    params.push(m.key, m.value, m.types ?? null);
    const n = params.length;
    conditions.push(`(data->>$${n - 2} = $${n - 1} and ($${n}::text[] is null or type = any($${n}::text[])))`);
  }
  const utc = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const { rows } = await sql.query<{ position: string | number; prev_hash: string | null; hash: string; hashed: string }>(
    `select position, prev_hash, hash,
            jsonb_build_object('id', id, 'streamId', stream_id, 'version', version, 'type', type,
              'schemaVersion', schema_version, 'data', data, 'metadata', metadata,
              'occurredAt', ${utc('occurred_at')}, 'recordedAt', ${utc('recorded_at')})::text as hashed
       from ${s}.events where position <= $1 and (${conditions.join(' or ')}) order by position`,
    params,
  );
  return rows.map((r) => {
    const event = { position: Number(r.position), prevHash: r.prev_hash, hash: r.hash, hashed: r.hashed };
    const recomputed = createHash('sha256').update(`${r.prev_hash ?? ''}${r.hashed}`, 'utf8').digest('hex');
    if (recomputed !== r.hash) throw new Error(`the event at position ${event.position}: its hashed text is not what the store's digest hashed`);
    return event;
  });
};
