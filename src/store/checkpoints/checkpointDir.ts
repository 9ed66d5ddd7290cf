import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SignedCheckpoint } from '../../domain/ledger/index.js';

/**
 * CHECKPOINT_DIR: meant to be on another machine, like backups (安全防范). It holds
 * - `public-key.pem`, the key that signs;
 * - `checkpoint-<size>.json` per checkpoint: what was signed, and the consistency proof
 *   from the checkpoint before it;
 * - `leaves-<size>.bin`: the leaves added since that checkpoint (each event's 32-byte
 *   hash, in log order). With them `verify --checkpoints` names the first event whose
 *   leaf changed; they are themselves checked against the signed roots.
 */
export const CheckpointFile = z.object({
  checkpoint: SignedCheckpoint,
  previous: z.object({ size: z.number().int().min(0), root: z.string() }).nullable(),
  /** RFC 9162 PROOF(previous.size, D[size]), hex. */
  consistency: z.array(z.string()),
});
export type CheckpointFile = z.infer<typeof CheckpointFile>;

export const leafBytes = 32;
const padded = (size: number) => String(size).padStart(12, '0');
const namePattern = /^checkpoint-(\d{12})\.json$/;

export class CheckpointDirProblem extends Error {
  override readonly name = 'CheckpointDirProblem';
}

const writeAtomically = (file: string, data: string | Uint8Array) => {
  writeFileSync(`${file}.tmp`, data);
  renameSync(`${file}.tmp`, file);
};

export const publicKeyFile = (dir: string) => join(dir, 'public-key.pem');

/** Every checkpoint in the directory, smallest first. */
export const listCheckpoints = (dir: string): CheckpointFile[] => {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => namePattern.test(f))
    .sort()
    .map((f) => {
      const parsed = CheckpointFile.safeParse((() => {
        try {
          return JSON.parse(readFileSync(join(dir, f), 'utf8'));
        } catch {
          return null;
        }
      })());
      if (!parsed.success) throw new CheckpointDirProblem(`${join(dir, f)} is not a checkpoint: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
};

/** The leaves of (previous.size, size] that each checkpoint file brought, concatenated. */
export const readLeaves = (dir: string, checkpoints: readonly CheckpointFile[]): Buffer => {
  const parts: Buffer[] = [];
  let size = 0;
  for (const c of checkpoints) {
    const from = c.previous?.size ?? 0;
    const file = join(dir, `leaves-${padded(c.checkpoint.size)}.bin`);
    if (!existsSync(file)) throw new CheckpointDirProblem(`${file} is missing`);
    const bytes = readFileSync(file);
    if (from !== size || bytes.length !== (c.checkpoint.size - from) * leafBytes) {
      throw new CheckpointDirProblem(`${file} does not hold the leaves ${from + 1}…${c.checkpoint.size} after the checkpoint of size ${size}`);
    }
    parts.push(bytes);
    size = c.checkpoint.size;
  }
  return Buffer.concat(parts);
};

export const writeCheckpoint = (dir: string, file: CheckpointFile, newLeaves: Uint8Array, publicKeyPem: string): void => {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(publicKeyFile(dir))) writeAtomically(publicKeyFile(dir), publicKeyPem);
  const size = padded(file.checkpoint.size);
  writeAtomically(join(dir, `leaves-${size}.bin`), newLeaves);
  writeAtomically(join(dir, `checkpoint-${size}.json`), `${JSON.stringify(file, null, 2)}\n`);
};
