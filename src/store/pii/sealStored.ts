import { allEventTypes } from '../../domain/eventTypes.js';
import { checkpointStreamId, personalDataMigrationStreamId } from '../../domain/ledger/index.js';
import { personalFields } from '../../domain/personalData.js';
import { rewritingEvents } from '../appendOnly.js';
import type { Db } from '../db.js';
import type { EventMetadata } from '../eventStore.js';
import { createEventRegistry } from '../registry.js';
import { appendSql, prepareWrites } from '../sql/append.js';
import type { Keyring } from './keyring.js';

export type SealSummary = { events: number; streams: number; alreadyDone: boolean };

export class SealRefused extends Error {}

/**
 * Migration 006's second half, which SQL alone cannot do (it needs the master key):
 * the personal fields of events stored before it are sealed in place, the hash chains
 * of their streams re-sealed from the first event, and a PersonalDataSealed event
 * records it with its reason — all in one transaction, appends waiting meanwhile.
 * Once per store: a second run finds its event and changes nothing.
 *
 * Refused once a checkpoint was signed: re-sealing changes hashes that checkpoint's
 * Merkle tree covers, so `verify --checkpoints` would (rightly) report the edit. Such a
 * store keeps its earlier events as they are (README, "Personal information").
 */
export const sealStoredEvents = (db: Db, schema: string, keyring: Keyring, metadata: EventMetadata): Promise<SealSummary> =>
  rewritingEvents(db, schema, async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext($1))`, [`${schema}.append`]);
    const done = await tx.query(`select 1 from ${schema}.events where stream_id = $1 limit 1`, [personalDataMigrationStreamId]);
    if (done.rows.length > 0) return { events: 0, streams: 0, alreadyDone: true };
    const signed = await tx.query(`select 1 from ${schema}.events where stream_id = $1 limit 1`, [checkpointStreamId]);
    if (signed.rows.length > 0) {
      throw new SealRefused('this store has signed checkpoints: re-sealing its stored events would change hashes they cover (see the README, "Personal information")');
    }
    const { rows } = await tx.query<{ position: string; stream_id: string; type: string; data: Record<string, unknown> }>(
      `select position::text, stream_id, type, data from ${schema}.events where type = any($1::text[]) order by position`,
      [Object.keys(personalFields)],
    );
    const sealed = await keyring.on(tx).sealAll(rows);
    const changed = rows.flatMap((r, i) => (JSON.stringify(sealed[i]) === JSON.stringify(r.data) ? [] : [{ position: r.position, stream: r.stream_id, data: sealed[i] }]));
    const streams = [...new Set(changed.map((c) => c.stream))];
    if (changed.length > 0) {
      await tx.query(
        `update ${schema}.events e set data = c.data,
                occurred_at = date_trunc('milliseconds', e.occurred_at), recorded_at = date_trunc('milliseconds', e.recorded_at)
           from jsonb_to_recordset($1::jsonb) as c(position bigint, data jsonb) where e.position = c.position`,
        [JSON.stringify(changed.map((c) => ({ position: c.position, data: c.data })))],
      );
      await tx.query(`select ${schema}.rechain_streams($1::text[])`, [streams]);
    }
    const prepared = prepareWrites(createEventRegistry(allEventTypes), [
      {
        streamId: personalDataMigrationStreamId,
        expectedVersion: 'noStream',
        events: [{ type: 'PersonalDataSealed', data: { migration: 6, events: changed.length, streams: streams.length } }],
      },
    ]);
    if ('code' in prepared) throw new Error(prepared.message);
    await appendSql(tx, schema, prepared, metadata);
    return { events: changed.length, streams: streams.length, alreadyDone: false };
  });
