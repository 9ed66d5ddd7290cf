import { checkpointStreamId } from '../../domain/ledger/index.js';
import type { Db } from '../db.js';
import type { EventStore } from '../eventStore.js';
import { type CheckpointFile, listCheckpoints, readLeaves, writeCheckpoint } from './checkpointDir.js';
import { eachLeaf, firstDifference, readLogLeaves } from './logLeaves.js';
import { MerkleTree } from './merkle.js';
import { type SigningKey, signCheckpoint } from './signing.js';

/** The log no longer extends the last checkpoint in the directory: nothing is signed. */
export class LogNotConsistent extends Error {
  override readonly name = 'LogNotConsistent';
}

export const checkpointActor = { id: 'customer-ledger-checkpoint', name: 'checkpoint signer', roles: ['auditor' as const] };

export type Checkpointer = {
  /** Events in the log as last read, i.e. the size the next checkpoint would have at least. */
  readonly size: number;
  /** Reads what was appended since the last call, and signs the log's first `size` events as of `time`. */
  take(time: string): Promise<CheckpointFile>;
  /** Reads what was appended since the last call; answers how many events the log holds. */
  refresh(): Promise<number>;
};

/**
 * Signs checkpoints of one log into one directory. The tree is kept in memory and
 * grown by what each call finds appended, so a worker checkpointing every 1,000 events
 * hashes each event once. Before signing, the new tree must extend the directory's last
 * checkpoint: a log rewritten or truncated under it is refused, never blessed.
 */
export const createCheckpointer = (deps: { db: Db; store: EventStore; schema: string; key: SigningKey; dir: string }): Checkpointer => {
  const tree = new MerkleTree();
  const leaves: Buffer[] = [];
  const positions: number[] = [];
  const refresh = async () => {
    const fresh = await readLogLeaves(deps.db, deps.schema, positions.at(-1) ?? 0);
    tree.append(eachLeaf(fresh.leaves));
    leaves.push(fresh.leaves);
    for (const p of fresh.positions) positions.push(p);
    return tree.size;
  };
  const allLeaves = () => {
    const joined = Buffer.concat(leaves);
    leaves.splice(0, leaves.length, joined);
    return joined;
  };
  const checkExtends = (existing: CheckpointFile[]) => {
    const last = existing.at(-1)?.checkpoint;
    if (!last) return;
    if (last.size > tree.size) throw new LogNotConsistent(`the log holds ${tree.size} events, fewer than the ${last.size} signed at ${last.time}: it was truncated`);
    if (tree.root(last.size).toString('hex') === last.root) return;
    const at = firstDifference(readLeaves(deps.dir, existing), allLeaves(), last.size);
    throw new LogNotConsistent(
      `the log does not extend the checkpoint of ${last.size} events signed at ${last.time}` +
        (at === null ? '' : `: the event at position ${positions[at]} is not the one signed`),
    );
  };
  return {
    get size() {
      return tree.size;
    },
    refresh,
    take: async (time) => {
      await refresh();
      const existing = listCheckpoints(deps.dir);
      checkExtends(existing);
      const previous = existing.at(-1)?.checkpoint ?? null;
      const size = tree.size;
      const checkpoint = signCheckpoint(deps.key, { size, root: tree.root(size).toString('hex'), time });
      const file: CheckpointFile = {
        checkpoint,
        previous: previous ? { size: previous.size, root: previous.root } : null,
        consistency: tree.consistencyProof(previous?.size ?? 0, size).map((h) => h.toString('hex')),
      };
      writeCheckpoint(deps.dir, file, allLeaves().subarray((previous?.size ?? 0) * 32, size * 32), deps.key.publicKeyPem);
      const appended = await deps.store.append(checkpointStreamId, 'any', [{ type: 'CheckpointSigned', data: checkpoint }], {
        metadata: { actor: checkpointActor, reason: `signed checkpoint of the log's first ${size} events` },
      })();
      if (appended._tag === 'Left') throw new Error(`the checkpoint was written to ${deps.dir} but not to the log: ${appended.left.message}`);
      return file;
    },
  };
};
