import { CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { CliError, type ExitCode, exitCodes } from './errors.js';

/** How a failed command ends: the lines for stderr and the exit code. */
export type Failure = { lines: string[]; exitCode: ExitCode };

/** Problems of an import are listed up to this many; the rest are counted. */
export const maxDetails = 50;

const fileErrors: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  EROFS: 'the filesystem is read-only',
  ENOSPC: 'no space left on the device',
  EEXIST: 'exists already',
  EMFILE: 'too many open files',
};

// The driver's words for "no server there": refused, unknown host, timed out, bad login, no such database, starting up.
const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', '28P01', '28000', '3D000', '57P03']);

const codeOf = (error: unknown): string => {
  const e = error as { code?: unknown; errors?: unknown[] } | null;
  if (typeof e?.code === 'string') return e.code;
  // Connecting to "localhost" tries ::1 and 127.0.0.1: an AggregateError of both refusals.
  return Array.isArray(e?.errors) ? codeOf(e.errors[0]) : '';
};

const detailLines = (details: readonly string[]): string[] => {
  const shown = details.slice(0, maxDetails).map((l) => `  ${l}`);
  return details.length > maxDetails ? [...shown, `  … and ${details.length - maxDetails} more (${details.length} in all)`] : shown;
};

const firstLine = (text: string): string => text.split('\n')[0]!.trim();

/**
 * Every error a command can end with, as one line and a documented exit code. Only a
 * bug (exit 1) has a stack, and only with --debug: a user never needs one to act.
 */
export const describeFailure = (error: unknown, debug: boolean): Failure => {
  if (error instanceof CommanderError) {
    // commander printed its message already; help and version are not failures.
    return { lines: [], exitCode: ['commander.helpDisplayed', 'commander.version'].includes(error.code) ? exitCodes.ok : exitCodes.usage };
  }
  if (error instanceof CliError) return { lines: [`error: ${error.message}`, ...detailLines(error.details)], exitCode: error.exitCode };
  if (error instanceof ConfigError) return { lines: [`error: configuration: ${error.message}`], exitCode: exitCodes.usage };
  const code = codeOf(error);
  const path = (error as { path?: unknown } | null)?.path;
  if (code in fileErrors && typeof path === 'string') {
    return { lines: [`error: ${path}: ${fileErrors[code]}`], exitCode: exitCodes.io };
  }
  const message = error instanceof Error ? error.message || String(codeOf(error)) : String(error);
  if (unreachableCodes.has(code)) {
    return { lines: [`error: the database does not answer: ${firstLine(message) || code}`], exitCode: exitCodes.unavailable };
  }
  const stack = debug && error instanceof Error && error.stack ? error.stack.split('\n').slice(1) : [];
  return {
    lines: [`error: internal error: ${firstLine(message)}${debug ? '' : ' (run again with --debug for the details)'}`, ...stack],
    exitCode: exitCodes.internal,
  };
};
