import type { Command } from 'commander';
import { CliError, exitCodes } from '../errors.js';
import { type GlobalOptions, orFail, withStore } from '../storeAccess.js';

/**
 * Recomputes every stream's hash chain (the store's verify) and names the first broken
 * link: an edited, inserted or deleted event shows as the stream, version and position
 * where the chain stops matching.
 */
export const registerVerify = (program: Command) =>
  program
    .command('verify')
    .description('check every hash chain of the event log; exit 0 when intact, 3 naming the first broken event')
    .action(async (_options: object, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      await withStore(globals, 'verify', async ({ store }) => {
        const report = await orFail(store.verify());
        const b = report.firstBroken;
        if (b) {
          throw new CliError(
            `hash chain broken at stream ${b.streamId} version ${b.version} position ${b.position}: expected ${b.expected}, found ${b.found}`,
            exitCodes.integrity,
          );
        }
        console.log(`event log intact: ${report.events} events in ${report.streams} streams, every hash chain verified`);
      });
    });
