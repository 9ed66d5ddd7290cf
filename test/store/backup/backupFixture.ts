import * as E from 'fp-ts/Either';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { eventType } from '../../../src/domain/shared/index.js';
import { backupEventLog, type BackupOptions, type BackupSummary } from '../../../src/store/backup/index.js';
import type { Sql } from '../../../src/store/index.js';
import type { TestStore } from '../../support/stores.js';
import { alice } from '../../support/testEvents.js';

/** Any JSON (but NUL, which jsonb refuses): the backup must carry data it does not understand. */
export const anythingTypes = [eventType('Anything', z.json())];

export const right = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(`refused: ${JSON.stringify(e.left)}`);
  return e.right;
};
export const left = <L>(e: E.Either<L, unknown>): L => {
  if (E.isRight(e)) throw new Error('accepted what it should refuse');
  return e.left;
};

const made: string[] = [];
export const tempDir = (label: string): string => {
  const dir = mkdtempSync(join(tmpdir(), `cl-backup-${label}-`));
  made.push(dir);
  return dir;
};
/** Each spec removes the directories its tests made: `afterAll(removeTempDirs)`. */
export const removeTempDirs = (): void => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
};
export const source = (schema: string) => ({ kind: 'pglite' as const, location: 'test', schema });
export const meta = (reason = '客户来函更新') => ({ metadata: { actor: alice, reason } });
export const anything = (data: unknown, occurredAt?: string) => ({ id: randomUUID(), type: 'Anything', data, ...(occurredAt ? { occurredAt } : {}) });

/** Every column that identifies an event as written, in position order (tx_id excepted: it is the restoring transaction's). */
export const dumpEvents = async (db: Sql, schema: string) =>
  (
    await db.query(
      `select position::text, id, stream_id, version, type, schema_version, data::text, metadata::text,
              to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as occurred_at,
              to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as recorded_at, prev_hash, hash from ${schema}.events order by position`,
    )
  ).rows;

export const dumpStreams = async (db: Sql, schema: string) =>
  (await db.query(`select stream_id, version, last_hash from ${schema}.streams order by stream_id`)).rows;

/**
 * The gap-free log shows a commit once every older transaction of the server has ended;
 * other test files' transactions can hold it back a moment, so reads right after a
 * write wait for it.
 */
export const until = async <A>(read: () => Promise<A>, done: (a: A) => boolean, timeoutMs = 10_000): Promise<A> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const a = await read();
    if (done(a) || Date.now() > deadline) return a;
    await new Promise((r) => setTimeout(r, 50));
  }
};

const countEvents = async (t: TestStore) => Number((await t.db.query<{ n: number }>(`select count(*)::int as n from ${t.schema}.events`)).rows[0]!.n);

/** Backs up until the backup holds every event of the store (see `until`). */
export const backupAll = async (
  t: TestStore,
  dir: string,
  options: Omit<BackupOptions, 'source'>,
  onFirstRun?: (removedLeftovers: string[]) => void,
): Promise<BackupSummary> => {
  const total = await countEvents(t);
  let runs = 0;
  return until(
    async () => {
      const summary = right(await backupEventLog(t.db, t.schema, dir, { ...options, source: source(t.schema) })());
      if (runs++ === 0) onFirstRun?.(summary.removedLeftovers);
      return summary;
    },
    (s) => s.totalEvents === total,
  );
};
