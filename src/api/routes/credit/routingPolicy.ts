import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { RoutingInForce } from '../../../app/credit/index.js';
import { Role } from '../../../domain/shared/index.js';
import { expectedVersion } from '../../etag.js';
import { defineRoute, type Route } from '../../route.js';
import type { RouteDeps } from '../../deps.js';
import { publishRouting, routingInForce } from '../../../app/credit/index.js';
import { PublishRoutingBody, RoutingPolicyView } from './schemas.js';

const tags = ['credit requests'];

const current = ({ version, status, routing, streamVersion }: RoutingInForce) => ({
  status: 200,
  body: { version, status, ...routing },
  etag: streamVersion,
});

/** The credit-limit routing policy (DOMAIN.md §5): which approvers a change needs, versioned. */
export const routingPolicyRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'get',
    path: '/credit/routing-policy',
    summary: 'The credit-limit routing policy in force (审核意见: which approvers a change needs)',
    description:
      'Before any publication the manual’s four-level chain (销售管理部经理 → 销售副总 → 销售总经理 → 集团总经理) for increases and decreases alike, as version 0. ' +
      'The ETag is the policy’s version on record: send it as If-Match with PUT.',
    tags,
    roles: Role.options,
    responses: { 200: { description: 'the routing policy', body: RoutingPolicyView } },
    problems: [],
    handler: () => pipe(routingInForce(deps)(), TE.map(current)),
  }),
  defineRoute({
    method: 'put',
    path: '/credit/routing-policy',
    summary: 'Put a new credit-limit routing policy in force, with the reason',
    description:
      'Rules in order; the first whose direction and bounds (`maxChangeAmount` 元, `maxChangePercent` of the original limit) match a change gives its steps. ' +
      'Each direction ends with a rule without bounds; steps keep the manual’s order. Requests made later are routed by it and record its version; ' +
      'pending requests keep the steps they were given.',
    tags,
    roles: ['salesAdminManager'],
    ifMatch: true,
    request: { body: PublishRoutingBody },
    responses: { 200: { description: 'the routing policy now in force', body: RoutingPolicyView } },
    problems: [412, 422],
    handler: ({ body: { reason, ...routing }, meta, ifMatch, commandOptions }) =>
      pipe(
        expectedVersion(ifMatch, () => pipe(routingInForce(deps)(), TE.map((p) => p.streamVersion))),
        TE.flatMap((expected) =>
          publishRouting(deps)({ routing, meta: meta(reason), options: commandOptions, ...(expected === undefined ? {} : { expectedVersion: expected }) }),
        ),
        TE.map(current),
      ),
  }),
];
