import type { Sql } from './db.js';

export type OperationKind = 'verify' | 'backup';

/** One run of an operator's command: whether it passed, its line, and (when it passed) the log position it reached. */
export type OperationRun = { kind: OperationKind; passed: true; summary: string; coveredPosition: number } | { kind: OperationKind; passed: false; summary: string };

export type OperationState = {
  lastRunAt: string;
  passed: boolean;
  summary: string;
  /** The last passing run: when, and the log position every event up to which it covered. */
  lastPassedAt: string | null;
  coveredPosition: number | null;
};

export type OperationStatus = { logPosition: number; verify: OperationState | null; backup: OperationState | null };

/** Replaces the command's row; a failed run keeps what the last passing one covered. */
export const recordOperationRun = async (sql: Sql, s: string, run: OperationRun): Promise<void> => {
  const covered = run.passed ? run.coveredPosition : null;
  await sql.query(
    `insert into ${s}.operation_status as o (kind, last_run_at, passed, summary, last_passed_at, covered_position)
     values ($1, now(), $2, $3, case when $2 then now() end, $4)
     on conflict (kind) do update set
       last_run_at = excluded.last_run_at, passed = excluded.passed, summary = excluded.summary,
       last_passed_at = coalesce(excluded.last_passed_at, o.last_passed_at),
       covered_position = coalesce(excluded.covered_position, o.covered_position)`,
    [run.kind, run.passed, run.summary, covered],
  );
};

type Row = { kind: OperationKind; last_run_at: Date | string; passed: boolean; summary: string; last_passed_at: Date | string | null; covered_position: string | number | null };

const iso = (t: Date | string): string => new Date(t).toISOString();

/** Each command's last run, beside the log's last position (how far a backup is behind). */
export const operationStatus = async (sql: Sql, s: string): Promise<OperationStatus> => {
  const [{ rows }, head] = await Promise.all([
    sql.query<Row>(`select kind, last_run_at, passed, summary, last_passed_at, covered_position from ${s}.operation_status`),
    sql.query<{ p: string | number | null }>(`select max(position) as p from ${s}.events`),
  ]);
  const state = (kind: OperationKind): OperationState | null => {
    const r = rows.find((x) => x.kind === kind);
    if (!r) return null;
    return {
      lastRunAt: iso(r.last_run_at),
      passed: r.passed,
      summary: r.summary,
      lastPassedAt: r.last_passed_at === null ? null : iso(r.last_passed_at),
      coveredPosition: r.covered_position === null ? null : Number(r.covered_position),
    };
  };
  return { logPosition: Number(head.rows[0]?.p ?? 0), verify: state('verify'), backup: state('backup') };
};
