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
    create trigger events_erase_subject after insert on ${s}.events
      for each row when (new.type in ('ContactErased', 'LegalRepresentativeErased'))
      execute function ${s}.erase_subject_keys();
  `,
};
