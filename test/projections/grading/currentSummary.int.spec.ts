import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { gradingPeriodStreamId } from '../../../src/domain/grading/index.js';
import { currentSummaryReader } from '../../../src/projections/grading/currentSummary.js';
import { gradeSummary } from '../../../src/projections/grading/summary.js';
import { allProjections } from '../../../src/projections/index.js';
import { testPeriod } from '../../arbitraries/grading.js';
import { crossContextHistoryArb } from '../../arbitraries/history.js';
import { storeCases, type TestStore } from '../../support/stores.js';
import { countingSql } from '../support/countingSql.js';
import { openRunner } from '../support/runners.js';
import { appendAt, customer, projectAll } from '../support/world.js';

const [a, b] = [customer(21), customer(22)];
const period = '2026-02';

const graded = (customerId: string, score: number, grade: string, on = period) => ({
  type: 'CustomerGraded',
  data: {
    period: on, customerId, customerName: `客户${score}`, salespersonId: 'sp-1', revision: 1, changes: [],
    score, scoreSource: 'scorecard', scorecardScore: score, scorecard: [], grade, coefficient: '1.0', vip: grade === 'A',
    monthlyAverageSales: '110000.00', salesMonths: ['2026-01'], fulfilmentRate: 0.95, creditDue: '100.00', creditPaidOnTime: '95.00',
    creditLimit: '100000.00', policyVersion: 0, remarks: [],
  },
});
const prepared = { type: 'GradeSummarySignedOff', data: { period, step: 'prepared', signerId: 'u-clerk', signerName: '王丽', role: 'archiveClerk' } };

const at = (iso: string) => new Date(iso);

describe.each(storeCases)('the current grade summary on $name', ({ open }) => {
  let t: TestStore;
  const reader = () => {
    const { sent, sql } = countingSql(t.db);
    return { read: currentSummaryReader({ db: sql, schema: t.schema, keyring: t.keyring }), statements: () => sent.length };
  };
  const expectFresh = async (got: { summary: unknown; version: number }, now: Date, on = period) => {
    expect(got.summary).toEqual(await gradeSummary({ db: t.db, schema: t.schema, keyring: t.keyring }, on, { asOf: now.toISOString() }));
    expect(E.right(got.version)).toEqual(await t.store.streamVersion(gradingPeriodStreamId(on))());
  };

  beforeEach(async () => {
    t = await open();
    await appendAt(t, gradingPeriodStreamId(period), '2026-03-05T00:00:00.000Z', graded(a, 75, 'C'), graded(b, 91, 'A'));
    await projectAll(t);
  });
  afterEach(() => t.close());

  test('reads the view once, then answers from memory with the period’s version: one statement (the stamp) a read', async () => {
    const { read, statements } = reader();
    const now = at('2026-04-01T00:00:00Z');
    const first = await read(period, now);
    await expectFresh(first, now);
    expect(first).toMatchObject({ version: 2, summary: { status: 'open', rows: [{ customerId: b, grade: 'A' }, { customerId: a, grade: 'C' }] } });
    const before = statements();
    expect(await read(period, at('2026-04-02T00:00:00Z'))).toBe(first);
    expect(statements() - before).toBe(1);
  });

  test('reads again once the period’s stream moves, and again once the view has applied it', async () => {
    const { read } = reader();
    const now = at('2026-04-01T00:00:00Z');
    await read(period, now);
    await appendAt(t, gradingPeriodStreamId(period), '2026-03-06T00:00:00.000Z', prepared);
    const appended = await read(period, now);
    await expectFresh(appended, now);
    expect(appended).toMatchObject({ version: 3, summary: { status: 'open' } });
    await projectAll(t);
    const applied = await read(period, now);
    await expectFresh(applied, now);
    expect(applied).toMatchObject({ version: 3, summary: { status: 'signingOff' } });
  });

  test('reads every kept summary again after the grading view applies any event (another period’s too)', async () => {
    const { read, statements } = reader();
    const now = at('2026-04-01T00:00:00Z');
    const first = await read(period, now);
    await appendAt(t, gradingPeriodStreamId('2026-03'), '2026-04-05T00:00:00.000Z', graded(a, 80, 'B', '2026-03'));
    await projectAll(t);
    const before = statements();
    const again = await read(period, now);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(statements() - before).toBeGreaterThan(1);
  });

  test('shows a sign-off recorded ahead of its effective time from that time on', async () => {
    await appendAt(t, gradingPeriodStreamId(period), '2026-05-01T00:00:00.000Z', prepared);
    await projectAll(t);
    const { read } = reader();
    expect(await read(period, at('2026-04-30T23:59:59.999Z'))).toMatchObject({ summary: { status: 'open', signOffs: [] } });
    expect(await read(period, at('2026-05-01T00:00:00Z'))).toMatchObject({ summary: { status: 'signingOff', signOffs: [{ step: 'prepared' }] } });
  });

  test('answers an empty summary of version 0 for a period never graded, and reads it again once it is', async () => {
    const { read } = reader();
    const now = at('2026-05-01T00:00:00Z');
    expect(await read('2026-03', now)).toEqual({ version: 0, summary: { period: '2026-03', status: 'open', rows: [], signOffs: [] } });
    await appendAt(t, gradingPeriodStreamId('2026-03'), '2026-04-05T00:00:00.000Z', graded(a, 80, 'B', '2026-03'));
    await projectAll(t);
    expect(await read('2026-03', now)).toMatchObject({ version: 1, summary: { rows: [{ customerId: a, grade: 'B' }] } });
  });

  test('refuses, as not ready (the API’s 503), before the grading view is built', async () => {
    const fresh = await open();
    try {
      await expect(currentSummaryReader({ db: fresh.db, schema: fresh.schema, keyring: fresh.keyring })(period, at('2026-04-01T00:00:00Z'))).rejects.toMatchObject({ code: 'ProjectionNotReady' });
    } finally {
      await fresh.close();
    }
  });
});

type Step = { kind: 'append'; count: number } | { kind: 'project'; batches: number; size: number } | { kind: 'read'; reads: { reader: number; time: number }[] };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('append' as const), count: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('project' as const), batches: fc.integer({ min: 1, max: 4 }), size: fc.integer({ min: 1, max: 20 }) }),
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('read' as const), reads: fc.array(fc.record({ reader: fc.nat({ max: 1 }), time: fc.nat() }), { minLength: 1, maxLength: 3 }) }) },
);

describe.each(storeCases)('the current grade summary on $name, for any history', ({ open }) => {
  test('answers as reading the view at that time would, with the period’s version, whatever was appended and applied between reads, in two processes', async () => {
    const grading = allProjections.find((p) => p.name === 'grading')!;
    await fc.assert(
      fc.asyncProperty(crossContextHistoryArb, fc.array(stepArb, { minLength: 20, maxLength: 50 }), async (history, steps) => {
        const t = await open();
        try {
          let next = Math.floor(history.length / 2);
          for (const h of history.slice(0, next)) await appendAt(t, h.streamId, h.occurredAt, ...h.events);
          await projectAll(t);
          const readers = [currentSummaryReader({ db: t.db, schema: t.schema, keyring: t.keyring }), currentSummaryReader({ db: t.db, schema: t.schema, keyring: t.keyring })];
          const own = history.filter((h) => h.streamId === gradingPeriodStreamId(testPeriod));
          const times = [...[...own, ...own, ...history].flatMap((h) => [Date.parse(h.occurredAt), Date.parse(h.occurredAt) - 1]), Date.parse('2030-01-01T00:00:00Z')];
          for (const step of steps) {
            if (step.kind === 'append') {
              for (const h of history.slice(next, next + step.count)) await appendAt(t, h.streamId, h.occurredAt, ...h.events);
              next = Math.min(history.length, next + step.count);
            } else if (step.kind === 'project') {
              const runner = await openRunner(t.db, t.schema, grading, step.size);
              for (let i = 0; i < step.batches; i += 1) await runner.step();
            } else {
              const asked = step.reads.map((r) => ({ ...r, now: new Date(times[r.time % times.length]!) }));
              const got = await Promise.all(asked.map((r) => readers[r.reader]!(testPeriod, r.now)));
              for (const [i, r] of asked.entries()) {
                expect(got[i]!.summary).toEqual(await gradeSummary({ db: t.db, schema: t.schema, keyring: t.keyring }, testPeriod, { asOf: r.now.toISOString() }));
                expect(E.right(got[i]!.version)).toEqual(await t.store.streamVersion(gradingPeriodStreamId(testPeriod))());
              }
            }
          }
        } finally {
          await t.close();
        }
      }),
      { numRuns: 6 },
    );
  }, 300_000);
});
