import type { Migration } from './migration.js';

/**
 * Store what is hashed: an event's hash covers `occurred_at` and `recorded_at` to the
 * millisecond (the precision of the instants the API speaks), so a stored microsecond
 * was a part of the record no hash covered — changed, `verify` could not see it. Each
 * new row is truncated to the millisecond before it is stored (the append function's
 * digest already read it so: to_char's MS truncates), and a check keeps every later
 * write, an owner's UPDATE included, to milliseconds. Rows stored before keep their
 * microseconds (NOT VALID: no rewrite of the log).
 */
export const millisecondInstants: Migration = {
  version: 4,
  name: 'millisecond instants',
  up: (s) => `
    create function ${s}.events_in_milliseconds() returns trigger language plpgsql as $$
    begin
      new.occurred_at := date_trunc('milliseconds', new.occurred_at);
      new.recorded_at := date_trunc('milliseconds', new.recorded_at);
      return new;
    end $$;
    create trigger events_in_milliseconds before insert on ${s}.events
      for each row execute function ${s}.events_in_milliseconds();
    alter table ${s}.events add constraint events_instants_in_milliseconds
      check (occurred_at = date_trunc('milliseconds', occurred_at) and recorded_at = date_trunc('milliseconds', recorded_at)) not valid;
  `,
};
