import type { Migration } from './migration.js';

/**
 * Group commit. Appends serialise on the append lock (002), so concurrent writers
 * would each wait for the previous one's commit and fsync. Instead the store sends
 * the appends that queue up while one is in flight as one batch: one transaction, one
 * fsync. Each append runs in its own subtransaction, so a refused one (a version
 * conflict, a reused event id) is answered alone and the others still commit.
 */
export const appendBatch: Migration = {
  version: 3,
  name: 'append batch function',
  up: (s) => `
    create function ${s}.append_batch(p_batch jsonb)
    returns table (batch_index integer, error_code text, error_detail text,
                   "position" bigint, id uuid, stream_id text, version integer, type text, schema_version integer,
                   data jsonb, metadata jsonb, occurred_at timestamptz, recorded_at timestamptz, tx_id text, hash text)
    language plpgsql as $$
    declare
      a jsonb; i integer := 0;
    begin
      for a in select * from jsonb_array_elements(p_batch) loop
        begin
          return query
            select i, null::text, null::text, e.position, e.id, e.stream_id, e.version, e.type, e.schema_version,
                   e.data, e.metadata, e.occurred_at, e.recorded_at, e.tx_id::text, e.hash
              from ${s}.append_events(a->'writes', a->'metadata') e;
        exception when sqlstate 'CL001' or sqlstate 'CL002' then
          batch_index := i;
          error_code := sqlstate;
          get stacked diagnostics error_detail = pg_exception_detail;
          return next;
        end;
        i := i + 1;
      end loop;
    end $$;
  `,
};
