/**
 * Exit codes a script can act on. Documented in `customer-ledger --help` and the README.
 */
export const exitCodes = {
  ok: 0,
  /** A bug: the message and stack are printed. */
  internal: 1,
  /** The command line or the environment is wrong (unknown option, bad JWT_SECRET…). */
  usage: 2,
  /** An integrity check failed: a broken hash chain, a corrupted backup segment. */
  integrity: 3,
  /** The input or the store's state refuses the command: an invalid import file, restore into a non-empty store. */
  refused: 4,
  /** The database does not answer, or the embedded store's directory is in use. */
  unavailable: 5,
  /** A file or directory named on the command line cannot be read or written (missing, no permission, a directory, disk full). */
  io: 6,
} as const;
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/**
 * An error the user can fix, printed as one line naming what is wrong (no stack).
 * `details` are printed below it, one per line (e.g. every invalid row of an import).
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

export const usageError = (message: string) => new CliError(message, exitCodes.usage);
export const refused = (message: string, details: readonly string[] = []) => new CliError(message, exitCodes.refused, details);
