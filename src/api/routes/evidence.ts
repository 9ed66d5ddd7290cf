import * as E from 'fp-ts/Either';
import { buildEvidenceBundle, EvidenceRefused } from '../../app/evidence/index.js';
import { customerNotFound } from '../../domain/customer/index.js';
import type { ReadDeps } from '../../projections/index.js';
import { IdParams, TimeTravelQuery } from '../params.js';
import { defineRoute, type Route } from '../route.js';
import { storedZip } from '../storedZip.js';
import type { AppRefusal } from '../../app/errors.js';

/** Refusals as the API answers them (409: the ledger's state does not allow a bundle now; 404: no such customer). */
const refusalOf = (e: EvidenceRefused, customerId: string): AppRefusal => {
  switch (e.code) {
    case 'NotFound':
      return customerNotFound(customerId);
    case 'NoCheckpoint':
      return { code: 'NoSignedCheckpoint', message: 'no signed checkpoint is kept yet: the operator runs customer-ledger checkpoint (or the worker with CHECKPOINT_EVERY)' };
    case 'LogNotConsistent':
      return { code: 'LogNotConsistentWithCheckpoint', message: `${e.message}; the operator runs customer-ledger verify --checkpoints` };
  }
};

/**
 * `GET /customers/{id}/evidence`: the evidence bundle of `customer-ledger evidence` as a
 * zip, for an auditor to check offline with its verify.mjs. `checkpointDir` is
 * CHECKPOINT_DIR as this process sees it (mounted read-only from where checkpoints are kept).
 */
export const evidenceRoutes = (deps: ReadDeps & { checkpointDir: string | undefined }): Route[] => [
  defineRoute({
    method: 'get',
    path: '/customers/{id}/evidence',
    summary: 'Evidence bundle of a customer for an auditor (zip), checkable offline',
    description:
      'The events concerning the customer as stored (the exact text each SHA-256 hash covers), an RFC 9162 inclusion proof ' +
      'for each against the latest signed checkpoint, that checkpoint and its Ed25519 public key, the archive as rendered at ' +
      '(`asOf`, `knownAt`; default: the record time of the checkpoint’s last event) with its log position, and `verify.mjs` ' +
      '(Node built-ins only). 409 NoSignedCheckpoint before any checkpoint; 409 LogNotConsistentWithCheckpoint when the log ' +
      'no longer extends it.',
    tags: ['customers'],
    roles: ['auditor'],
    request: { params: IdParams, query: TimeTravelQuery },
    responses: { 200: { description: 'the bundle', files: { 'application/zip': 'evidence-<id>.zip: README.txt, checkpoint.json, public-key.pem, events.ndjson, proofs.json, report.json, verify.mjs' } } },
    problems: [404, 409],
    handler: async ({ params, query, now }) => {
      const refusal: AppRefusal = { code: 'NoSignedCheckpoint', message: 'CHECKPOINT_DIR is not configured for the API: no signed checkpoint to prove against' };
      if (!deps.checkpointDir) return E.left(refusal);
      try {
        const bundle = await buildEvidenceBundle({ ...deps, checkpointDir: deps.checkpointDir }, { customerId: params.id, asOf: query.asOf, knownAt: query.knownAt });
        return E.right({ status: 200, file: { contentType: 'application/zip', filename: `evidence-${params.id}.zip`, data: storedZip(bundle.files, now) } });
      } catch (e) {
        if (e instanceof EvidenceRefused) return E.left(refusalOf(e, params.id));
        throw e;
      }
    },
  }),
];
