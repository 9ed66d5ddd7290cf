import * as E from 'fp-ts/Either';
import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import {
  type ArchiveFieldsChanged,
  type CustomerEvent,
  type CustomerState,
  archiveFieldNames,
  canonicalFieldValue,
  changeRequestDecider,
  customerDecider,
  customerEventTypes,
  sameValue,
} from '../../../src/domain/customer/index.js';
import { hasRole } from '../../../src/domain/shared/index.js';
import { changeRequestStepsArb, customerStepsArb, eventsOf } from '../../arbitraries/customer.js';

const fold = (events: readonly CustomerEvent[]): CustomerState => events.reduce(customerDecider.evolve, customerDecider.initialState);
const schemaOf = (type: string) => customerEventTypes.find((t) => t.type === type)!.data;

describe('any history of commands', () => {
  test('replaying its events, after a JSON round trip, rebuilds the same state', () => {
    fc.assert(
      fc.property(customerStepsArb(), (steps) => {
        const stored = JSON.parse(JSON.stringify(eventsOf(steps))) as CustomerEvent[];
        expect(fold(stored)).toEqual(steps.at(-1)?.after ?? customerDecider.initialState);
      }),
      { numRuns: 200 },
    );
  });

  test('every event fits the schema the store checks it against, unchanged by parsing', () => {
    fc.assert(
      fc.property(customerStepsArb(), (steps) => {
        for (const event of eventsOf(steps)) {
          const parsed = schemaOf(event.type).safeParse(event.data);
          expect(parsed.error?.issues).toBeUndefined();
          expect(parsed.data).toEqual(event.data);
        }
      }),
      { numRuns: 150 },
    );
  });

  test('violations and evaluations never shrink, and never change once recorded', () => {
    fc.assert(
      fc.property(customerStepsArb(), (steps) => {
        for (const { before, after } of steps) {
          if (before.status === 'unregistered' || after.status === 'unregistered') continue;
          expect(after.violations.slice(0, before.violations.length)).toEqual(before.violations);
          expect(after.evaluations.slice(0, before.evaluations.length)).toEqual(before.evaluations);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('a change event lists exactly the fields whose value differs, each with its old and new value', () => {
    fc.assert(
      fc.property(customerStepsArb(), (steps) => {
        for (const { command, before, after, result } of steps) {
          if (command.type !== 'ChangeArchiveFields' || E.isLeft(result) || before.status === 'unregistered' || after.status === 'unregistered') continue;
          const differing = archiveFieldNames.filter(
            (f) => command.data.changes[f] !== undefined && !sameValue(before.archive[f], canonicalFieldValue(f, command.data.changes[f])),
          );
          const changes = (result.right as ArchiveFieldsChanged[]).flatMap((e) => e.data.changes);
          expect(changes.map((c) => c.field)).toEqual(differing);
          for (const c of changes) {
            expect(c.from).toEqual(before.archive[c.field] ?? null);
            expect(after.archive[c.field] ?? null).toEqual(c.to);
          }
          const moved = archiveFieldNames.filter((f) => !sameValue(before.archive[f], after.archive[f]));
          expect(moved).toEqual(differing);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('deciding is deterministic', () => {
    fc.assert(
      fc.property(customerStepsArb(15), (steps) => {
        for (const { command, before, result } of steps) expect(customerDecider.decide(command, before)).toEqual(result);
      }),
      { numRuns: 100 },
    );
  });

  test('only an allowed role changes anything, always with a reason except for an evaluation', () => {
    fc.assert(
      fc.property(customerStepsArb(), (steps) => {
        for (const { command, result } of steps) {
          if (E.isLeft(result) || result.right.length === 0) continue;
          const { actor, reason } = command.meta;
          expect(hasRole(actor, 'auditor') && actor.roles.length === 1).toBe(false);
          if (command.type === 'AddEvaluation') continue;
          expect(reason?.trim()).toBeTruthy();
          if (command.type !== 'RecordViolation' && command.type !== 'ReviewArchive' && command.type !== 'ApproveArchive') {
            expect(hasRole(actor, 'archiveClerk')).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  test('evolve is total: any order of a history’s events folds without throwing', () => {
    fc.assert(
      fc.property(
        customerStepsArb().chain((steps) => fc.shuffledSubarray(eventsOf(steps))),
        (events) => {
          expect(() => fold(events)).not.toThrow();
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('any history of change requests and direct changes', () => {
  test('an applied request changes exactly what it asked, from values that still held', () => {
    fc.assert(
      fc.property(changeRequestStepsArb(), (steps) => {
        for (const { command, before, after, result } of steps) {
          if (command.type !== 'DecideChangeRequest' || E.isLeft(result) || result.right.length === 0) continue;
          if (command.data.decision === 'reject' || before.request.status !== 'pending' || before.customer.status === 'unregistered') continue;
          const change = result.right.find((e) => e.type === 'ArchiveFieldsChanged') as ArchiveFieldsChanged;
          expect(change.data.changes).toEqual(before.request.changes);
          expect(change.data.changeRequestId).toBe(command.data.requestId);
          for (const c of change.data.changes) expect(before.customer.archive[c.field] ?? null).toEqual(c.from);
          expect(after.request.status).toBe('applied');
          expect(command.meta.actor.id).not.toBe(before.request.requestedBy.id);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('applying is refused as stale exactly when a requested field no longer holds its recorded value', () => {
    fc.assert(
      fc.property(changeRequestStepsArb(), (steps) => {
        for (const { command, before, result } of steps) {
          if (command.type !== 'DecideChangeRequest' || command.data.decision !== 'apply') continue;
          if (before.request.status !== 'pending' || before.customer.status === 'unregistered') continue;
          if (!hasRole(command.meta.actor, 'archiveClerk') || !command.meta.reason?.trim() || command.meta.actor.id === before.request.requestedBy.id) continue;
          const archive = before.customer.archive;
          const moved = before.request.changes.some((c) => !sameValue(archive[c.field], c.from));
          expect(E.isLeft(result) && result.left.code === 'ChangeRequestIsStale').toBe(moved);
          expect(E.isRight(result)).toBe(!moved);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('a request is decided at most once, and replaying the events rebuilds the same state', () => {
    fc.assert(
      fc.property(changeRequestStepsArb(), (steps) => {
        const events = eventsOf(steps);
        expect(events.filter((e) => e.type === 'ChangeRequestApplied' || e.type === 'ChangeRequestRejected').length).toBeLessThanOrEqual(1);
        const replayed = (JSON.parse(JSON.stringify(events)) as typeof events).reduce(
          changeRequestDecider.evolve,
          changeRequestDecider.initialState,
        );
        expect(replayed).toEqual(steps.at(-1)?.after);
      }),
      { numRuns: 150 },
    );
  });
});
