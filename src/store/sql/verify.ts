import type { Sql } from '../db.js';
import type { VerifyReport } from '../eventStore.js';

/**
 * Recomputes every event's hash from its stored content and its predecessor's hash,
 * and checks versions run 1, 2, 3… and each stream's head matches its last event.
 * An edited row breaks its own hash; a deleted or inserted row breaks the link or the
 * numbering after it; a deleted tail breaks the head.
 */
export const verifySql = async (sql: Sql, s: string): Promise<VerifyReport> => {
  const { rows } = await sql.query<{ stream_id: string; version: number; position: string | number; expected: string; found: string }>(
    `with chain as (
       select stream_id, version, position, hash, prev_hash,
              lag(hash) over w as expected_prev,
              row_number() over w as rn,
              ${s}.digest(prev_hash, id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at) as recomputed
         from ${s}.events window w as (partition by stream_id order by version)
     ), broken as (
       select stream_id, version, position,
              case when rn <> version then 'version ' || rn
                   when prev_hash is distinct from expected_prev then coalesce(expected_prev, '(none)')
                   else recomputed end as expected,
              case when rn <> version then 'version ' || version
                   when prev_hash is distinct from expected_prev then coalesce(prev_hash, '(none)')
                   else hash end as found
         from chain
        where rn <> version or prev_hash is distinct from expected_prev or recomputed <> hash
       union all
       select s.stream_id, s.version, coalesce(max(e.position), 0), s.last_hash, coalesce(max(e.hash) filter (where e.version = s.version), '(missing)')
         from ${s}.streams s left join ${s}.events e on e.stream_id = s.stream_id
        group by s.stream_id, s.version, s.last_hash
       having max(e.version) is distinct from s.version
           or s.last_hash is distinct from max(e.hash) filter (where e.version = s.version)
     )
     select * from broken order by position, stream_id limit 1`,
  );
  const { rows: counts } = await sql.query<{ streams: string | number; events: string | number }>(
    `select (select count(*) from ${s}.streams) as streams, (select count(*) from ${s}.events) as events`,
  );
  const b = rows[0];
  return {
    streams: Number(counts[0]?.streams ?? 0),
    events: Number(counts[0]?.events ?? 0),
    firstBroken: b
      ? { streamId: b.stream_id, version: Number(b.version), position: Number(b.position), expected: b.expected, found: b.found }
      : null,
  };
};
