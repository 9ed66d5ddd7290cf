import type { Command } from 'commander';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Instant, Period } from '../../domain/shared/index.js';
import { checkpointDirOf, integrityFailure } from '../checkpointKeys.js';
import { CliError, exitCodes, refused, usageError } from '../errors.js';
import { parseInstant, parsePeriod } from '../options.js';
import { userPath } from '../paths.js';
import { type GlobalOptions, readConfig } from '../storeAccess.js';
import { withViews } from '../views.js';

type EvidenceOptions = { customer?: string; gradeSummary?: Period; asOf?: Instant; knownAt?: Instant; to: string; dir?: string };

/**
 * Writes an evidence bundle an auditor checks offline with `node verify.mjs`: the events
 * concerning a customer (or a period's grade summary), each proven against the latest
 * signed checkpoint. With CHECKPOINT_KEY_FILE set, a checkpoint is signed first, so the
 * bundle covers everything recorded until now.
 */
export const registerEvidence = (program: Command) =>
  program
    .command('evidence')
    .description('write an evidence bundle (events, inclusion proofs, signed checkpoint, report, verify.mjs) for a customer or a grade summary')
    .option('--customer <id>', "the customer's id: its archive and every event concerning it")
    .option('--grade-summary <YYYY-MM>', "a period's grade summary (客户等级管理汇总表) and its events", parsePeriod)
    .option('--as-of <instant>', "the report's effective time (default: its known-at)", parseInstant)
    .option('--known-at <instant>', "the report's record time (default: the signed checkpoint's last event)", parseInstant)
    .requiredOption('--to <dir>', 'an empty or new directory for the bundle')
    .option('--dir <dir>', 'where the signed checkpoints are kept (default CHECKPOINT_DIR)')
    .addHelpText('after', '\nExamples:\n  customer-ledger evidence --customer 0b6f… --to ./evidence-0b6f\n  customer-ledger evidence --grade-summary 2026-10 --known-at 2026-11-05T00:00:00+08:00 --to ./evidence-2026-10')
    .action(async (o: EvidenceOptions, command: Command) => {
      if ((o.customer === undefined) === (o.gradeSummary === undefined)) throw usageError('give exactly one of --customer ID and --grade-summary YYYY-MM');
      const to = userPath(o.to);
      if (existsSync(to) && readdirSync(to).length > 0) throw refused(`--to ${o.to}: the directory is not empty`);
      const config = readConfig();
      const dir = checkpointDirOf(config, o.dir);
      const { buildEvidenceBundle, EvidenceRefused } = await import('../../app/evidence/index.js');
      await withViews(command.optsWithGlobals<GlobalOptions>(), 'evidence', async ({ opened }) => {
        if (config.checkpointKeyFile) {
          const { signingKeyOf } = await import('../checkpointKeys.js');
          const { createCheckpointer, LogNotConsistent } = await import('../../store/checkpoints/index.js');
          const key = await signingKeyOf(config, undefined);
          await createCheckpointer({ db: opened.db, store: opened.store, schema: opened.schema, key, dir })
            .take(new Date().toISOString())
            .catch((e: unknown) => {
              throw e instanceof LogNotConsistent ? integrityFailure(`nothing signed: ${e.message}`) : e;
            });
        }
        const subject = o.customer !== undefined ? { customerId: o.customer } : { period: o.gradeSummary! };
        const bundle = await buildEvidenceBundle({ db: opened.db, schema: opened.schema, keyring: opened.keyring, checkpointDir: dir }, { ...subject, asOf: o.asOf, knownAt: o.knownAt }).catch((e: unknown) => {
          if (!(e instanceof EvidenceRefused)) throw e;
          throw new CliError(e.message, e.code === 'LogNotConsistent' ? exitCodes.integrity : exitCodes.refused);
        });
        mkdirSync(to, { recursive: true });
        for (const [name, content] of Object.entries(bundle.files)) writeFileSync(join(to, name), content);
        console.log(`wrote ${bundle.events} events with inclusion proofs against the signed checkpoint of ${bundle.checkpointSize} events to ${to}`);
        if (bundle.notCovered > 0) console.log(`note: ${bundle.notCovered} events of these streams were recorded after that checkpoint and are not in the bundle`);
        console.log(`an auditor checks it with: node ${join(to, 'verify.mjs')} --public-key <the published public key>`);
      });
    });
