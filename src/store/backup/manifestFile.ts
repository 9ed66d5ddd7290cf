import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './files.js';
import { keysFile, Manifest, manifestName, segmentsDir } from './format.js';

export type BackupProblem =
  | { code: 'BackupInUse'; message: string }
  | { code: 'NotABackupDir'; message: string }
  | { code: 'ManifestInvalid'; message: string }
  | { code: 'ForeignBackup'; message: string }
  | { code: 'SegmentMissing'; message: string; segment: string }
  | { code: 'SegmentChecksumMismatch'; message: string; segment: string }
  | { code: 'SegmentInvalid'; message: string; segment: string; line: number }
  | { code: 'ChainBroken'; message: string; segment: string; line: number }
  | { code: 'StreamHeadMismatch'; message: string; streamId: string }
  | { code: 'StoreNotEmpty'; message: string };

/** Thrown inside backup and restore, turned into a Left at their boundary. */
export class BackupRefused extends Error {
  constructor(readonly problem: BackupProblem) {
    super(problem.message);
  }
}

export const refuse = (problem: BackupProblem): never => {
  throw new BackupRefused(problem);
};

/** The manifest of `dir`, or null when none was written yet. */
export const readManifest = (dir: string): Manifest | null => {
  const path = join(dir, manifestName);
  if (!existsSync(path)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return refuse({ code: 'ManifestInvalid', message: `${path} is not JSON: ${(e as Error).message}` });
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse({ code: 'ManifestInvalid', message: `${path} is not a customer-ledger backup manifest: ${issue?.path.join('.') || '(root)'}: ${issue?.message}` });
  }
  return parsed.data;
};

export const writeManifest = (dir: string, manifest: Manifest): void =>
  writeFileAtomic(join(dir, manifestName), `${JSON.stringify(manifest, null, 1)}\n`);

const ours = (name: string) => name === manifestName || name === keysFile || name === segmentsDir || name === '.backup.lock' || name.endsWith('.tmp');

/** A backup goes into a directory of its own: refuse one that holds anything else. */
export const assertBackupDir = (dir: string): void => {
  const foreign = readdirSync(dir).filter((n) => !ours(n));
  if (foreign.length > 0) {
    refuse({ code: 'NotABackupDir', message: `${dir} holds other files (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}): back up into a directory of its own` });
  }
};

/**
 * Removes what an interrupted run left: temporary files, and segments renamed into place
 * whose manifest entry was never written. Returns their names.
 */
export const removeLeftovers = (dir: string, manifest: Manifest | null): string[] => {
  const listed = new Set((manifest?.segments ?? []).map((s) => s.file));
  const removed: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.tmp'))) {
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  const segDir = join(dir, segmentsDir);
  if (existsSync(segDir)) {
    for (const name of readdirSync(segDir)) {
      const file = `${segmentsDir}/${name}`;
      if (!listed.has(file)) {
        rmSync(join(segDir, name), { force: true });
        removed.push(file);
      }
    }
  }
  return removed;
};
