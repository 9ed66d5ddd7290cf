import * as TE from 'fp-ts/TaskEither';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Sql } from '../db.js';
import { writeFileAtomic } from './files.js';
import { type KeysEntry, keysFile, type Manifest } from './format.js';
import { BackupRefused, type BackupProblem, readManifest, refuse, writeManifest } from './manifestFile.js';
import { takePidLock } from './pidLock.js';

/**
 * The personal-data keys' own segment (`keys.ndjson`, migration 006): each subject's keys
 * as the store holds them, still encrypted with the master key, and the erased ones
 * without their material. Unlike the event segments it is rewritten whole by every run,
 * so that a backup continued after an erasure carries it; `pruneErasedKeys` carries one
 * into a backup that is not continued.
 */
export const KeyRow = z.strictObject({
  keyId: z.uuid(),
  subject: z.string().min(1),
  wrappedKey: z.string().nullable(),
  createdAt: z.string(),
  erasedAt: z.string().nullable(),
});
export type KeyRow = z.infer<typeof KeyRow>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export const exportKeysSql = async (sql: Sql, s: string): Promise<KeyRow[]> =>
  (
    await sql.query<KeyRow>(
      `select key_id::text as "keyId", subject, encode(wrapped_key, 'base64') as "wrappedKey",
              to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "createdAt",
              to_char(erased_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "erasedAt"
         from ${s}.pii_keys order by key_id`,
    )
  ).rows;

/** Writes the keys segment (synced, renamed into place), then the manifest naming its checksum. */
export const writeKeys = (dir: string, manifest: Manifest, keys: readonly KeyRow[], at: string): KeysEntry => {
  const text = keys.map((k) => `${JSON.stringify(k)}\n`).join('');
  // Unchanged since the last run, or no keys yet: nothing to write (a run over an idle store stays cheap).
  if (manifest.keys?.sha256 === sha256(text) && existsSync(join(dir, keysFile))) return manifest.keys;
  if (keys.length === 0 && manifest.keys === undefined) return { file: keysFile, sha256: sha256(text), keys: 0, erased: 0, writtenAt: at };
  writeFileAtomic(join(dir, keysFile), text);
  const entry: KeysEntry = { file: keysFile, sha256: sha256(text), keys: keys.length, erased: keys.filter((k) => k.wrappedKey === null).length, writtenAt: at };
  manifest.keys = entry;
  writeManifest(dir, manifest);
  return entry;
};

/** The keys segment the manifest names, checked against its checksum; none for a backup from before migration 006. */
export const readKeys = (dir: string, manifest: Manifest): KeyRow[] => {
  const entry = manifest.keys;
  if (!entry) return [];
  const path = join(dir, entry.file);
  if (!existsSync(path)) refuse({ code: 'SegmentMissing', message: `${entry.file} is missing`, segment: entry.file });
  const text = readFileSync(path, 'utf8');
  if (sha256(text) !== entry.sha256) {
    refuse({ code: 'SegmentChecksumMismatch', message: `${entry.file} does not match its SHA-256 in the manifest`, segment: entry.file });
  }
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line, i) => {
      const parsed = KeyRow.safeParse(JSON.parse(line));
      if (!parsed.success) refuse({ code: 'SegmentInvalid', message: `${entry.file} line ${i + 1} is not a key`, segment: entry.file, line: i + 1 });
      return parsed.data!;
    });
};

/**
 * After a restore's events: the keys, then every erasure the restored log records
 * applied again to the keys made before it (a backup's keys segment may predate an
 * erasure its events include).
 */
export const restoreKeysSql = async (sql: Sql, s: string, keys: readonly KeyRow[]): Promise<void> => {
  // The store held no events: any key it holds was made for an append that failed.
  await sql.query(`delete from ${s}.pii_keys`);
  if (keys.length > 0) {
    await sql.query(
      `insert into ${s}.pii_keys (key_id, subject, wrapped_key, created_at, erased_at)
       select k."keyId", k.subject, decode(k."wrappedKey", 'base64'), k."createdAt", k."erasedAt"
         from jsonb_to_recordset($1::jsonb) as k("keyId" uuid, subject text, "wrappedKey" text, "createdAt" timestamptz, "erasedAt" timestamptz)`,
      [JSON.stringify(keys)],
    );
  }
  await sql.query(
    `update ${s}.pii_keys k set wrapped_key = null, erased_at = e.recorded_at
       from ${s}.events e
      where e.type in ('ContactErased', 'LegalRepresentativeErased')
        and k.subject = case e.type when 'ContactErased' then 'contact:' || (e.data->>'contactId')
                                    else 'legalRepresentative:' || (e.data->>'customerId') end
        and k.created_at <= e.recorded_at and k.wrapped_key is not null`,
  );
};

/**
 * `backup prune-erased`: removes from a backup's keys segment the material of every key
 * the store has erased since, or whose subject it has erased since the key was made.
 * Returns how many keys it pruned.
 */
const pruneIn = async (sql: Sql, s: string, dir: string, manifest: Manifest, at: string): Promise<number> => {
  const keys = readKeys(dir, manifest);
  const { rows } = await sql.query<{ subject: string; erased_at: string }>(
    `select subject, max(to_char(erased_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) as erased_at
       from ${s}.pii_keys where erased_at is not null group by subject`,
  );
  const erasedAt = new Map(rows.map((r) => [r.subject, r.erased_at]));
  let pruned = 0;
  const after = keys.map((k) => {
    const when = erasedAt.get(k.subject);
    if (k.wrappedKey === null || when === undefined || when < k.createdAt) return k;
    pruned += 1;
    return { ...k, wrappedKey: null, erasedAt: when };
  });
  if (pruned > 0) writeKeys(dir, manifest, after, at);
  return pruned;
};

export type PruneSummary = { dir: string; keys: number; pruned: number };

/** `pruneIn` under the backup directory's lock (no backup run writes it meanwhile). */
export const pruneErasedKeys = (db: Sql, schema: string, dir: string, now: () => Date = () => new Date()): TE.TaskEither<BackupProblem, PruneSummary> =>
  TE.tryCatch(
    async () => {
      const lock = takePidLock(join(dir, '.backup.lock'), 'backup prune-erased');
      if ('heldBy' in lock) return refuse({ code: 'BackupInUse', message: `${dir} is being written by another backup (process ${lock.heldBy.pid})` });
      try {
        const manifest = readManifest(dir) ?? refuse({ code: 'ManifestInvalid', message: `${dir} holds no manifest.json: it is not a backup` });
        const pruned = await pruneIn(db, schema, dir, manifest, now().toISOString());
        return { dir, keys: manifest.keys?.keys ?? 0, pruned };
      } finally {
        lock.release();
      }
    },
    (e) => {
      if (e instanceof BackupRefused) return e.problem;
      throw e;
    },
  );
