import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { PolicyInForce } from '../../../app/grading/index.js';
import type { VersionedPolicy } from '../../../domain/grading/index.js';
import { Role } from '../../../domain/shared/index.js';
import { TimeTravelQuery } from '../../params.js';
import { defineRoute, type Route } from '../../route.js';
import type { RouteDeps } from '../../deps.js';
import { PolicyView, PublishPolicyBody, SimulatePolicyBody, SimulationView, summaryReaders } from './schemas.js';
import { afterProjections } from '../../readYourWrites.js';
import { expectedVersion } from '../../etag.js';
import { fromQuery, isTimeTravel, timePointOf } from '../../viewQueries.js';
import { policyInForce, publishPolicy, simulate } from '../../../app/grading/index.js';
import { policyInForce as policyAt } from '../../../projections/index.js';

const tags = ['grading'];

const viewOf = ({ version, policy }: VersionedPolicy, status: PolicyInForce['status']) => ({ version, status, ...policy });

const current = (policy: PolicyInForce) => ({ status: 200, body: viewOf(policy, policy.status), etag: policy.streamVersion });

export const policyRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'get',
    path: '/grading/policy',
    summary: 'The grading policy in force (评分标准: bands, coefficients, scorecard, windows)',
    description:
      'The ETag is the policy’s version on record: send it as If-Match with PUT. With `asOf`/`knownAt`, the policy in force then (no ETag).',
    tags,
    roles: Role.options,
    request: { query: TimeTravelQuery },
    responses: { 200: { description: 'the policy', body: PolicyView } },
    handler: ({ query, now }) => {
      if (!isTimeTravel(query)) return pipe(policyInForce(deps)(), TE.map(current));
      const { at } = timePointOf(query, now);
      return pipe(
        fromQuery(() => policyAt(deps.views, at)),
        TE.map((policy) => ({ status: 200, body: viewOf(policy, policy.status) })),
      );
    },
  }),
  defineRoute({
    method: 'put',
    path: '/grading/policy',
    summary: 'Put a new grading policy in force, with the reason',
    description:
      'The body is the whole policy as GET answers it (without `version` and `status`) and a `reason`. The same policy again changes nothing. ' +
      'A policy whose bands leave a gap or overlap, whose weights do not sum to 100, … is refused naming the rule. Later runs grade under it; past evaluations keep the version they used.',
    tags,
    roles: ['salesAdminManager'],
    ifMatch: true,
    request: { body: PublishPolicyBody },
    responses: { 200: { description: 'the policy now in force', body: PolicyView } },
    problems: [409, 412, 422],
    handler: ({ body: { reason, ...policy }, meta, ifMatch, commandOptions }) =>
      pipe(
        expectedVersion(ifMatch, () => pipe(policyInForce(deps)(), TE.map((p) => p.streamVersion))),
        TE.flatMap((expected) =>
          publishPolicy(deps)({ policy, meta: meta(reason), options: commandOptions, ...(expected === undefined ? {} : { expectedVersion: expected }) }),
        ),
        afterProjections(deps),
        TE.map(current),
      ),
  }),
  defineRoute({
    method: 'post',
    path: '/grading/policy/simulations',
    summary: 'Try a draft policy on a period without publishing it',
    description:
      'Per customer graded for the period, the result under the policy in force beside the draft’s, and totals per grade. Nothing is recorded.',
    tags,
    roles: summaryReaders,
    request: { body: SimulatePolicyBody },
    responses: { 200: { description: 'the simulation', body: SimulationView } },
    problems: [409, 422],
    handler: ({ body }) =>
      pipe(
        simulate(deps)({ period: body.period, draft: body.policy }),
        TE.map((simulation) => ({ status: 200, body: simulation })),
      ),
    // A simulation writes nothing, so a retry runs it again; a key that wrote events was another request's.
    replay: () => undefined,
  }),
];
