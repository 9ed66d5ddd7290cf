import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type CreditLimitChangeStepApproved,
  type CreditLimitChangeWithdrawn,
  CreditApproverRole,
  creditRequesterRoles,
  creditRequestStreamId,
} from '../../../domain/credit/index.js';
import type { Actor } from '../../../domain/shared/index.js';
import type { StoredEvent } from '../../../store/index.js';
import { notFound } from '../../errors.js';
import { IdParams } from '../../params.js';
import { defineRoute, type JsonReply, type Route } from '../../route.js';
import type { ApiError } from '../../errors.js';
import { afterProjections } from '../../readYourWrites.js';
import { expectedVersion, withExpected } from '../../etag.js';
import type { RouteDeps } from '../../deps.js';
import { CreditDecisionTaken, CreditRequestWithdrawn, DecideCreditLimitChangeBody, tags, WithdrawCreditRequestBody } from './schemas.js';
import { readableRecord, scopeOfRequest } from '../../scope.js';
import { creditRequestVersion, decideCreditLimitChange, getCreditRequest, withdrawCreditLimitChange } from '../../../app/credit/index.js';

type Taken = { id: string; status: 'pending' | 'approved' | 'rejected' | 'withdrawn'; step: number; role: CreditApproverRole; decision: 'approve' | 'reject'; version: number };
const taken = (body: Taken): JsonReply => ({ status: 201, body, etag: body.version });

const withdrawn = (id: string, version: number): JsonReply => ({ status: 200, body: { id, status: 'withdrawn', version }, etag: version });

const onRequest = (events: readonly StoredEvent[], requestId: string) => events.filter((e) => e.streamId === creditRequestStreamId(requestId));

/**
 * A decision's first answer, from what it wrote on the request: the step's approval or
 * rejection, and the final approval when it was the last step.
 */
const replayDecision = (events: readonly StoredEvent[], requestId: string): JsonReply | undefined => {
  const written = onRequest(events, requestId);
  const step = written[0];
  if (step?.type !== 'CreditLimitChangeStepApproved' && step?.type !== 'CreditLimitChangeRejected') return undefined;
  const data = step.data as CreditLimitChangeStepApproved['data'];
  const last = written.at(-1)!;
  const status = step.type === 'CreditLimitChangeRejected' ? 'rejected' : last.type === 'CreditLimitChangeApproved' ? 'approved' : 'pending';
  return taken({ id: requestId, status, step: data.step, role: data.role, decision: status === 'rejected' ? 'reject' : 'approve', version: last.version });
};

const replayWithdrawal = (events: readonly StoredEvent[], requestId: string): JsonReply | undefined => {
  const [event] = onRequest(events, requestId);
  return event?.type === 'CreditLimitChangeWithdrawn' && (event.data as CreditLimitChangeWithdrawn['data']).requestId === requestId
    ? withdrawn(requestId, event.version)
    : undefined;
};

/** The request must exist and be in the caller's scope (a salesperson's own); otherwise 404, whatever the rule. */
const inScope = (deps: RouteDeps, actor: Actor, requestId: string): TE.TaskEither<ApiError, void> =>
  pipe(
    getCreditRequest(deps)(requestId),
    TE.flatMap((record) => readableRecord(deps, actor, record, scopeOfRequest, notFound(`credit request ${requestId}`))),
    TE.map(() => undefined),
  );

export const decisionRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'post',
    path: '/credit-requests/{id}/decisions',
    summary: 'Approve or reject the next step of a credit-limit change request, with the opinion (审核意见)',
    description:
      'Only the role of the next step decides it (another role: 403 RoleNotAllowed); never the requester (409 ApproverIsRequester), ' +
      'never a person who already decided a step of this request (409 ApproverAlreadyDecided), and only while pending ' +
      '(409 RequestNotPending). A rejection ends the request; the last approval makes `proposedLimit` the customer’s creditLimit. ' +
      'The answer names the step decided; GET the request for the next one. If-Match: the request’s version (stale → 412).',
    tags,
    roles: CreditApproverRole.options,
    ifMatch: true,
    request: { params: IdParams, body: DecideCreditLimitChangeBody },
    responses: { 201: { description: 'the decision recorded', body: CreditDecisionTaken } },
    problems: [403, 404, 409, 412, 422],
    handler: ({ params, body: { decision, opinion, reason }, actor, meta, ifMatch, commandOptions }) =>
      pipe(
        inScope(deps, actor, params.id),
        TE.flatMap(() => expectedVersion(ifMatch, () => creditRequestVersion(deps)(params.id))),
        TE.flatMap((expected) =>
          decideCreditLimitChange(deps)({
            requestId: params.id,
            decision,
            opinion,
            meta: meta(reason),
            options: commandOptions,
            ...withExpected(expected),
          }),
        ),
        TE.bindTo('changed'),
        // Which step was decided: the caller's own decision, which is unique (nobody decides two steps of a request).
        TE.bindW('mine', () =>
          pipe(
            getCreditRequest(deps)(params.id),
            TE.map((record) => record?.decisions.find((d) => d.approver.id === actor.id)),
          ),
        ),
        afterProjections(deps),
        TE.map(({ changed, mine }) => {
          // A bug, not a refusal: thrown, to be logged and answered 500.
          if (mine === undefined) throw new Error(`the decision on credit request ${params.id} was recorded but cannot be read back`);
          return taken({ id: params.id, status: changed.status, step: mine.step, role: mine.role, decision, version: changed.version });
        }),
      ),
    replay: (events, { params }) => replayDecision(events, params.id),
  }),
  defineRoute({
    method: 'post',
    path: '/credit-requests/{id}/withdrawal',
    summary: 'Withdraw a pending credit-limit change request (its requester), saying why',
    description:
      'Only the requester withdraws (another person: 403 NotTheRequester), and only while pending (409 RequestNotPending); ' +
      'withdrawing it again changes nothing. The customer may then have a new request. If-Match: the request’s version (stale → 412).',
    tags,
    roles: creditRequesterRoles,
    ifMatch: true,
    request: { params: IdParams, body: WithdrawCreditRequestBody },
    responses: { 200: { description: 'the request, withdrawn', body: CreditRequestWithdrawn } },
    problems: [403, 404, 409, 412, 422],
    handler: ({ params, body: { reason }, actor, meta, ifMatch, commandOptions }) =>
      pipe(
        inScope(deps, actor, params.id),
        TE.flatMap(() => expectedVersion(ifMatch, () => creditRequestVersion(deps)(params.id))),
        TE.flatMap((expected) =>
          withdrawCreditLimitChange(deps)({ requestId: params.id, meta: meta(reason), options: commandOptions, ...withExpected(expected) }),
        ),
        afterProjections(deps),
        TE.map((changed) => withdrawn(params.id, changed.version)),
      ),
    replay: (events, { params }) => replayWithdrawal(events, params.id),
  }),
];
