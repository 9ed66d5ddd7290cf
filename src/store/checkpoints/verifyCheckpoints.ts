import { existsSync, readFileSync } from 'node:fs';
import type { SignedCheckpoint } from '../../domain/ledger/index.js';
import type { Sql } from '../db.js';
import { listCheckpoints, publicKeyFile, readLeaves } from './checkpointDir.js';
import { eachLeaf, eventAtSql, firstDifference, readLogLeaves } from './logLeaves.js';
import { MerkleTree } from './merkle.js';
import { verifyConsistency } from './proofs.js';
import { readPublicKey, signatureValid } from './signing.js';

export type CheckpointProblem =
  | { code: 'NoCheckpoints'; message: string }
  | { code: 'SignatureInvalid' | 'DirectoryDamaged' | 'ConsistencyProofInvalid'; message: string; size: number }
  | { code: 'LogTruncated'; message: string; size: number; logSize: number }
  | { code: 'LogRewritten'; message: string; size: number; index: number; position: number; streamId: string; version: number; signed: string; found: string };

export type CheckpointReport = { checkpoints: number; signedSize: number; logSize: number; problem: CheckpointProblem | null };

const hex = (b: Buffer) => b.toString('hex');
const named = (c: SignedCheckpoint) => `the checkpoint of ${c.size} events signed at ${c.time}`;

/**
 * Checks the log against every signed checkpoint in `dir`: each signature (with the
 * given public key, else the directory's), each checkpoint's consistency proof from the
 * one before, the directory's leaves against the signed roots, and then the log itself:
 * RFC 9162 consistency from each signed tree to the log's tree now. A log rewritten and
 * re-sealed (data edited and hashes recomputed) fails there, located at the first event
 * whose leaf is not the one signed; a truncated one, by its size.
 */
export const verifyCheckpoints = async (sql: Sql, s: string, dir: string, publicKeyPem?: string): Promise<CheckpointReport> => {
  const files = listCheckpoints(dir);
  const last = files.at(-1)?.checkpoint;
  const report = (problem: CheckpointProblem | null, logSize = 0): CheckpointReport => ({ checkpoints: files.length, signedSize: last?.size ?? 0, logSize, problem });
  if (!last) return report({ code: 'NoCheckpoints', message: `${dir} holds no signed checkpoint` });
  const pem = publicKeyPem ?? (existsSync(publicKeyFile(dir)) ? readFileSync(publicKeyFile(dir), 'utf8') : undefined);
  if (pem === undefined) return report({ code: 'NoCheckpoints', message: `${dir} holds no public-key.pem and none was given` });
  const publicKey = readPublicKey(pem);

  const signedLeaves = readLeaves(dir, files);
  const signedTree = new MerkleTree(eachLeaf(signedLeaves));
  let before: SignedCheckpoint | null = null;
  for (const { checkpoint: c, previous, consistency } of files) {
    if (!signatureValid(publicKey, c)) return report({ code: 'SignatureInvalid', message: `${named(c)}: the signature does not verify with this public key`, size: c.size });
    if (hex(signedTree.root(c.size)) !== c.root) return report({ code: 'DirectoryDamaged', message: `${named(c)}: the leaves kept in ${dir} do not give its signed root`, size: c.size });
    const proofOk =
      previous !== null && before !== null && previous.size === before.size && previous.root === before.root
        ? verifyConsistency(before.size, c.size, Buffer.from(before.root, 'hex'), Buffer.from(c.root, 'hex'), consistency.map((h) => Buffer.from(h, 'hex')))
        : previous === null && before === null;
    if (!proofOk) return report({ code: 'ConsistencyProofInvalid', message: `${named(c)} is not proven to extend the checkpoint before it`, size: c.size });
    before = c;
  }

  const log = await readLogLeaves(sql, s);
  const logTree = new MerkleTree(eachLeaf(log.leaves));
  const logRoot = logTree.root();
  for (const { checkpoint: c } of files) {
    if (c.size > logTree.size) {
      return report({ code: 'LogTruncated', message: `the log holds ${logTree.size} events, fewer than ${named(c)}: it was truncated`, size: c.size, logSize: logTree.size }, logTree.size);
    }
    const proof = logTree.consistencyProof(c.size);
    if (verifyConsistency(c.size, logTree.size, Buffer.from(c.root, 'hex'), logRoot, proof)) continue;
    const index = firstDifference(signedLeaves, log.leaves, c.size) ?? 0;
    const position = log.positions[index]!;
    const event = await eventAtSql(sql, s, position);
    return report(
      {
        code: 'LogRewritten',
        message: `the log is not consistent with ${named(c)}: the event at position ${position} (stream ${event?.stream_id} version ${event?.version}) is not the one signed`,
        size: c.size,
        index,
        position,
        streamId: event?.stream_id ?? '',
        version: Number(event?.version ?? 0),
        signed: hex(signedLeaves.subarray(index * 32, index * 32 + 32)),
        found: hex(log.leaves.subarray(index * 32, index * 32 + 32)),
      },
      logTree.size,
    );
  }
  return report(null, logTree.size);
};
