import type { Migration } from './migration.js';

/**
 * What the operator's commands last found, for the people who cannot run them: the
 * console's 系统 screen and `GET /operations` read it. One row per command (`verify`,
 * `backup`), replaced by each run: when it last ran, whether it passed, its one-line
 * summary, and how far into the log its last passing run reached. Kept apart from the
 * event log on purpose: it describes the log, it is not one of its facts, and the
 * proof is the signed checkpoints, not this table.
 */
export const operationStatus: Migration = {
  version: 9,
  name: 'operation status',
  up: (s) => `
    create table ${s}.operation_status (
      kind             text primary key check (kind in ('verify', 'backup')),
      last_run_at      timestamptz not null,
      passed           boolean not null,
      summary          text not null,
      last_passed_at   timestamptz,
      covered_position bigint check (covered_position >= 0),
      check ((last_passed_at is null) = (covered_position is null))
    );
  `,
};
