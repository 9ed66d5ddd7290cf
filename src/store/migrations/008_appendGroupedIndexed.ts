import type { Migration } from './migration.js';

/**
 * 007's \`append_grouped\` again, with every lookup written as \`= any(array)\`. It runs
 * generic plans (planned once a session), and the generic plan of 007's stream-head
 * lookup (\`stream_id in (select … from jsonb_array_elements(…))\`) was a sequential scan
 * of \`streams\` behind a hash join: every batch read every stream head. An array
 * parameter plans as an index scan, whatever the table's size. The lookups by event id
 * join from the ids sent (an unnest, estimated at ten rows: a nested loop over the
 * unique id index); a retry that repeats an id gets each stored event once, as from 002.
 */
export const appendGroupedIndexed: Migration = {
  version: 8,
  name: 'set-based group commit: index lookups',
  up: (s) => `
    create or replace function ${s}.append_grouped(p_batch jsonb)
    returns table (batch_index integer, error_code text, error_detail text,
                   "position" bigint, id uuid, stream_id text, version integer, type text, schema_version integer,
                   data jsonb, metadata jsonb, occurred_at timestamptz, recorded_at timestamptz, tx_id text, hash text)
    -- One plan per statement for the session: custom plans were planned again on every call.
    language plpgsql set plan_cache_mode = force_generic_plan as $$
    declare
      a jsonb; w jsonb; e jsonb; i integer := -1;
      v_now timestamptz; v_heads jsonb; v_heads_before jsonb; v_current integer; v_hash text; v_expected text;
      v_conflict jsonb; v_n0 integer; v_occurred timestamptz; v_ids uuid[]; v_streams text[]; v_found integer; v_same integer;
      v_touched text[] := '{}';
      -- the events to write, one element each
      r_idx integer[] := '{}'; r_id uuid[] := '{}'; r_stream text[] := '{}'; r_version integer[] := '{}'; r_type text[] := '{}';
      r_sv integer[] := '{}'; r_data jsonb[] := '{}'; r_meta jsonb[] := '{}'; r_occurred timestamptz[] := '{}';
      r_prev text[] := '{}'; r_hash text[] := '{}';
      -- refused appends, and retries answered from the log
      f_idx integer[] := '{}'; f_code text[] := '{}'; f_detail text[] := '{}';
      q_idx integer[] := '{}'; q_id uuid[] := '{}';
      -- what the INSERT stored
      o_pos bigint[]; o_id uuid[]; o_occurred timestamptz[]; o_recorded timestamptz[];
    begin
      perform pg_advisory_xact_lock(hashtext('${s}.append'));
      -- Record time never runs backwards (see 002).
      v_now := greatest(date_trunc('milliseconds', clock_timestamp()),
                        coalesce((select l.recorded_at from ${s}.events l order by l.position desc limit 1), '-infinity'));
      select array_agg(distinct w2->>'streamId') into v_streams
        from jsonb_array_elements(p_batch) a2, jsonb_array_elements(a2->'writes') w2;
      select coalesce(jsonb_object_agg(h.stream_id, jsonb_build_array(h.version, h.last_hash)), '{}') into v_heads
        from ${s}.streams h where h.stream_id = any(v_streams);

      for a in select * from jsonb_array_elements(p_batch) loop
        i := i + 1;
        v_conflict := null;
        v_heads_before := v_heads;
        v_n0 := cardinality(r_id);
        for w in select * from jsonb_array_elements(a->'writes') loop
          v_current := coalesce((v_heads->(w->>'streamId')->>0)::integer, 0);
          v_hash := v_heads->(w->>'streamId')->>1;
          v_expected := w->>'expectedVersion';
          if (v_expected = 'noStream' and v_current <> 0)
             or (v_expected = 'streamExists' and v_current = 0)
             or (v_expected ~ '^[0-9]+$' and v_expected::integer <> v_current) then
            v_conflict := jsonb_build_object('streamId', w->>'streamId', 'expected', v_expected, 'actual', v_current);
            exit;
          end if;
          for e in select * from jsonb_array_elements(w->'events') loop
            v_current := v_current + 1;
            v_occurred := coalesce((e->>'occurredAt')::timestamptz, v_now);
            r_idx := array_append(r_idx, i); r_id := array_append(r_id, (e->>'id')::uuid); r_stream := array_append(r_stream, (w->>'streamId'));
            r_version := array_append(r_version, v_current); r_type := array_append(r_type, (e->>'type')); r_sv := array_append(r_sv, (e->>'schemaVersion')::integer);
            r_data := array_append(r_data, (e->'data')); r_meta := array_append(r_meta, (a->'metadata')); r_occurred := array_append(r_occurred, v_occurred);
            r_prev := array_append(r_prev, v_hash);
            v_hash := ${s}.digest(v_hash, (e->>'id')::uuid, w->>'streamId', v_current, e->>'type', (e->>'schemaVersion')::integer,
                                  e->'data', a->'metadata', v_occurred, v_now);
            r_hash := array_append(r_hash, v_hash);
          end loop;
          v_heads := jsonb_set(v_heads, array[w->>'streamId'], jsonb_build_array(v_current, v_hash));
          v_touched := array_append(v_touched, w->>'streamId');
        end loop;

        if v_conflict is not null then
          -- Nothing of this append is written.
          v_heads := v_heads_before;
          r_idx := r_idx[1:v_n0]; r_id := r_id[1:v_n0]; r_stream := r_stream[1:v_n0]; r_version := r_version[1:v_n0];
          r_type := r_type[1:v_n0]; r_sv := r_sv[1:v_n0]; r_data := r_data[1:v_n0]; r_meta := r_meta[1:v_n0];
          r_occurred := r_occurred[1:v_n0]; r_prev := r_prev[1:v_n0]; r_hash := r_hash[1:v_n0];
          select array_agg((x->>'id')::uuid), array_agg(w2->>'streamId') into v_ids, v_streams
            from jsonb_array_elements(a->'writes') w2, jsonb_array_elements(w2->'events') x;
          if v_ids && r_id then
            -- Ids an earlier append of this batch is writing: 003 tells a retry from a reuse.
            return query select * from ${s}.append_batch(p_batch);
            return;
          end if;
          -- Counted per id sent (an id sent twice counts twice), as 002 counts.
          select count(*), count(*) filter (where l.stream_id = r.sid) into v_found, v_same
            from unnest(v_ids, v_streams) r(rid, sid) join ${s}.events l on l.id = r.rid;
          if v_found > 0 and v_same = cardinality(v_ids) then
            q_idx := q_idx || array_fill(i, array[cardinality(v_ids)]); q_id := q_id || v_ids;
          elsif v_found > 0 then
            f_idx := array_append(f_idx, i); f_code := array_append(f_code, 'CL002'::text);
            f_detail := array_append(f_detail, (select min(l.id::text) from ${s}.events l where l.id = any(v_ids)));
          else
            f_idx := array_append(f_idx, i); f_code := array_append(f_code, 'CL001'::text); f_detail := array_append(f_detail, (v_conflict::text));
          end if;
        end if;
      end loop;

      if cardinality(r_id) > 0 then
        begin
          with stored as (
            insert into ${s}.events (id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at, prev_hash, hash)
            select u.id, u.stream, u.version, u.type, u.sv, u.data, u.meta, u.occurred, v_now, u.prev, u.hash
              from unnest(r_id, r_stream, r_version, r_type, r_sv, r_data, r_meta, r_occurred, r_prev, r_hash)
                   with ordinality u(id, stream, version, type, sv, data, meta, occurred, prev, hash, n)
             order by u.n
            returning ${s}.events.position, ${s}.events.id, ${s}.events.occurred_at, ${s}.events.recorded_at
          )
          select array_agg(t.position order by t.position), array_agg(t.id order by t.position),
                 array_agg(t.occurred_at order by t.position), array_agg(t.recorded_at order by t.position)
            into o_pos, o_id, o_occurred, o_recorded
            from stored t;
          insert into ${s}.streams (stream_id, version, last_hash)
          select h.key, (h.value->>0)::integer, h.value->>1 from jsonb_each(v_heads) h where h.key = any(v_touched)
              on conflict on constraint streams_pkey do update set version = excluded.version, last_hash = excluded.last_hash;
        exception when unique_violation then
          return query select * from ${s}.append_batch(p_batch);
          return;
        end;
        perform pg_notify('${s}_events', o_pos[cardinality(o_pos)]::text);
      end if;

      return query
        select f.idx, f.code, f.detail, null::bigint, null::uuid, null::text, null::integer, null::text, null::integer,
               null::jsonb, null::jsonb, null::timestamptz, null::timestamptz, null::text, null::text
          from unnest(f_idx, f_code, f_detail) f(idx, code, detail);
      return query
        select q.idx, null::text, null::text, l.position, l.id, l.stream_id, l.version, l.type, l.schema_version,
               l.data, l.metadata, l.occurred_at, l.recorded_at, l.tx_id::text, l.hash
          from (select distinct u.idx, u.id from unnest(q_idx, q_id) u(idx, id)) q join ${s}.events l on l.id = q.id
         order by l.position;
      return query
        select u.idx, null::text, null::text, o.pos, o.id, u.stream, u.version, u.type, u.sv,
               null::jsonb, null::jsonb, o.occurred, o.recorded, pg_current_xact_id()::text, u.hash
          from unnest(o_pos, o_id, o_occurred, o_recorded) o(pos, id, occurred, recorded)
          join unnest(r_idx, r_id, r_stream, r_version, r_type, r_sv, r_hash) u(idx, id, stream, version, type, sv, hash) on u.id = o.id
         order by o.pos;
    end $$;
  `,
};
