import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CliError, exitCodes } from './errors.js';

/**
 * The directory the user ran the command from. `npm run cli -- …` runs the script in the
 * package's directory and leaves the user's in INIT_CWD; a path typed on the command line
 * (an import file, --out, --to, --from) means the user's. DATA_DIR, from the environment,
 * stays the process's (`npm start` from a subdirectory still finds ./data).
 */
export const userDir = (): string => process.env.INIT_CWD || process.cwd();

export const userPath = (path: string): string => resolve(userDir(), path);

/** `--out FILE`: its directory must exist (nothing is created behind the user's back). */
export const outputPath = (option: string, path: string): string => {
  const full = userPath(path);
  const dir = dirname(full);
  if (!existsSync(dir)) throw new CliError(`${option} ${path}: the directory ${dir} does not exist`, exitCodes.io);
  if (!statSync(dir).isDirectory()) throw new CliError(`${option} ${path}: ${dir} is not a directory`, exitCodes.io);
  return full;
};

/** An input file: it must exist and be a file. */
export const inputFile = (path: string): string => {
  const full = userPath(path);
  if (!existsSync(full)) throw new CliError(`${path}: no such file (looked in ${dirname(full)})`, exitCodes.io);
  if (statSync(full).isDirectory()) throw new CliError(`${path}: is a directory, not a file`, exitCodes.io);
  return full;
};
