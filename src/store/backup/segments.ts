import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventDigest } from './digest.js';
import { BackupRow, type Manifest, type SegmentEntry } from './format.js';
import { refuse } from './manifestFile.js';

/** A segment's rows, refused unless the file is the one the manifest describes, line for line. */
export const readSegment = (dir: string, entry: SegmentEntry): BackupRow[] => {
  const path = join(dir, entry.file);
  if (!existsSync(path)) return refuse({ code: 'SegmentMissing', message: `segment ${entry.file} is missing`, segment: entry.file });
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== entry.sha256) {
    return refuse({
      code: 'SegmentChecksumMismatch',
      message: `segment ${entry.file}: its SHA-256 ${sha256} is not the manifest's ${entry.sha256} (the file changed after the backup wrote it)`,
      segment: entry.file,
    });
  }
  const lines = bytes.toString('utf8').split('\n');
  if (lines.pop() !== '') {
    return refuse({ code: 'SegmentInvalid', message: `segment ${entry.file}: the last line is not terminated`, segment: entry.file, line: lines.length });
  }
  const rows = lines.map((text, i) => {
    const invalid = (why: string) => refuse({ code: 'SegmentInvalid', message: `segment ${entry.file} line ${i + 1}: ${why}`, segment: entry.file, line: i + 1 });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return invalid('not JSON');
    }
    const row = BackupRow.safeParse(json);
    if (!row.success) {
      const issue = row.error.issues[0];
      return invalid(`${issue?.path.join('.') || '(row)'}: ${issue?.message}`);
    }
    return row.data;
  });
  if (rows.length !== entry.events) {
    refuse({ code: 'SegmentInvalid', message: `segment ${entry.file} holds ${rows.length} events, the manifest says ${entry.events}`, segment: entry.file, line: rows.length });
  }
  const last = rows[rows.length - 1];
  if (last && (last.txId !== entry.cursor.txId || last.position !== entry.cursor.position)) {
    refuse({ code: 'SegmentInvalid', message: `segment ${entry.file} does not end where the manifest's cursor says`, segment: entry.file, line: rows.length });
  }
  return rows;
};

export type Heads = Map<string, { version: number; hash: string }>;

/**
 * Follows every stream's chain through a segment: versions 1, 2, 3…, each event linking
 * its predecessor's hash, each hash recomputed from the event's content (digest.ts).
 */
export const checkChains = (entry: SegmentEntry, rows: readonly BackupRow[], heads: Heads): void => {
  rows.forEach((row, i) => {
    const at = `segment ${entry.file} line ${i + 1}: stream ${row.streamId} version ${row.version} (position ${row.position})`;
    const broken = (why: string) => refuse({ code: 'ChainBroken', message: `${at}: ${why}`, segment: entry.file, line: i + 1 });
    const prev = heads.get(row.streamId);
    if (row.version !== (prev?.version ?? 0) + 1) broken(`follows version ${prev?.version ?? 0}`);
    if (row.prevHash !== (prev?.hash ?? null)) broken(`does not link to the hash of version ${prev?.version ?? 0}`);
    const hash = eventDigest(row);
    if (hash !== row.hash) broken(`its content does not match its hash (recomputed ${hash}, stored ${row.hash})`);
    heads.set(row.streamId, { version: row.version, hash: row.hash });
  });
};

/** Every stream ends where the manifest says, and no stream is missing or extra. */
export const checkHeads = (manifest: Manifest, heads: Heads, events: number): void => {
  if (events !== manifest.events) {
    refuse({ code: 'ManifestInvalid', message: `the segments hold ${events} events, the manifest says ${manifest.events}` });
  }
  for (const [streamId, head] of Object.entries(manifest.streams)) {
    const found = heads.get(streamId);
    if (!found || found.version !== head.version || found.hash !== head.lastHash) {
      refuse({
        code: 'StreamHeadMismatch',
        message: `stream ${streamId}: the manifest ends it at version ${head.version} (${head.lastHash}), the segments at ${found ? `version ${found.version} (${found.hash})` : 'nothing'}`,
        streamId,
      });
    }
  }
  if (heads.size !== Object.keys(manifest.streams).length) {
    const extra = [...heads.keys()].find((id) => !(id in manifest.streams)) ?? '';
    refuse({ code: 'StreamHeadMismatch', message: `stream ${extra} is in the segments but not in the manifest`, streamId: extra });
  }
};
