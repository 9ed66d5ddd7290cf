import { PGlite } from '@electric-sql/pglite';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const pgliteVersion = (JSON.parse(readFileSync(new URL('../../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }).version;
const template = join(tmpdir(), `customer-ledger-test-pglite-${pgliteVersion}`);

/** The directories the tests of a file made; each e2e file removes them in `afterAll(removeTestDirs)`. */
const made: string[] = [];
const makeDir = (label: string): string => {
  const dir = mkdtempSync(join(tmpdir(), `cl-cli-${label}-`));
  made.push(dir);
  return dir;
};
export const removeTestDirs = (): void => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
};

/**
 * An empty embedded store directory. Creating one runs initdb (tens of seconds on a busy
 * machine), so one is made once per PGlite version and copied: a copy of a cleanly
 * closed data directory is a data directory.
 */
const ensureTemplate = async (): Promise<string> => {
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  const building = mkdtempSync(join(tmpdir(), 'customer-ledger-pglite-building-'));
  const pglite = new PGlite(building);
  await pglite.waitReady;
  await pglite.close();
  try {
    renameSync(building, template);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another worker made it first
  }
  return template;
};

export const freshDataDir = async (label = 'data'): Promise<string> => {
  const source = await ensureTemplate();
  const dir = join(makeDir(label), 'data');
  cpSync(source, dir, { recursive: true });
  return dir;
};

export const scratchDir = (label: string): string => makeDir(label);
