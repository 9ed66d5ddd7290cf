import { existsSync, readFileSync } from 'node:fs';
import { customerStreamId } from '../../domain/customer/index.js';
import { customerCreditStreamId } from '../../domain/credit/index.js';
import { customerFiguresStreamId, gradingPeriodStreamId, gradingPolicyStreamId } from '../../domain/grading/index.js';
import type { Period } from '../../domain/shared/index.js';
import { customerArchive, gradeSummary, type ReadDeps } from '../../projections/index.js';
import {
  eachLeaf,
  type EvidenceSubject,
  evidenceEventsSql,
  listCheckpoints,
  MerkleTree,
  publicKeyFile,
  readLogLeaves,
} from '../../store/checkpoints/index.js';

export type EvidenceAsk = ({ customerId: string } | { period: Period }) & { asOf?: string | undefined; knownAt?: string | undefined };

/** The files of a bundle, by name: what `evidence --to DIR` writes and the API zips. */
export type EvidenceBundle = { files: Record<string, string>; events: number; checkpointSize: number; notCovered: number };

export class EvidenceRefused extends Error {
  override readonly name = 'EvidenceRefused';
  constructor(
    readonly code: 'NoCheckpoint' | 'LogNotConsistent' | 'NotFound',
    message: string,
  ) {
    super(message);
  }
}

const verifier = () => readFileSync(new URL('../../../evidence/verify.mjs', import.meta.url), 'utf8');

const subjectOf = (ask: EvidenceAsk): { subject: EvidenceSubject; name: string } =>
  'customerId' in ask
    ? {
        name: `customer ${ask.customerId}`,
        subject: {
          streamIds: [customerStreamId(ask.customerId), customerFiguresStreamId(ask.customerId), customerCreditStreamId(ask.customerId)],
          dataMatches: [{ key: 'customerId', value: ask.customerId }],
        },
      }
    : {
        name: `period ${ask.period}`,
        subject: {
          streamIds: [gradingPeriodStreamId(ask.period), gradingPolicyStreamId],
          dataMatches: [{ key: 'period', value: ask.period, types: ['MonthlyFiguresRecorded'] }],
        },
      };

/** Where in the sorted positions a position stands: its leaf index. */
const indexOf = (positions: readonly number[], position: number): number => {
  let [lo, hi] = [0, positions.length - 1];
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (positions[mid]! === position) return mid;
    if (positions[mid]! < position) lo = mid + 1;
    else hi = mid - 1;
  }
  throw new Error(`position ${position} is not in the log`);
};

const readme = (name: string, size: number) => `Evidence bundle: ${name}, proven against the signed checkpoint of the log's first ${size} events.

  node verify.mjs --public-key <the signer's public key, as published>     (Node 18+, nothing to install)

checkpoint.json   the signed checkpoint (Ed25519 over size, Merkle root, time) and its consistency proof
public-key.pem    the key that signed it, as the ledger knows it: compare it with the one published
events.ndjson     the events concerned, each with the exact text its SHA-256 hash was computed over
proofs.json       for each event, its place in the log and its RFC 9162 inclusion proof
report.json       the report as the product rendered it at (asOf, knownAt), with the log position
verify.mjs        checks all of the above and prints what it checked
`;

/**
 * An evidence bundle for an auditor: the events concerning a customer (or a period's
 * grade summary) as stored, each proven to be in the log at the latest signed
 * checkpoint in `checkpointDir`, with that checkpoint, its public key, the report as
 * rendered at (asOf, knownAt) and a standalone verifier. Known-at defaults to the record
 * time of the checkpoint's last event, so that the report is what the proven log says.
 */
export const buildEvidenceBundle = async (deps: ReadDeps & { checkpointDir: string }, ask: EvidenceAsk): Promise<EvidenceBundle> => {
  const latest = listCheckpoints(deps.checkpointDir).at(-1);
  if (!latest || !existsSync(publicKeyFile(deps.checkpointDir))) {
    throw new EvidenceRefused('NoCheckpoint', `no signed checkpoint in ${deps.checkpointDir}: run customer-ledger checkpoint first`);
  }
  const size = latest.checkpoint.size;
  const log = await readLogLeaves(deps.db, deps.schema);
  const tree = new MerkleTree(eachLeaf(log.leaves.subarray(0, size * 32)));
  if (tree.size < size || tree.root().toString('hex') !== latest.checkpoint.root) {
    throw new EvidenceRefused('LogNotConsistent', `the log does not extend the checkpoint of ${size} events: run verify --checkpoints`);
  }
  const { subject, name } = subjectOf(ask);
  const upTo = log.positions[size - 1] ?? 0;
  const lastSigned = await deps.db.query<{ recorded_at: Date | string }>(`select recorded_at from ${deps.schema}.events where position = $1`, [upTo]);
  const knownAt = ask.knownAt ?? (lastSigned.rows[0] ? new Date(lastSigned.rows[0].recorded_at).toISOString() : new Date(0).toISOString());
  const asOf = ask.asOf ?? knownAt;
  const at = { asOf, knownAt };

  const report = 'customerId' in ask ? await customerArchive(deps, ask.customerId, at) : await gradeSummary(deps, ask.period, at);
  if (report === null) throw new EvidenceRefused('NotFound', `no ${name} as of ${asOf}, known at ${knownAt}`);
  const { rows: head } = await deps.db.query<{ p: string | number | null }>(
    `select max(position) as p from ${deps.schema}.events where recorded_at <= $1`,
    [knownAt],
  );
  const logPosition = Number(head[0]?.p ?? 0);
  const events = await evidenceEventsSql(deps.db, deps.schema, subject, upTo);
  const { rows: later } = await deps.db.query<{ n: number }>(
    `select count(*)::int as n from ${deps.schema}.events e where position > $1 and recorded_at <= $2 and stream_id = any($3::text[])`,
    [upTo, knownAt, subject.streamIds],
  );
  const proofs = events.map((e) => {
    const leafIndex = indexOf(log.positions, e.position);
    return { position: e.position, leafIndex, path: tree.inclusionProof(leafIndex, size).map((h) => h.toString('hex')) };
  });
  const kind = 'customerId' in ask ? 'customer archive (客户档案表)' : 'grade summary (客户等级管理汇总表)';
  return {
    events: events.length,
    checkpointSize: size,
    notCovered: Number(later[0]?.n ?? 0),
    files: {
      'README.txt': readme(name, size),
      'checkpoint.json': `${JSON.stringify(latest, null, 2)}\n`,
      'public-key.pem': readFileSync(publicKeyFile(deps.checkpointDir), 'utf8'),
      'events.ndjson': events.map((e) => JSON.stringify(e)).join('\n') + '\n',
      'proofs.json': `${JSON.stringify({ treeSize: size, root: latest.checkpoint.root, proofs }, null, 1)}\n`,
      'report.json': `${JSON.stringify({ kind, subject: name, asOf, knownAt, logPosition, report }, null, 2)}\n`,
      'verify.mjs': verifier(),
    },
  };
};
