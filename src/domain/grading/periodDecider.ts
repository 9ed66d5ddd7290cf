import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { type Decider, type Period, assertNever, comparePeriods, periodOf, requireReason, requireRole } from '../shared/index.js';
import type { OverrideScore, PeriodCommand, RunGrading, WriteGradeSummaryNote } from './commands.js';
import type { PeriodError } from './errors.js';
import type { CustomerGraded, PeriodEvent } from './events.js';
import type { CustomerGradingInput } from './inputs.js';
import type { VersionedPolicy } from './policy.js';
import { validatePolicy } from './policyValidation.js';
import { type PeriodState, evolvePeriod, evolvePeriodAll, initialPeriodState, periodPolicyVersion, signOffsOf } from './periodState.js';
import { regrade } from './regrade.js';
import { decideSignOff } from './signOff.js';
import { toHundredths } from './score.js';

const refuseIfFrozen = (state: PeriodState, period: string): E.Either<PeriodError, PeriodState> =>
  state.status === 'frozen'
    ? E.left({ code: 'PeriodIsFrozen', message: `the grade summary of ${period} is approved and frozen; corrections go to a later period` })
    : E.right(state);

const refuseIfNotBegun = (period: Period, at: string): E.Either<PeriodError, void> => {
  const now = periodOf(at);
  return comparePeriods(period, now) > 0
    ? E.left({ code: 'PeriodHasNotBegun', message: `${period} has not begun (it is ${now}): it cannot be graded yet` })
    : E.right(undefined);
};

/** A period re-runs under the version it was graded under: its summary is then reproduced exactly. */
const refuseOtherPolicy = (state: PeriodState, period: Period, policy: VersionedPolicy): E.Either<PeriodError, void> => {
  const recorded = periodPolicyVersion(state);
  return recorded === undefined || recorded === policy.version
    ? E.right(undefined)
    : E.left({
        code: 'PeriodGradedUnderAnotherPolicy',
        message: `${period} was graded under policy version ${recorded}; it is graded again under that version, not ${policy.version}`,
      });
};

/** Re-grades after sign-off began void the signatures given: they covered other figures. */
const voidingSignOffs = (state: PeriodState, period: string, graded: CustomerGraded[]): PeriodEvent[] => {
  const steps = signOffsOf(state).map((s) => s.step);
  return graded.length > 0 && steps.length > 0
    ? [{ type: 'GradeSummarySignOffsVoided', data: { period, steps, customerIds: graded.map((g) => g.data.customerId) } }]
    : [];
};

const listedTwice = (customers: readonly CustomerGradingInput[]): string | undefined => {
  const seen = new Set<string>();
  return customers.find((c) => (seen.has(c.customerId) ? true : (seen.add(c.customerId), false)))?.customerId;
};

const decideRun = (command: RunGrading, state: PeriodState): E.Either<PeriodError, PeriodEvent[]> => {
  const { period, policy, customers } = command.data;
  return pipe(
    refuseIfFrozen(state, period),
    E.flatMap(() => requireRole(command.meta.actor, ['archiveClerk', 'reviewBoard'], 'running a grading')),
    E.flatMap(() => requireReason(command.meta)),
    E.flatMap(() => refuseIfNotBegun(period, command.meta.at)),
    E.flatMap(() => refuseOtherPolicy(state, period, policy)),
    E.flatMap(() => validatePolicy(policy.policy)),
    E.flatMap((): E.Either<PeriodError, PeriodEvent[]> => {
      const twice = listedTwice(customers);
      if (twice !== undefined) return E.left({ code: 'CustomerListedTwice', message: `customer ${twice} is listed twice in one grading run` });
      // Sorted so that the same inputs give the same events in any order.
      const graded = [...customers]
        .sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0))
        .flatMap((c) => regrade(state, policy, period, c) ?? []);
      return E.right([...graded, ...voidingSignOffs(state, period, graded)]);
    }),
  );
};

const decideOverride = (command: OverrideScore, state: PeriodState): E.Either<PeriodError, PeriodEvent[]> => {
  const { period, customerId, score, policy, customer } = command.data;
  return pipe(
    refuseIfFrozen(state, period),
    E.flatMap(() => requireRole(command.meta.actor, ['reviewBoard'], 'overriding a score')),
    E.flatMap(() => requireReason(command.meta)),
    E.tap(() => refuseOtherPolicy(state, period, policy)),
    E.tap(() => validatePolicy(policy.policy)),
    E.flatMap((reason): E.Either<PeriodError, PeriodEvent[]> => {
      if (customer !== null && customer.customerId !== customerId)
        return E.left({ code: 'CustomerMismatch', message: `the inputs given are customer ${customer.customerId}'s, not ${customerId}'s` });
      const current = state.overrides[customerId];
      const overridden: PeriodEvent[] =
        current !== undefined && toHundredths(current.score) === toHundredths(score)
          ? []
          : [{ type: 'ScoreOverridden', data: { period, customerId, score, reason } }];
      const after = overridden.reduce(evolvePeriod, state);
      const graded = customer === null ? null : regrade(after, policy, period, customer);
      const regraded = graded === null ? [] : [graded];
      return E.right([...overridden, ...regraded, ...voidingSignOffs(state, period, regraded)]);
    }),
  );
};

/** 备注 is written before 编制: once prepared, the text was signed; voided signatures open it again. */
const decideNote = (command: WriteGradeSummaryNote, state: PeriodState): E.Either<PeriodError, PeriodEvent[]> => {
  const { period, customerId, text } = command.data;
  return pipe(
    requireRole(command.meta.actor, ['archiveClerk'], 'writing a note (备注) on the grade summary'),
    E.flatMap(() => requireReason(command.meta)),
    E.flatMap((): E.Either<PeriodError, PeriodEvent[]> => {
      if (state.status !== 'open')
        return E.left({ code: 'SummaryAlreadyPrepared', message: `the grade summary of ${period} is already prepared (编制); notes are written before` });
      if (state.evaluations[customerId] === undefined)
        return E.left({ code: 'CustomerNotInSummary', message: `customer ${customerId} has no row in the grade summary of ${period}` });
      const trimmed = text.trim();
      return E.right((state.notes[customerId] ?? '') === trimmed ? [] : [{ type: 'GradeSummaryNoteWritten', data: { period, customerId, text: trimmed } }]);
    }),
  );
};

const decide = (command: PeriodCommand, state: PeriodState): E.Either<PeriodError, PeriodEvent[]> => {
  switch (command.type) {
    case 'RunGrading':
      return decideRun(command, state);
    case 'OverrideScore':
      return decideOverride(command, state);
    case 'SignOffGradeSummary':
      return decideSignOff(command, state);
    case 'WriteGradeSummaryNote':
      return decideNote(command, state);
    default:
      return assertNever(command);
  }
};

/** A period's grading, its overrides and the signed grade summary (stream `gradingPeriod-<YYYY-MM>`). */
export const periodDecider: Decider<PeriodCommand, PeriodState, PeriodEvent, PeriodError> = {
  decide,
  evolve: evolvePeriod,
  evolveAll: evolvePeriodAll,
  initialState: initialPeriodState,
};
