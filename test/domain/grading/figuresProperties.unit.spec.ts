import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/Either';
import { describe, expect } from 'vitest';
import { MonthlyFiguresRecorded, type FiguresEvent, type RecordMonthlyFigures, figuresDecider } from '../../../src/domain/grading/index.js';
import { normalizeMoney, toFen } from '../../../src/domain/shared/index.js';
import { actor, figuresArb } from '../../arbitraries/grading.js';

const customerId = '00000000-0000-4000-8000-000000000001';
// A few months only, so that corrections of one month happen often.
const commandArb: fc.Arbitrary<RecordMonthlyFigures> = fc
  .constantFrom('2026-07', '2026-08', '2026-09')
  .chain((p) => figuresArb(p))
  .map((f) => ({ type: 'RecordMonthlyFigures', data: { customerId, ...f }, meta: { actor: actor('c', 'archiveClerk'), at: '2026-10-10T00:00:00Z', reason: '月结' } }));

const replay = (commands: RecordMonthlyFigures[]) =>
  commands.reduce(
    (acc, c) => {
      const r = figuresDecider.decide(c, acc.state);
      return E.isLeft(r) ? acc : { events: [...acc.events, ...r.right], state: r.right.reduce(figuresDecider.evolve, acc.state) };
    },
    { events: [] as FiguresEvent[], state: figuresDecider.initialState },
  );

describe('a customer\'s monthly figures', () => {
  test.prop([fc.array(commandArb, { maxLength: 10 })], { numRuns: 150 })('hold the latest recording of each month, never paid above due', (commands) => {
    const { events, state } = replay(commands);
    for (const e of events) expect(MonthlyFiguresRecorded.parse(JSON.parse(JSON.stringify(e)))).toEqual(e);
    const latest = new Map(commands.map((c) => [c.data.period, c.data]));
    const periods = state.status === 'recorded' ? state.periods : {};
    expect(Object.keys(periods).sort()).toEqual([...latest.keys()].sort());
    for (const [p, f] of latest) {
      expect(periods[p]).toEqual({ period: p, sales: normalizeMoney(f.sales), creditDue: normalizeMoney(f.creditDue), creditPaidOnTime: normalizeMoney(f.creditPaidOnTime) });
      expect(toFen(periods[p]!.creditPaidOnTime) <= toFen(periods[p]!.creditDue)).toBe(true);
    }
  });

  test.prop([fc.array(commandArb, { maxLength: 6 })], { numRuns: 150 })('recorded again identically change nothing', (commands) => {
    const { state } = replay(commands);
    for (const c of commands.slice(-1)) expect(figuresDecider.decide(c, state)).toEqual(E.right([]));
  });
});
