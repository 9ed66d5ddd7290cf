import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { complaintStreamId } from '../../src/domain/complaint/index.js';
import { creditRequestStreamId } from '../../src/domain/credit/index.js';
import { customerStreamId } from '../../src/domain/customer/index.js';
import { gradingPeriodStreamId } from '../../src/domain/grading/index.js';
import { complaint } from '../../src/projections/complaints/queries.js';
import { creditRequest } from '../../src/projections/creditRequests/queries.js';
import { customerArchive } from '../../src/projections/customers/archive.js';
import { listViolations } from '../../src/projections/customers/violations.js';
import { createBuild, loadBuilds, nextBuildName } from '../../src/projections/engine/builds.js';
import { customerFigures } from '../../src/projections/figures/queries.js';
import { gradeSummary, policyInForce } from '../../src/projections/grading/summary.js';
import { allProjections } from '../../src/projections/index.js';
import type { StoredEvent } from '../../src/store/index.js';
import { testPeriod } from '../arbitraries/grading.js';
import { type HistoryAppend, crossContextHistoryArb, historyCustomers } from '../arbitraries/history.js';
import { storeCases, type TestStore } from '../support/stores.js';
import * as replay from './support/replay.js';
import { dumpTable, openRunner, runToEnd } from './support/runners.js';

const clerk = { actor: { id: 'u-clerk', name: '王丽', roles: ['archiveClerk' as const] }, reason: '测试' };

const appendAll = async (t: TestStore, appends: readonly HistoryAppend[]): Promise<StoredEvent[]> => {
  const stored: StoredEvent[] = [];
  for (const a of appends) {
    const r = await t.store.append(a.streamId, 'any', a.events.map((e) => ({ ...e, occurredAt: a.occurredAt })), { metadata: clerk })();
    if (E.isLeft(r)) throw new Error(`append refused: ${JSON.stringify(r.left)}`);
    stored.push(...r.right.events);
  }
  return stored;
};

/** Appends in chunks; after each, every projection runs a few batches and is killed (a new runner resumes). */
const applyIncrementally = async (t: TestStore, history: HistoryAppend[], chunks: number[], sizes: number[], steps: number[]) => {
  const stored: StoredEvent[] = [];
  let from = 0;
  for (const [i, chunk] of [...chunks, history.length].entries()) {
    stored.push(...(await appendAll(t, history.slice(from, Math.max(from, chunk)))));
    from = Math.max(from, chunk);
    for (const [j, p] of allProjections.entries()) {
      const runner = await openRunner(t.db, t.schema, p, sizes[(i + j) % sizes.length]!);
      for (let s = 0; s < steps[(i + j) % steps.length]!; s += 1) await runner.step();
    }
  }
  for (const p of allProjections) await runToEnd(await openRunner(t.db, t.schema, p, sizes[0]!));
  return stored;
};

const tablesOf = async (t: TestStore, name: string, build: string): Promise<string[]> =>
  (
    await t.db.query<{ tablename: string }>(`select tablename from pg_tables where schemaname = $1 and left(tablename, length($2)) = $2 order by 1`, [
      t.schema,
      `${name}_${build}_`,
    ])
  ).rows.map((r) => r.tablename.slice(`${name}_${build}_`.length));

const chunksArb = fc.array(fc.nat({ max: 60 }), { maxLength: 2 }).map((xs) => xs.sort((a, b) => a - b));
const sizesArb = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 });
const stepsArb = fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 4 });

describe.each(storeCases)('the read models on $name', ({ open }) => {
  test('applied incrementally, killed and resumed at random batches, equal a rebuild from zero', async () => {
    await fc.assert(
      fc.asyncProperty(crossContextHistoryArb, chunksArb, sizesArb, stepsArb, async (history, chunks, sizes, steps) => {
        const t = await open();
        try {
          await applyIncrementally(t, history, chunks, sizes, steps);
          for (const p of allProjections) {
            const build = nextBuildName(await loadBuilds(t.db, t.schema, p.name), p.version);
            await createBuild(t.db, t.schema, p, build);
            await runToEnd(await openRunner(t.db, t.schema, p, 1000));
            const first = `v${p.version}`;
            const tables = await tablesOf(t, p.name, first);
            expect(await tablesOf(t, p.name, build)).toEqual(tables);
            for (const table of tables) {
              const dump = (b: string) => dumpTable(t.db, `${t.schema}.${p.name}_${b}_${table} x`, 'x::text');
              expect(await dump(build), `${p.name} ${table}`).toEqual(await dump(first));
            }
          }
        } finally {
          await t.close();
        }
      }),
      { numRuns: 4 },
    );
  }, 300_000); // every run builds all read models twice: minutes on a busy 2-core machine

  test('answer any (asOf, knownAt) as the replay of the events cut there', async () => {
    await fc.assert(
      fc.asyncProperty(crossContextHistoryArb, chunksArb, sizesArb, stepsArb, fc.infiniteStream(fc.nat()), async (history, chunks, sizes, steps, picks) => {
        const t = await open();
        try {
          const events = await applyIncrementally(t, history, chunks, sizes, steps);
          const deps = { db: t.db, schema: t.schema, keyring: t.keyring };
          const asOfs = [...events.flatMap((e) => [Date.parse(e.occurredAt), Date.parse(e.occurredAt) - 1]), Date.parse('2030-01-01T00:00:00Z')];
          const knownAts = [...events.flatMap((e) => [Date.parse(e.recordedAt), Date.parse(e.recordedAt) - 1]), Infinity];
          const pick = <A>(xs: A[]) => xs[picks.next().value % xs.length]!;
          for (let i = 0; i < 10; i += 1) {
            const at = { asOf: pick(asOfs), knownAt: pick(knownAts) };
            const q = { asOf: new Date(at.asOf).toISOString(), ...(at.knownAt === Infinity ? {} : { knownAt: new Date(at.knownAt).toISOString() }) };
            for (const id of historyCustomers) {
              const record = replay.replayCustomer(events, customerStreamId(id), at);
              const view = await customerArchive(deps, id, q);
              if (!record || record.customer.status === 'unregistered') expect(view).toBeNull();
              else {
                const c = record.customer;
                expect(view).toMatchObject({ status: c.status, name: c.archive.name, contacts: c.contacts, violations: c.violations, evaluations: c.evaluations, version: record.version, activeSince: record.activeSince });
                expect({ grade: view!.grade, vip: view!.vip }).toEqual(replay.replayGrade(events, id, at));
                const limit = replay.replayCreditLimit(events, id, at);
                expect({ limit: view!.creditLimit, source: view!.creditLimitSource }).toEqual({ limit: limit?.limit ?? null, source: limit ? { ...limit.source, limit: limit.limit } : null });
              }
              expect(await customerFigures(deps, id, ['2026-07', '2026-08', '2026-09', '2026-10'], q)).toEqual(replay.replayFigures(events, id, at));
            }
            const period = replay.replayPeriod(events, gradingPeriodStreamId(testPeriod), at);
            const summary = await gradeSummary(deps, testPeriod, q);
            expect(summary.rows.map((r) => [r.customerId, r.score, r.grade, r.creditLimit]).sort()).toEqual(
              Object.values(period.evaluations).map((e) => [e.customerId, e.score, e.grade, e.creditLimit]).sort(),
            );
            expect(summary.signOffs.map((s) => [s.step, s.signerId])).toEqual(replay.replaySignOffs(events, gradingPeriodStreamId(testPeriod), at).map((s) => [s.step, s.signerId]));
            expect(await policyInForce(deps, q)).toEqual(replay.replayPolicy(events, at));
            expect((await listViolations(deps, {}, q, { limit: 500 })).items.map(({ recordedAt: _, ...v }) => v)).toEqual(replay.replayViolations(events, at));
            for (const streamId of new Set(events.map((e) => e.streamId))) {
              const id = streamId.slice(streamId.indexOf('-') + 1);
              if (streamId === creditRequestStreamId(id)) {
                const expected = replay.replayCreditRequest(events, streamId, at);
                const got = await creditRequest(deps, id, q);
                if (expected.state.status === 'notRequested') expect(got).toBeNull();
                else expect(got).toMatchObject({ status: expected.state.status, version: expected.version, proposedLimit: expected.state.request.proposedLimit });
              }
              if (streamId === complaintStreamId(id)) {
                const expected = replay.replayComplaint(events, streamId, at);
                const got = await complaint(deps, id, q);
                if (expected.status === 'notReceived') expect(got).toBeNull();
                else expect(got).toMatchObject(expected);
              }
            }
          }
        } finally {
          await t.close();
        }
      }),
      { numRuns: 6 },
    );
  }, 300_000); // every run builds all read models twice: minutes on a busy 2-core machine
});
