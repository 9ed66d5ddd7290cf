import { CommanderError } from 'commander';
import { CliError, exitCodes } from './errors.js';
import { buildProgram } from './program.js';

/** What the process exits with, having printed the error as one line (a bug also gets its stack). */
const reportError = (error: unknown): number => {
  if (error instanceof CommanderError) {
    // commander printed its message already; help and version are not failures.
    return ['commander.helpDisplayed', 'commander.version'].includes(error.code) ? exitCodes.ok : exitCodes.usage;
  }
  if (error instanceof CliError) {
    console.error(`error: ${error.message}`);
    for (const line of error.details) console.error(`  ${line}`);
    return error.exitCode;
  }
  console.error(`error: internal error: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof Error && error.stack) console.error(error.stack);
  return exitCodes.internal;
};

try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error);
}
