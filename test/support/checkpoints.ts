import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rewritingEvents } from '../../src/store/appendOnly.js';
import type { Db } from '../../src/store/index.js';

/** A fresh Ed25519 key as `openssl genpkey -algorithm ed25519` writes it (PKCS#8 PEM), with its public half. */
export const newKeyPem = () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};

export const tempDir = (label: string) => mkdtempSync(join(tmpdir(), `cl-${label}-`));

/**
 * What the database administrator did: edit an event's data, then recompute the
 * hash chain of its stream from that event on and the stream's head, so that the
 * chains verify again. Returns the position edited.
 */
export const resealAfterEdit = async (db: Db, s: string, position: number, data: string): Promise<void> =>
  rewritingEvents(db, s, async (tx) => {
    const { rows } = await tx.query<{ stream_id: string; version: number }>(
      `update ${s}.events set data = $2::jsonb where position = $1 returning stream_id, version`,
      [position, data],
    );
    const { stream_id: streamId, version } = rows[0]!;
    const { rows: versions } = await tx.query<{ version: number }>(`select version from ${s}.events where stream_id = $1 and version >= $2 order by version`, [streamId, version]);
    for (const v of versions) {
      await tx.query(
        `update ${s}.events e set prev_hash = p.hash,
                hash = ${s}.digest(p.hash, e.id, e.stream_id, e.version, e.type, e.schema_version, e.data, e.metadata, e.occurred_at, e.recorded_at)
           from (select (select hash from ${s}.events where stream_id = $1 and version = $2 - 1) as hash) p
          where e.stream_id = $1 and e.version = $2`,
        [streamId, v.version],
      );
    }
    await tx.query(`update ${s}.streams set last_hash = (select hash from ${s}.events where stream_id = $1 order by version desc limit 1) where stream_id = $1`, [streamId]);
  });

/** Deletes the last `n` events of the log and mends the stream heads: a truncation the chains cannot see. */
export const truncateTail = async (db: Db, s: string, n: number): Promise<void> =>
  rewritingEvents(db, s, async (tx) => {
    await tx.query(`delete from ${s}.events where position in (select position from ${s}.events order by position desc limit $1)`, [n]);
    await tx.query(`delete from ${s}.streams where stream_id not in (select stream_id from ${s}.events)`);
    await tx.query(
      `update ${s}.streams st set version = h.version, last_hash = h.hash
         from (select distinct on (stream_id) stream_id, version, hash from ${s}.events order by stream_id, version desc) h
        where h.stream_id = st.stream_id`,
    );
  });
