import type { Migration } from './migration.js';

/**
 * Crypto-shredding (see src/domain/personalData.ts). `pii_keys` holds each data
 * subject's keys apart from the events, each encrypted with the master key; a subject
 * has at most one live key. Erasing destroys the key's material (the row stays, naming
 * the subject and when, so reads answer 已删除 and backups can carry the erasure).
 *
 * The trigger destroys the subject's keys in the same transaction (and subtransaction of
 * a group commit) as the erasure event that records who erased what and why, so an
 * erasure is never recorded without taking effect, nor the other way round.
 */
export const personalData: Migration = {
  version: 6,
  name: 'personal data keys',
  up: (s) => `
    create table ${s}.pii_keys (
      key_id      uuid primary key,
      subject     text not null,
      wrapped_key bytea,
      created_at  timestamptz not null default now(),
      erased_at   timestamptz,
      check ((wrapped_key is null) = (erased_at is not null))
    );
    create unique index pii_keys_live on ${s}.pii_keys (subject) where wrapped_key is not null;
    create index pii_keys_subject on ${s}.pii_keys (subject);

    create function ${s}.erase_subject_keys() returns trigger language plpgsql as $$
    declare
      v_subject text := case new.type
        when 'ContactErased' then 'contact:' || (new.data->>'contactId')
        when 'LegalRepresentativeErased' then 'legalRepresentative:' || (new.data->>'customerId')
      end;
    begin
      update ${s}.pii_keys set wrapped_key = null, erased_at = new.recorded_at
       where subject = v_subject and wrapped_key is not null;
      return new;
    end $$;
    -- Re-seals the hash chains of the given streams from their first event (the one-time
    -- sealing of events stored before this migration rewrites their data; see
    -- src/store/pii/sealStored.ts). Called with the append-only trigger disabled.
    create function ${s}.rechain_streams(p_streams text[]) returns integer language plpgsql as $$
    declare r record; v_prev text; v_stream text; v_n integer := 0;
    begin
      for r in select * from ${s}.events where stream_id = any(p_streams) order by stream_id, version loop
        if v_stream is distinct from r.stream_id then v_prev := null; v_stream := r.stream_id; end if;
        -- Instants to the millisecond, as migration 004 requires of every write (the digest reads them so).
        update ${s}.events set prev_hash = v_prev,
               occurred_at = date_trunc('milliseconds', occurred_at), recorded_at = date_trunc('milliseconds', recorded_at),
               hash = ${s}.digest(v_prev, r.id, r.stream_id, r.version, r.type, r.schema_version, r.data, r.metadata, r.occurred_at, r.recorded_at)
         where position = r.position returning hash into v_prev;
        v_n := v_n + 1;
      end loop;
      update ${s}.streams s set last_hash = (select e.hash from ${s}.events e where e.stream_id = s.stream_id order by e.version desc limit 1)
       where s.stream_id = any(p_streams);
      return v_n;
    end $$;

    create trigger events_erase_subject after insert on ${s}.events
      for each row when (new.type in ('ContactErased', 'LegalRepresentativeErased'))
      execute function ${s}.erase_subject_keys();
  `,
};
