import type { Migration } from './migration.js';

/**
 * The event log is append-only in the database itself: UPDATE, DELETE and TRUNCATE of
 * `events` are refused whoever issues them. Restore only inserts; a migration that
 * must rewrite events (and a test forging one) does so explicitly, as the table's owner,
 * by disabling this trigger inside its own transaction (`rewritingEvents` in
 * src/store/appendOnly.ts), which locks the table until it commits.
 *
 * The owner can always do that, which is why the trigger is not the proof: the signed
 * checkpoints kept on another machine are (see src/store/checkpoints). Production runs
 * the API and worker as a role granted INSERT and SELECT on the log only (`grantAppRole`).
 */
export const appendOnly: Migration = {
  version: 5,
  name: 'append-only events',
  up: (s) => `
    create function ${s}.refuse_event_rewrite() returns trigger language plpgsql as $$
    begin
      raise exception using errcode = 'CL003',
        message = format('%s on %I.%I refused: the event log is append-only', tg_op, tg_table_schema, tg_table_name),
        hint = 'events are corrected by appending a new event with its reason';
    end $$;
    create trigger events_append_only before update or delete or truncate on ${s}.events
      for each statement execute function ${s}.refuse_event_rewrite();
  `,
};
