import type { Command } from 'commander';
import { checkpointDirOf, integrityFailure, signingKeyOf } from '../checkpointKeys.js';
import { type GlobalOptions, readConfig, withStore } from '../storeAccess.js';

/**
 * Signs a checkpoint of the whole log now: its size, its RFC 9162 Merkle root and the
 * time, with the Ed25519 key of CHECKPOINT_KEY_FILE, into CHECKPOINT_DIR and the log.
 * Refused (exit 3) when the log does not extend the directory's last checkpoint.
 */
export const registerCheckpoint = (program: Command) =>
  program
    .command('checkpoint')
    .description('sign a checkpoint of the event log (size, Merkle root, time) into CHECKPOINT_DIR and the log; exit 3 if the log does not extend the last one')
    .option('--dir <dir>', 'where signed checkpoints are kept (default CHECKPOINT_DIR)')
    .option('--key <file>', 'Ed25519 private key, PKCS#8 PEM (default CHECKPOINT_KEY_FILE)')
    .action(async (options: { dir?: string; key?: string }, command: Command) => {
      const config = readConfig();
      const dir = checkpointDirOf(config, options.dir);
      const key = await signingKeyOf(config, options.key);
      const { createCheckpointer, LogNotConsistent } = await import('../../store/checkpoints/index.js');
      await withStore(command.optsWithGlobals<GlobalOptions>(), 'checkpoint', async ({ db, store, schema }) => {
        const started = Date.now();
        try {
          const { checkpoint, previous } = await createCheckpointer({ db, store, schema, key, dir }).take(new Date().toISOString());
          console.log(`signed checkpoint of ${checkpoint.size} events: root ${checkpoint.root} at ${checkpoint.time} (key ${checkpoint.keyId.slice(0, 16)}…), in ${Date.now() - started} ms`);
          console.log(previous ? `proven to extend the checkpoint of ${previous.size} events; written to ${dir} and to the log` : `the first in ${dir}; written there and to the log`);
        } catch (e) {
          if (e instanceof LogNotConsistent) throw integrityFailure(`nothing signed: ${e.message}`);
          throw e;
        }
      });
    });
