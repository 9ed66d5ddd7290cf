import { fc, test as fcTest } from '@fast-check/vitest';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { backupEventLog, BackupRow, checkBackup, eventDigest, Manifest, restoreEventLog } from '../../../src/store/backup/index.js';
import { exportRowsSql } from '../../../src/store/backup/sql.js';
import { storeCases, type TestStore } from '../../support/stores.js';
import { anything, anythingTypes, backupAll, dumpEvents, dumpStreams, left, meta, right, source, tempDir, until, removeTempDirs } from './backupFixture.js';

afterAll(removeTempDirs);

const noNul = (v: unknown): boolean => !JSON.stringify(v).includes('\\u0000');

describe.each(storeCases)('backup and restore on $name', ({ open }) => {
  let from: TestStore;
  beforeAll(async () => {
    from = await open({ eventTypes: anythingTypes });
  });
  afterAll(() => from.close());

  const write = async (streams: number, eventsEach: number) => {
    for (let s = 0; s < streams; s += 1) {
      const id = `thing-${randomUUID()}`;
      for (let i = 0; i < eventsEach; i += 1) {
        right(await from.store.append(id, 'any', [anything({ s, i, 名称: `客户${i}`, amount: '125000.00', rate: 0.35 })], meta())());
      }
    }
  };

  describe('when the digest is recomputed outside the database', () => {
    fcTest.prop(
      [
        fc.jsonValue().filter(noNul),
        fc.string({ minLength: 1, unit: 'binary' }).filter((s) => s.trim() !== '' && noNul(s)),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
      ],
      { numRuns: 60 },
    )('it equals the stored hash for any data, reason and effective time', async (data, reason, occurredAt) => {
      const streamId = `thing-${randomUUID()}`;
      right(await from.store.append(streamId, 'any', [anything(data, occurredAt.toISOString()), anything({ again: data })], meta(reason))());
      const rows = await until(
        async () => (await exportRowsSql(from.db, from.schema, { txId: '0', position: 0 }, 100_000)).filter((r) => r.streamId === streamId),
        (found) => found.length === 2,
      );
      for (const row of rows) expect(eventDigest(row)).toBe(row.hash);
    });
  });

  describe('when a backup is restored into an empty store', () => {
    test('the events, chains, stream heads and positions are identical, and appends continue after them', async () => {
      await write(7, 9);
      const dir = tempDir('backup');
      const summary = await backupAll(from, dir, { segmentEvents: 40 });
      expect(summary.written.length).toBeGreaterThan(1);
      const into = await open({ eventTypes: anythingTypes });
      try {
        const restored = right(await restoreEventLog(into.db, into.schema, dir)());
        expect(restored.events).toBe(summary.totalEvents);
        expect(await dumpEvents(into.db, into.schema)).toEqual(await dumpEvents(from.db, from.schema));
        expect(await dumpStreams(into.db, into.schema)).toEqual(await dumpStreams(from.db, from.schema));
        expect(right(await into.store.verify()()).firstBroken).toBeNull();
        const next = right(await into.store.append(`thing-${randomUUID()}`, 'noStream', [anything('after')], meta())());
        expect(next.position).toBe(restored.lastPosition + 1);
        expect(left(await restoreEventLog(into.db, into.schema, dir)()).code).toBe('StoreNotEmpty');
      } finally {
        await into.close();
      }
    });
  });

  describe('who may read a backup', () => {
    test('its files are the owner’s alone (0600), and the directories it creates (0700), whatever the umask', async () => {
      await write(1, 3);
      const dir = join(tempDir('modes'), 'new');
      const previous = process.umask(0o002); // a group-writable umask, as some hosts set
      try {
        await backupAll(from, dir, { segmentEvents: 2 });
      } finally {
        process.umask(previous);
      }
      const mode = (path: string) => statSync(path).mode & 0o777;
      expect(mode(join(dir, 'manifest.json'))).toBe(0o600);
      const segments = readdirSync(join(dir, 'segments'));
      expect(segments.length).toBeGreaterThan(1);
      for (const f of segments) expect(mode(join(dir, 'segments', f)), f).toBe(0o600);
      expect(mode(dir)).toBe(0o700);
      expect(mode(join(dir, 'segments'))).toBe(0o700);
    });
  });

  describe('when a backup directory already holds a backup', () => {
    test('a second run appends new segments only, and one after a crash copies nothing twice', async () => {
      await write(2, 5);
      const dir = tempDir('incremental');
      const first = await backupAll(from, dir, { segmentEvents: 1_000 });
      const again = right(await backupEventLog(from.db, from.schema, dir, { source: source(from.schema) })());
      expect(again.written).toEqual([]);
      await write(3, 4);
      const manifestBefore = Manifest.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
      // What a crash leaves: a half-written segment, and a segment renamed into place whose manifest entry was never written.
      writeFileSync(join(dir, 'segments', `${String(manifestBefore.segments.length + 1).padStart(6, '0')}.ndjson.tmp`), '{"half":');
      writeFileSync(join(dir, 'segments', `${String(manifestBefore.segments.length + 1).padStart(6, '0')}.ndjson`), 'unlisted\n');
      const second = await backupAll(from, dir, { segmentEvents: 5 }, (removed) => expect(removed).toHaveLength(2));
      expect(second.totalEvents).toBe(first.totalEvents + 12);
      const checked = right(await checkBackup(dir)());
      expect(checked.events).toBe(second.totalEvents);
      const lines = readdirSync(join(dir, 'segments')).flatMap((f) => readFileSync(join(dir, 'segments', f), 'utf8').trim().split('\n'));
      const ids = lines.map((l) => BackupRow.parse(JSON.parse(l)).id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    test('a backup of another event log is refused', async () => {
      const dir = tempDir('foreign');
      await write(1, 2);
      right(await backupEventLog(from.db, from.schema, dir, { source: source(from.schema) })());
      const other = await open({ eventTypes: anythingTypes });
      try {
        right(await other.store.append(`thing-${randomUUID()}`, 'noStream', [anything(1)], meta())());
        expect(left(await backupEventLog(other.db, other.schema, dir, { source: source(other.schema) })()).code).toBe('ForeignBackup');
      } finally {
        await other.close();
      }
    });
  });

  describe('when a backup was altered', () => {
    const backupOf = async () => {
      await write(2, 3);
      const dir = tempDir('altered');
      await backupAll(from, dir, { segmentEvents: 4 });
      return dir;
    };

    test('a changed byte is refused naming the segment, and nothing is restored', async () => {
      const dir = await backupOf();
      const file = join(dir, 'segments', '000002.ndjson');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"version":', '"version": '));
      const into = await open({ eventTypes: anythingTypes });
      try {
        const problem = left(await restoreEventLog(into.db, into.schema, dir)());
        expect(problem).toMatchObject({ code: 'SegmentChecksumMismatch', segment: 'segments/000002.ndjson' });
        expect(await dumpEvents(into.db, into.schema)).toEqual([]);
      } finally {
        await into.close();
      }
    });

    test('an edited event with a matching checksum is refused naming the segment and line', async () => {
      const dir = await backupOf();
      const manifest = Manifest.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
      const entry = manifest.segments[0]!;
      const lines = readFileSync(join(dir, entry.file), 'utf8').split('\n');
      const row = BackupRow.parse(JSON.parse(lines[1]!));
      lines[1] = JSON.stringify({ ...row, data: '{"tampered": true}' });
      const text = lines.join('\n');
      writeFileSync(join(dir, entry.file), text);
      const { createHash } = await import('node:crypto');
      manifest.segments[0] = { ...entry, sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) };
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
      expect(left(await checkBackup(dir)())).toMatchObject({ code: 'ChainBroken', segment: entry.file, line: 2 });
    });
  });
});
