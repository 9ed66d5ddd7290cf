import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/Either';
import { describe, expect } from 'vitest';
import {
  type PeriodEvent,
  CustomerGraded,
  GradeSummarySignedOff,
  GradeSummarySignOffsVoided,
  GradeSummaryNoteWritten,
  ScoreOverridden,
  SignOffStep,
  periodDecider,
} from '../../../src/domain/grading/index.js';
import { inputsArb, periodCommandArb, periodHistoryArb, signOffCommands, testPeriod } from '../../arbitraries/grading.js';
import { run } from './periodFixtures.js';

const schemas = { CustomerGraded, ScoreOverridden, GradeSummarySignedOff, GradeSummarySignOffsVoided, GradeSummaryNoteWritten };
const fold = (events: readonly PeriodEvent[]) => events.reduce(periodDecider.evolve, periodDecider.initialState);

/** What PostgreSQL jsonb hands back: the same data with its keys in another order. */
const reorderKeys = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(reorderKeys) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reorderKeys(x)])) : v;

describe('every reachable period', () => {
  test.prop([periodHistoryArb], { numRuns: 150 })('keeps its sign-offs in order, each by a different person, frozen exactly when approved', ({ state }) => {
    const signOffs = state.status === 'open' ? [] : state.signOffs;
    expect(signOffs.map((s) => s.step)).toEqual(SignOffStep.options.slice(0, signOffs.length));
    expect(new Set(signOffs.map((s) => s.signerId)).size).toBe(signOffs.length);
    expect(state.status === 'frozen').toBe(signOffs.length === 4);
    expect(state.status === 'open').toBe(signOffs.length === 0);
  });

  test.prop([periodHistoryArb], { numRuns: 150 })('numbers each customer\'s evaluations 1, 2, 3 …', ({ events, state }) => {
    for (const [id, e] of Object.entries(state.evaluations)) {
      expect(e.revision).toBe(events.filter((x) => x.type === 'CustomerGraded' && x.data.customerId === id).length);
    }
  });

  test.prop([periodHistoryArb], { numRuns: 150 })('has events that match their schemas and survive a JSON round trip', ({ events }) => {
    for (const e of events) {
      expect(schemas[e.type].parse(e)).toEqual(e);
      expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    }
  });

  test.prop([periodHistoryArb, fc.nat()], { numRuns: 150 })('folds to the same state in batches as event by event', ({ events, state }, at) => {
    const cut = events.length === 0 ? 0 : at % (events.length + 1);
    const batched = periodDecider.evolveAll!(periodDecider.evolveAll!(periodDecider.initialState, events.slice(0, cut)), events.slice(cut));
    expect(batched).toEqual(state);
    expect(batched).toEqual(fold(events));
  });

  test.prop([periodHistoryArb, periodCommandArb], { numRuns: 200 })('decides the same way twice (deterministic)', ({ state }, command) => {
    expect(periodDecider.decide(command, state)).toEqual(periodDecider.decide(command, state));
  });
});

describe('a grading run', () => {
  test.prop([periodHistoryArb, inputsArb(testPeriod)], { numRuns: 200 })('run again with the same inputs changes nothing (idempotent)', ({ state }, customers) => {
    const first = periodDecider.decide(run(customers), state);
    fc.pre(E.isRight(first));
    const after = (first as E.Right<PeriodEvent[]>).right.reduce(periodDecider.evolve, state);
    expect(periodDecider.decide(run(customers), after)).toEqual(E.right([]));
  });

  test.prop([periodHistoryArb, inputsArb(testPeriod)], { numRuns: 150 })('is idempotent also over events read back with their keys reordered', ({ events }, customers) => {
    const first = periodDecider.decide(run(customers), fold(events));
    fc.pre(E.isRight(first));
    const stored = [...events, ...(first as E.Right<PeriodEvent[]>).right].map((e) => reorderKeys(e) as PeriodEvent);
    expect(periodDecider.decide(run(customers), fold(stored))).toEqual(E.right([]));
  });

  test.prop([periodHistoryArb, inputsArb(testPeriod).chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length })))], { numRuns: 150 })(
    'gives the same events whatever order the customers come in',
    ({ state }, [customers, shuffled]) => {
      expect(periodDecider.decide(run(shuffled), state)).toEqual(periodDecider.decide(run(customers), state));
    },
  );
});

describe('an approved period', () => {
  const frozenArb = periodHistoryArb
    .map(({ events }) =>
      signOffCommands.reduce((past, command) => {
        const r = periodDecider.decide(command, fold(past));
        return E.isRight(r) ? [...past, ...r.right] : past;
      }, events),
    )
    .filter((events) => fold(events).status === 'frozen');

  test.prop([frozenArb, fc.array(periodCommandArb, { maxLength: 8 })], { numRuns: 150 })('never changes: every command is refused as frozen or is a no-op', (events, commands) => {
    const state = fold(events);
    for (const command of commands) {
      const r = periodDecider.decide(command, state);
      if (E.isRight(r)) expect(r.right).toEqual([]);
      else expect(r.left.code).toBe('PeriodIsFrozen');
    }
  });
});
