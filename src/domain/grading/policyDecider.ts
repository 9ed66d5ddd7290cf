import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { type Decider, requireReason, requireRole } from '../shared/index.js';
import { sameJson } from './canonical.js';
import type { PublishGradingPolicy } from './commands.js';
import type { PolicyError } from './errors.js';
import type { GradingPolicyPublished, PolicyEvent } from './events.js';
import type { VersionedPolicy } from './policy.js';
import { validatePolicy } from './policyValidation.js';

/**
 * The policy in force: before any publication the built-in one (version 0, which a
 * deployment may replace), then the last published.
 */
export type PolicyState = { status: 'builtIn'; inForce: VersionedPolicy } | { status: 'published'; inForce: VersionedPolicy };

const decide = (command: PublishGradingPolicy, state: PolicyState): E.Either<PolicyError, PolicyEvent[]> =>
  pipe(
    E.Do,
    E.bindW('actor', () => requireRole(command.meta.actor, ['salesAdminManager'], 'publishing a grading policy')),
    E.bindW('reason', () => requireReason(command.meta)),
    E.bindW('policy', () => validatePolicy(command.data.policy)),
    E.map(({ reason, policy }): PolicyEvent[] =>
      sameJson(policy, state.inForce.policy)
        ? []
        : [{ type: 'GradingPolicyPublished', data: { version: state.inForce.version + 1, policy, reason } }],
    ),
  );

const evolve = (_state: PolicyState, event: GradingPolicyPublished): PolicyState => ({
  status: 'published',
  inForce: { version: event.data.version, policy: event.data.policy },
});

/** Publishing grading policies (stream `gradingPolicy-current`), starting from `base`. */
export const policyDecider = (base: VersionedPolicy): Decider<PublishGradingPolicy, PolicyState, PolicyEvent, PolicyError> => ({
  decide,
  evolve,
  initialState: { status: 'builtIn', inForce: base },
});
