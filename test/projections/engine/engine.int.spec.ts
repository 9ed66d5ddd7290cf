import * as E from 'fp-ts/Either';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createProjectionEngine, type ProjectionEngine } from '../../../src/projections/engine/engine.js';
import { projectionStatus } from '../../../src/projections/engine/status.js';
import type { Projection } from '../../../src/projections/engine/projection.js';
import { allEventTypes } from '../../../src/domain/eventTypes.js';
import { storeCases, type TestStore } from '../../support/stores.js';
import { meta, noted, notedV2Types } from '../../support/testEvents.js';
import { notesProjection } from '../support/notes.js';
import { activeTables } from '../../../src/projections/shared/query.js';
import { dumpTable, openRunner, runToEnd } from '../support/runners.js';

const eventTypes = [...allEventTypes, ...notedV2Types];

describe.each(storeCases)('the projection engine on $name', ({ open }) => {
  let t: TestStore;
  const engines: ProjectionEngine[] = [];
  beforeAll(async () => {
    t = await open({ eventTypes: notedV2Types });
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.stop()));
  });
  afterAll(() => t.close());

  test('before its first start, no build stands anywhere (its tables do not exist yet)', async () => {
    const fresh = await open();
    try {
      expect(await projectionStatus(fresh.db, fresh.schema)).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  const engineOf = (projections: Projection[], pollMs = 200, retiredGraceSeconds?: number) => {
    const engine = createProjectionEngine({ db: t.db, schema: t.schema, projections, eventTypes, batchSize: 3, pollMs, leaseRetryMs: 100, retiredGraceSeconds });
    engines.push(engine);
    return engine;
  };
  const note = async (stream: string, text: string) => {
    const r = await t.store.append(stream, 'any', [noted(text)], meta)();
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
    return r.right.position;
  };
  const rows = (name: string, build = 'v1') => dumpTable(t.db, `${t.schema}.${name}_${build}_notes`, 'entity_key, valid_from, known_from');

  test('wakes at once only the views that handle an append’s event types; the others move past it when asked', async () => {
    const s = `note-${randomUUID()}`;
    const other: Projection = { ...notesProjection('idle_b'), eventTypes: ['StaffMemberRegistered'] };
    // Neither the poll nor the later wake of a view not concerned comes within the test.
    const engine = createProjectionEngine({ db: t.db, schema: t.schema, projections: [notesProjection('woken_a'), other], eventTypes, pollMs: 60_000, idleViewWakeMs: 60_000 });
    engines.push(engine);
    await engine.start();
    expect(await engine.catchUp(20_000)).toEqual({ reached: true });
    await expect.poll(() => engine.states(), { timeout: 5000 }).toEqual({ woken_a: 'idle', idle_b: 'idle' });
    const positionOf = async (name: string) => (await projectionStatus(t.db, t.schema)).find((p) => p.name === name)!.position;
    const idleAt = await positionOf('idle_b');
    await note(s, 'one');
    const last = await note(s, 'two');
    expect(await engine.waitForPosition(last, { eventTypes: ['Noted'], timeoutMs: 20_000 })).toEqual({ reached: true });
    expect(await positionOf('woken_a')).toBeGreaterThanOrEqual(last);
    expect(await positionOf('idle_b')).toBe(idleAt);
    // Waiting for every view wakes the one behind.
    expect(await engine.catchUp(20_000)).toEqual({ reached: true });
    expect(await positionOf('idle_b')).toBeGreaterThanOrEqual(last);
  });

  describe('when a handler throws', () => {
    test('stops that projection at the failing event, records why, and the others go on', async () => {
      const s = `note-${randomUUID()}`;
      const ok = notesProjection('ok_a');
      const bad = notesProjection('bad_a', { failWhen: (e) => (e.data as { text: string }).text === 'poison' });
      const engine = engineOf([ok, bad]);
      await engine.start();
      await note(s, 'one');
      await note(s, 'two');
      const poison = await note(s, 'poison');
      const last = await note(s, 'after');
      expect(await engine.waitForPosition(last, { projections: ['ok_a'], timeoutMs: 20_000 })).toEqual({ reached: true });
      const waited = await engine.waitForPosition(last, { timeoutMs: 20_000 });
      expect(waited).toMatchObject({ reached: false, lagging: [{ name: 'bad_a', state: 'failed', failedPosition: poison }] });
      const status = (await projectionStatus(t.db, t.schema)).find((s) => s.name === 'bad_a')!;
      expect(status.failure).toMatchObject({ position: poison });
      expect(status.failure!.error).toContain('cannot apply the note at');
      // Everything before the poison is applied and checkpointed: the split found the event.
      expect(status.position).toBe(poison - 1);
      expect((await rows('bad_a')).map((r) => (r as { state: { texts: string[] } }).state.texts).at(-1)).toEqual(['one', 'two']);
      // A live runner polls (every 200 ms here) and is 'working' for the moment of each poll: it settles back to idle.
      await expect.poll(() => engine.states(), { timeout: 5000 }).toMatchObject({ ok_a: 'idle', bad_a: 'failed' });
    });

    test('a runner with fixed code takes over, tries the event again and catches up', async () => {
      const s = `note-${randomUUID()}`;
      const failing = engineOf([notesProjection('fix_a', { failWhen: (e) => (e.data as { text: string }).text === 'bug' })]);
      await failing.start();
      await note(s, 'fine');
      const last = await note(s, 'bug');
      expect((await failing.waitForPosition(last, { timeoutMs: 20_000 })).reached).toBe(false);
      await failing.stop();
      const fixed = engineOf([notesProjection('fix_a')]);
      await fixed.start();
      // Until the new runner has taken over, the recorded failure still answers.
      await expect.poll(() => fixed.waitForPosition(last, { timeoutMs: 1000 }), { timeout: 20_000 }).toEqual({ reached: true });
      const full = engineOf([notesProjection('fix_b')]);
      await full.start();
      await full.waitForPosition(last, { timeoutMs: 20_000 });
      expect(await rows('fix_a')).toEqual(await rows('fix_b'));
    });
  });

  describe('when a writer waits for its own events (read-your-writes)', () => {
    test('only the projections that consume the types written are waited for', async () => {
      const s = `note-${randomUUID()}`;
      const notes = notesProjection('ryw_notes');
      // Consumes no Noted and never runs here: a wait on every projection would not end.
      const unrelated: Projection = { ...notesProjection('ryw_other'), eventTypes: ['CustomerRegistered'] };
      const running = engineOf([notes]);
      await running.start();
      const waiting = engineOf([notes, unrelated]);
      const last = await note(s, 'mine');
      expect(await waiting.waitForPosition(last, { eventTypes: ['Noted'], timeoutMs: 20_000 })).toEqual({ reached: true });
      expect(await waiting.waitForPosition(last, { timeoutMs: 300 })).toMatchObject({ reached: false, lagging: [{ name: 'ryw_other', state: 'missing' }] });
      expect(await waiting.waitForPosition(last, { eventTypes: ['ComplaintReceived'], timeoutMs: 300 })).toEqual({ reached: true });
    });

    test('views this process runs live are waited for from their own commits: no read of their positions', async () => {
      const sent: string[] = [];
      const db = { ...t.db, query: (text: string, params?: readonly unknown[]) => (sent.push(text), t.db.query(text, params)) } as typeof t.db;
      // Neither the poll nor the notification's wake would come within the test: the wait wakes the view itself.
      const engine = createProjectionEngine({ db, schema: t.schema, projections: [notesProjection('mem_a')], eventTypes, pollMs: 60_000 });
      engines.push(engine);
      await engine.start();
      expect(await engine.catchUp(20_000)).toEqual({ reached: true });
      for (const text of ['one', 'two']) {
        const p = await note(`note-${randomUUID()}`, text);
        sent.length = 0;
        expect(await engine.waitForPosition(p, { eventTypes: ['Noted'], timeoutMs: 20_000 })).toEqual({ reached: true });
        expect(sent.filter((q) => q.includes('projection_builds b'))).toEqual([]);
        const status = (await projectionStatus(t.db, t.schema)).find((v) => v.name === 'mem_a')!;
        expect(status.position).toBeGreaterThanOrEqual(p);
      }
    });
  });

  test('an engine that runs no views hears the commits of another’s runners: its wait reads their positions once or twice, not every poll', async () => {
    // A view that takes 300 ms per batch: polled every 25 ms, a wait would read the positions about 12 times.
    const slow = notesProjection('heard_a');
    const worker = engineOf([{ ...slow, applyBatch: async (c, events) => (await new Promise((r) => setTimeout(r, 300)), slow.applyBatch(c, events)) }], 60_000);
    await worker.start();
    const sent: string[] = [];
    const db = { ...t.db, query: (text: string, params?: readonly unknown[]) => (sent.push(text), t.db.query(text, params)) } as typeof t.db;
    const api = createProjectionEngine({ db, schema: t.schema, projections: [slow], eventTypes });
    engines.push(api);
    // The first wait starts the listen (in the background, polling meanwhile).
    expect(await api.waitForPosition(await note(`note-${randomUUID()}`, 'first'), { timeoutMs: 20_000 })).toEqual({ reached: true });
    for (const text of ['one', 'two', 'three']) {
      const p = await note(`note-${randomUUID()}`, text);
      sent.length = 0;
      expect(await api.waitForPosition(p, { timeoutMs: 20_000 })).toEqual({ reached: true });
      expect(sent.filter((q) => q.includes('projection_builds b')).length).toBeLessThanOrEqual(2);
      expect((await projectionStatus(t.db, t.schema)).find((v) => v.name === 'heard_a')!.position).toBeGreaterThanOrEqual(p);
    }
  });

  describe('when events are appended while it idles', () => {
    test('wakes on the notification, not on the poll', async () => {
      const engine = engineOf([notesProjection('wake_a')], 60_000);
      await engine.start();
      expect((await engine.catchUp(20_000)).reached).toBe(true);
      // Nobody waits (a wait wakes the view itself): only the append's notification can move it.
      const p = await note(`note-${randomUUID()}`, 'ping');
      const positionOf = async () => (await projectionStatus(t.db, t.schema)).find((v) => v.name === 'wake_a')!.position;
      await expect.poll(positionOf, { timeout: 10_000 }).toBeGreaterThanOrEqual(p);
    });

    test('waitForPosition gives up after its timeout and names who is behind', async () => {
      const engine = engineOf([notesProjection('late_a')]);
      const p = await note(`note-${randomUUID()}`, 'unseen');
      expect(await engine.waitForPosition(p, { timeoutMs: 50 })).toMatchObject({ reached: false, lagging: [{ name: 'late_a', state: 'missing' }] });
    });
  });

  describe('when the projection version is bumped', () => {
    test('builds the new tables beside the live ones, which answer until it has caught up', async () => {
      const s = `note-${randomUUID()}`;
      const v1 = engineOf([notesProjection('ver_a')]);
      await v1.start();
      let p = 0;
      for (const text of ['before', 'and', 'more']) p = await note(s, text);
      await v1.waitForPosition(p, { timeoutMs: 20_000 });
      await v1.stop();
      // The new version's runner, stepped by hand: one batch, then look around.
      const v2 = await openRunner(t.db, t.schema, notesProjection('ver_a', { version: 2 }), 1);
      expect((await v2.step()).kind).toBe('applied');
      const building = (await projectionStatus(t.db, t.schema)).filter((b) => b.name === 'ver_a');
      expect(building.map((b) => [b.build, b.state, b.active])).toEqual([
        ['v1', 'live', true],
        ['v2', 'building', false],
      ]);
      const served = await activeTables(t.db, t.schema, ['ver_a']);
      expect(served.ver_a!('notes')).toBe(`${t.schema}.ver_a_v1_notes`);
      await runToEnd(v2);
      const after = (await projectionStatus(t.db, t.schema)).filter((b) => b.name === 'ver_a');
      expect(after.map((b) => [b.build, b.state, b.active])).toEqual([
        ['v1', 'retired', false],
        ['v2', 'live', true],
      ]);
      expect((await activeTables(t.db, t.schema, ['ver_a'])).ver_a!('notes')).toBe(`${t.schema}.ver_a_v2_notes`);
      expect(await rows('ver_a', 'v2')).toEqual(await rows('ver_a', 'v1'));
      // Within the grace period a retired build is kept for queries still reading it (issue 12 §5).
      expect(await engineOf([]).dropRetired('ver_a', 3600)).toEqual([]);
      expect((await t.db.query(`select 1 from pg_tables where schemaname = $1 and tablename = 'ver_a_v1_notes'`, [t.schema])).rows).toHaveLength(1);
      expect(await engineOf([]).dropRetired('ver_a')).toEqual(['v1']);
      expect((await t.db.query(`select 1 from pg_tables where schemaname = $1 and tablename = 'ver_a_v1_notes'`, [t.schema])).rows).toHaveLength(0);
    });
  });

  describe('when a build was retired by a switch-over', () => {
    const tableExists = async (table: string) =>
      (await t.db.query(`select 1 from pg_tables where schemaname = $1 and tablename = $2`, [t.schema, table])).rows.length === 1;

    test('its runner drops the retired tables once the grace period has passed, not before', async () => {
      const s = `note-${randomUUID()}`;
      const kept = engineOf([notesProjection('prune_a')], 50, 3600);
      await kept.start();
      await kept.waitForPosition(await note(s, 'one'), { timeoutMs: 20_000 });
      await kept.rebuild('prune_a', { timeoutMs: 30_000 });
      // Polled for a while with an hour's grace: the retired build's tables stay.
      await new Promise((r) => setTimeout(r, 500));
      expect(await tableExists('prune_a_v1_notes')).toBe(true);
      await kept.stop();

      const pruning = engineOf([notesProjection('prune_a')], 50, 0);
      await pruning.start();
      await expect.poll(() => tableExists('prune_a_v1_notes'), { timeout: 20_000 }).toBe(false);
      expect((await projectionStatus(t.db, t.schema)).filter((b) => b.name === 'prune_a').map((b) => [b.build, b.state])).toEqual([['v1r1', 'live']]);
      expect(await tableExists('prune_a_v1r1_notes')).toBe(true);
    });
  });

  describe('when a rebuild is asked for', () => {
    test('reports progress and switches to the new build once it has caught up', async () => {
      const s = `note-${randomUUID()}`;
      const engine = engineOf([notesProjection('reb_a')]);
      await engine.start();
      let last = 0;
      for (const text of ['a', 'b', 'c', 'd', 'e']) last = await note(s, text);
      await engine.waitForPosition(last, { timeoutMs: 20_000 });
      const progress: number[] = [];
      await engine.rebuild('reb_a', { onProgress: (p) => progress.push(p.cursor.position), timeoutMs: 30_000 });
      expect(progress.length).toBeGreaterThan(0);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      const status = (await projectionStatus(t.db, t.schema)).filter((b) => b.name === 'reb_a' && b.active);
      expect(status.map((b) => b.build)).toEqual(['v1r1']);
      expect(await rows('reb_a', 'v1r1')).toEqual(await rows('reb_a', 'v1'));
    });
  });
});
