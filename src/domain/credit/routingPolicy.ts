import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { z } from 'zod';
import { type Command, type Decider, Reason, type ReasonRequired, type RoleNotAllowed, requireReason, requireRole } from '../shared/index.js';
import { CreditRouting, defaultCreditRouting } from './routing.js';

/**
 * The credit-limit routing policy (DOMAIN.md §5): the manual's four-level chain for every
 * request by default; a sales admin manager may publish rules that shorten it (for a
 * decrease, or an increase under a threshold), versioned with author and reason like
 * the grading policy. Each request records the version it was routed by.
 */
export const creditRoutingPolicyStreamId = 'creditRoutingPolicy-current';

export const VersionedRouting = z.object({ version: z.number().int().min(0), routing: CreditRouting });
export type VersionedRouting = z.infer<typeof VersionedRouting>;

/** Before any publication: the manual's chain, as version 0. */
export const builtInRouting: VersionedRouting = { version: 0, routing: defaultCreditRouting };

/** A new routing policy is in force; the author is the event's actor. */
export const CreditRoutingPolicyPublished = z.object({
  type: z.literal('CreditRoutingPolicyPublished'),
  data: z.object({ version: z.number().int().min(1), routing: CreditRouting, reason: Reason }),
});
export type CreditRoutingPolicyPublished = z.infer<typeof CreditRoutingPolicyPublished>;

export type PublishCreditRouting = Command<'PublishCreditRouting', { routing: CreditRouting }>;

export type RoutingPolicyState = { status: 'builtIn' | 'published'; inForce: VersionedRouting };

export type RoutingPolicyError = ReasonRequired | RoleNotAllowed;

/** Deep equality regardless of key order (jsonb reorders keys). */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );

const decide = (command: PublishCreditRouting, state: RoutingPolicyState): E.Either<RoutingPolicyError, CreditRoutingPolicyPublished[]> =>
  pipe(
    E.Do,
    E.bindW('actor', () => requireRole(command.meta.actor, ['salesAdminManager'], 'publishing the credit routing policy')),
    E.bindW('reason', () => requireReason(command.meta)),
    E.map(({ reason }): CreditRoutingPolicyPublished[] =>
      canonical(command.data.routing) === canonical(state.inForce.routing)
        ? []
        : [{ type: 'CreditRoutingPolicyPublished', data: { version: state.inForce.version + 1, routing: command.data.routing, reason } }],
    ),
  );

const evolve = (_state: RoutingPolicyState, event: CreditRoutingPolicyPublished): RoutingPolicyState => ({
  status: 'published',
  inForce: { version: event.data.version, routing: event.data.routing },
});

/** Publishing credit routing policies (stream `creditRoutingPolicy-current`), starting from `base`. */
export const routingPolicyDecider = (
  base: VersionedRouting = builtInRouting,
): Decider<PublishCreditRouting, RoutingPolicyState, CreditRoutingPolicyPublished, RoutingPolicyError> => ({
  decide,
  evolve,
  initialState: { status: 'builtIn', inForce: base },
});
