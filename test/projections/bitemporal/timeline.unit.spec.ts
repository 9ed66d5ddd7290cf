import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type Plan, type Version, type VersionRow, entitiesToRefold, planBatch, replayAt } from '../../../src/projections/bitemporal/timeline.js';
import type { LogEvent } from '../../../src/projections/engine/projection.js';

type S = string[];
const evolve = (s: S | undefined, e: LogEvent): S => [...(s ?? []), (e.data as { t: string }).t];
const minute = (m: number) => new Date(Date.UTC(2026, 0, 1) + m * 60_000).toISOString();
const event = (position: number, occurredMinute: number, recordedMinute: number): LogEvent => ({
  position,
  streamId: 'note-1',
  version: position,
  type: 'Noted',
  data: { t: `e${position}` },
  occurredAt: minute(occurredMinute),
  recordedAt: minute(recordedMinute),
});

/** The table the SQL keeps, in memory: what a plan does to it, and the lookup a query makes. */
const applyPlan = (rows: VersionRow<S>[], plan: Plan<S>): VersionRow<S>[] => {
  let out = rows.map((r) => ({ ...r }));
  for (const s of plan.supersede) {
    const hit = (r: VersionRow<S>) => r.key === s.key && r.knownTo === null && r.validFrom >= s.from && (s.until === null || r.validFrom < s.until);
    out = out.filter((r) => !(hit(r) && r.knownFrom === s.at));
    for (const r of out) if (hit(r)) r.knownTo = s.at;
  }
  return [...out, ...plan.inserts];
};
const lookup = (rows: VersionRow<S>[], asOf: number, knownAt: number): S | undefined =>
  rows
    .filter((r) => r.validFrom <= asOf && r.knownFrom <= knownAt && (r.knownTo === null || r.knownTo > knownAt))
    .sort((a, b) => b.validFrom - a.validFrom)[0]?.state;
const latestOf = (rows: VersionRow<S>[]): Map<string, Version<S>> => {
  const current = rows.filter((r) => r.knownTo === null).sort((a, b) => b.validFrom - a.validFrom)[0];
  return new Map(current ? [['k', { validFrom: current.validFrom, state: current.state }]] : []);
};

/** Runs events through plans in batches, reading history back as the SQL does. */
const build = (events: LogEvent[], batchSizes: number[]): VersionRow<S>[] => {
  let rows: VersionRow<S>[] = [];
  for (let i = 0, b = 0; i < events.length; b += 1) {
    const batch = events.slice(i, i + batchSizes[b % batchSizes.length]!);
    i += batch.length;
    const keyed = batch.map((e) => ({ key: 'k', event: e }));
    const latest = latestOf(rows);
    const refold = entitiesToRefold(keyed, new Map([...latest].map(([k, v]) => [k, v.validFrom])));
    const upTo = batch[batch.length - 1]!.position;
    const history = new Map(refold.has('k') ? [['k', events.filter((e) => e.position <= upTo)]] : []);
    rows = applyPlan(rows, planBatch(keyed, latest, history, evolve));
  }
  return rows;
};

describe('a timeline of version rows', () => {
  test('adds one row for an event later than the latest version', () => {
    const plan = planBatch([{ key: 'k', event: event(2, 10, 10) }], new Map([['k', { validFrom: Date.parse(minute(5)), state: ['e1'] }]]), new Map(), evolve);
    expect(plan).toEqual({ supersede: [], inserts: [{ key: 'k', validFrom: Date.parse(minute(10)), knownFrom: Date.parse(minute(10)), knownTo: null, state: ['e1', 'e2'] }] });
  });

  test('supersedes the versions a backdated event changes and writes the timeline again from it', () => {
    const events = [event(1, 0, 0), event(2, 10, 10), event(3, 5, 20)];
    const rows = build(events, [1]);
    expect(rows.filter((r) => r.knownTo === null).map((r) => [r.validFrom, r.state])).toEqual([
      [Date.parse(minute(0)), ['e1']],
      [Date.parse(minute(5)), ['e1', 'e3']],
      [Date.parse(minute(10)), ['e1', 'e3', 'e2']],
    ]);
    // As known before the correction, minute 10 still shows what was recorded then.
    expect(lookup(rows, Date.parse(minute(10)), Date.parse(minute(19)))).toEqual(['e1', 'e2']);
  });

  test('answers every (asOf, knownAt) as the replay, whatever the batches', () => {
    const historyArb = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 25 })
      .map((xs) => {
        let recorded = 0;
        return xs.map(([occurred, gap], i) => event(i + 1, occurred, (recorded += gap)));
      });
    fc.assert(
      fc.property(historyArb, fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }), (events, sizes) => {
        const rows = build(events, sizes);
        for (let a = -1; a <= 31; a += 2) {
          for (let k = -1; k <= 52; k += 4) {
            const [asOf, knownAt] = [Date.parse(minute(a)), Date.parse(minute(k))];
            expect(lookup(rows, asOf, knownAt)).toEqual(replayAt(events, evolve, asOf, knownAt));
          }
        }
        // Batching never shows in the rows: one batch gives the same table.
        const sort = (rs: VersionRow<S>[]) => [...rs].sort((x, y) => x.validFrom - y.validFrom || x.knownFrom - y.knownFrom);
        expect(sort(rows)).toEqual(sort(build(events, [events.length])));
      }),
      { numRuns: 150 },
    );
  });
});
