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
 * The policy in force: before any publication the built-in one (which a deployment may
 * replace), then the last published. `versions` holds every version there has been,
 * built-in ones included, so that a period keeps the one it was graded under.
 */
export type PolicyState =
  | { status: 'builtIn'; inForce: VersionedPolicy; versions: readonly VersionedPolicy[] }
  | { status: 'published'; inForce: VersionedPolicy; versions: readonly VersionedPolicy[] };

/** The policy published as `version`, if there was one. */
export const policyVersion = (state: PolicyState, version: number): VersionedPolicy | undefined =>
  state.versions.find((v) => v.version === version);

const nextVersion = (state: PolicyState): number => Math.max(state.inForce.version, ...state.versions.map((v) => v.version)) + 1;

const decide = (command: PublishGradingPolicy, state: PolicyState): E.Either<PolicyError, PolicyEvent[]> =>
  pipe(
    E.Do,
    E.bindW('actor', () => requireRole(command.meta.actor, ['salesAdminManager'], 'publishing a grading policy')),
    E.bindW('reason', () => requireReason(command.meta)),
    E.bindW('policy', () => validatePolicy(command.data.policy)),
    E.map(({ reason, policy }): PolicyEvent[] =>
      sameJson(policy, state.inForce.policy)
        ? []
        : [{ type: 'GradingPolicyPublished', data: { version: nextVersion(state), policy, reason } }],
    ),
  );

const evolve = (state: PolicyState, event: GradingPolicyPublished): PolicyState => {
  const inForce = { version: event.data.version, policy: event.data.policy };
  // A deployment that published before the corrected built-in existed numbered its first 1: its own replaces the built-in 1.
  return { status: 'published', inForce, versions: [...state.versions.filter((v) => v.version !== inForce.version), inForce] };
};

/**
 * Publishing grading policies (stream `gradingPolicy-current`), starting from `base`
 * in force, with the earlier built-in versions `history` (the base alone by default).
 */
export const policyDecider = (
  base: VersionedPolicy,
  history: readonly VersionedPolicy[] = [base],
): Decider<PublishGradingPolicy, PolicyState, PolicyEvent, PolicyError> => ({
  decide,
  evolve,
  initialState: {
    status: 'builtIn',
    inForce: base,
    versions: history.map(({ version, policy }) => ({ version, policy })),
  },
});
