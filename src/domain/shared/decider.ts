import type * as E from 'fp-ts/Either';
import type { Actor } from './actor.js';
import type { Instant } from './time.js';

/**
 * What every command carries besides its own data: the acting user, the moment it
 * takes effect, and the written reason (the domain refuses a missing one where the
 * manual demands it). Time and identity arrive here so that `decide` stays pure.
 */
export type CommandMeta = {
  actor: Actor;
  at: Instant;
  reason?: string | undefined;
};

export type Command<Type extends string, Data> = { type: Type; data: Data; meta: CommandMeta };

/** A domain event before the store stamps it: its type literal and JSON-safe data. */
export type DomainEvent<Type extends string = string, Data = unknown> = { type: Type; data: Data };

/** A refusal, as a value: `code` names the rule, `message` says it to a person. */
export type DomainError<Code extends string = string> = { code: Code; message: string };

/**
 * How a stream's events fold into state. `evolveAll`, where given, folds a batch at
 * once and must equal the event-by-event fold: a state that holds a record per entity
 * (a period's evaluations) would otherwise be copied once per event, quadratic in its size.
 */
export type Evolver<S, Ev> = {
  evolve: (state: S, event: Ev) => S;
  evolveAll?: (state: S, events: readonly Ev[]) => S;
  initialState: S;
};

export type Decider<C, S, Ev, Err> = Evolver<S, Ev> & {
  decide: (command: C, state: S) => E.Either<Err, Ev[]>;
};

/** The state after `events`, by the evolver's batch fold where it has one. */
export const foldEvents = <S, Ev>(evolver: Evolver<S, Ev>, events: readonly Ev[], state: S = evolver.initialState): S =>
  evolver.evolveAll ? evolver.evolveAll(state, events) : events.reduce(evolver.evolve, state);

export const assertNever = (value: never): never => {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
};
