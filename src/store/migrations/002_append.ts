import type { Migration } from './migration.js';

/**
 * Appending happens in one server-side function, so an append is one round trip.
 *
 * Commit order: the function first takes a transaction-scoped advisory lock, held
 * until commit. Appends therefore commit one after the other, and `position` and
 * `recorded_at` (taken under the lock) both follow commit order. That makes a
 * `knownAt` cut a prefix of the global log — never a guess from the wall clocks of
 * concurrent transactions — at the price of serialising writers (see the README's
 * performance section for what it costs).
 *
 * The hash chain: each event's hash is SHA-256 over the previous event's hash and the
 * event's canonical JSON (PostgreSQL's jsonb text: keys sorted, one spelling per value).
 * `digest` is the one definition, used by append and by verify.
 */
export const append: Migration = {
  version: 2,
  name: 'append function',
  up: (s) => `
    create function ${s}.digest(
      p_prev text, p_id uuid, p_stream text, p_version integer, p_type text, p_schema_version integer,
      p_data jsonb, p_metadata jsonb, p_occurred timestamptz, p_recorded timestamptz
    ) returns text language sql stable as $$
      select encode(sha256(convert_to(coalesce(p_prev, '') || jsonb_build_object(
        'id', p_id, 'streamId', p_stream, 'version', p_version, 'type', p_type,
        'schemaVersion', p_schema_version, 'data', p_data, 'metadata', p_metadata,
        'occurredAt', to_char(p_occurred at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'recordedAt', to_char(p_recorded at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      )::text, 'UTF8')), 'hex')
    $$;

    -- p_writes: [{streamId, expectedVersion: "noStream"|"streamExists"|"any"|"<n>",
    --             events: [{id, type, schemaVersion, data, occurredAt?}]}]
    create function ${s}.append_events(p_writes jsonb, p_metadata jsonb)
    returns setof ${s}.events language plpgsql as $$
    declare
      w jsonb; e jsonb; v_current integer; v_hash text; v_expected text;
      v_now timestamptz; v_row ${s}.events; v_ids uuid[]; v_streams text[]; v_found integer; v_same integer;
    begin
      perform pg_advisory_xact_lock(hashtext('${s}.append'));

      select array_agg((x->>'id')::uuid), array_agg(w2->>'streamId') into v_ids, v_streams
        from jsonb_array_elements(p_writes) w2, jsonb_array_elements(w2->'events') x;
      select count(*), count(*) filter (where e.stream_id = r.stream_id) into v_found, v_same
        from ${s}.events e join unnest(v_ids, v_streams) r(id, stream_id) on r.id = e.id;
      if v_found > 0 then
        -- A retry of an append that committed: answer what it wrote, write nothing.
        -- The same ids on other streams are not a retry but a reused id: refused.
        if v_same = cardinality(v_ids) then
          return query select * from ${s}.events where id = any(v_ids) order by position;
          return;
        end if;
        raise exception using errcode = 'CL002', message = 'some of these event ids are already stored',
          detail = (select min(id::text) from ${s}.events where id = any(v_ids));
      end if;

      -- Record time never runs backwards, even if the system clock does; milliseconds,
      -- the precision of the instants the API speaks.
      v_now := greatest(date_trunc('milliseconds', clock_timestamp()),
                        coalesce((select recorded_at from ${s}.events order by position desc limit 1), '-infinity'));

      for w in select * from jsonb_array_elements(p_writes) loop
        select version, last_hash into v_current, v_hash from ${s}.streams where stream_id = w->>'streamId';
        v_current := coalesce(v_current, 0);
        v_expected := w->>'expectedVersion';
        if (v_expected = 'noStream' and v_current <> 0)
           or (v_expected = 'streamExists' and v_current = 0)
           or (v_expected ~ '^[0-9]+$' and v_expected::integer <> v_current) then
          raise exception using errcode = 'CL001', message = 'version conflict',
            detail = jsonb_build_object('streamId', w->>'streamId', 'expected', v_expected, 'actual', v_current)::text;
        end if;
        for e in select * from jsonb_array_elements(w->'events') loop
          v_current := v_current + 1;
          insert into ${s}.events (id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash)
          values ((e->>'id')::uuid, w->>'streamId', v_current, e->>'type', (e->>'schemaVersion')::integer, e->'data', p_metadata,
                  coalesce((e->>'occurredAt')::timestamptz, v_now), v_now, v_hash,
                  ${s}.digest(v_hash, (e->>'id')::uuid, w->>'streamId', v_current, e->>'type', (e->>'schemaVersion')::integer,
                              e->'data', p_metadata, coalesce((e->>'occurredAt')::timestamptz, v_now), v_now))
          returning * into v_row;
          v_hash := v_row.hash;
          return next v_row;
        end loop;
        insert into ${s}.streams (stream_id, version, last_hash) values (w->>'streamId', v_current, v_hash)
          on conflict (stream_id) do update set version = excluded.version, last_hash = excluded.last_hash;
      end loop;
      perform pg_notify('${s}_events', v_row.position::text);
    end $$;
  `,
};
