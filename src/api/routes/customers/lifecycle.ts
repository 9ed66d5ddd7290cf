import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { statusTransitions } from '../../../domain/customer/index.js';
import { IdParams } from '../../params.js';
import { defineRoute, type Route } from '../../route.js';
import type { RouteDeps } from '../../deps.js';
import { customerStreamId } from '../../../domain/customer/index.js';
import { ApprovalBody, BatchApprovalAnswer, BatchApprovalBody, ChangeStatusBody, Changed, ReasonBody, ReassignSalespersonBody, RenewValidityBody } from './schemas.js';
import { problemOf } from '../../problem.js';
import { afterProjections } from '../../readYourWrites.js';
import { changedReply, onStream, singleEvent } from '../../command.js';
import { withExpected } from '../../etag.js';
import { approveArchive, changeStatus, customerVersion, reassignSalesperson, renewValidity, reviewArchive } from '../../../app/customer/index.js';

const tags = ['customers'];

const transitions = Object.entries(statusTransitions)
  .map(([from, to]) => `${from} → ${to.join(', ')}`)
  .join('; ');

/**
 * The archive's header beside its fields: status (状态), salesperson (业务员) and validity
 * (有效期) each change by a command of their own, so each is its own sub-resource that
 * PUT replaces (the same value again changes nothing); review (客户评审小组) and approval
 * (集团总经理审批) are acts, so POST.
 */
export const lifecycleRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'put',
    path: '/customers/{id}/status',
    summary: 'Change a customer’s status (状态), with the reason',
    description: `Allowed: ${transitions}; another → 409 StatusTransitionNotAllowed. Becoming lost frees the name; coming back takes it again (409 if taken meanwhile).`,
    tags,
    roles: ['archiveClerk'],
    ifMatch: true,
    request: { params: IdParams, body: ChangeStatusBody },
    responses: { 200: { description: 'the customer’s version after the change', body: Changed } },
    problems: [404, 409, 412, 422],
    handler: ({ params, body: { status, reason }, meta, ifMatch, commandOptions }) =>
      pipe(
        onStream(deps, ifMatch, () => customerVersion(deps)(params.id), (expected) =>
          changeStatus(deps)({ customerId: params.id, status, meta: meta(reason), options: commandOptions, ...withExpected(expected) }),
        ),
        TE.map((r) => changedReply(200, r.version)),
      ),
  }),
  defineRoute({
    method: 'put',
    path: '/customers/{id}/salesperson',
    summary: 'Pass a customer to another salesperson (业务员), with the reason',
    tags,
    roles: ['archiveClerk'],
    ifMatch: true,
    request: { params: IdParams, body: ReassignSalespersonBody },
    responses: { 200: { description: 'the customer’s version after the change', body: Changed } },
    problems: [404, 412, 422],
    handler: ({ params, body: { salespersonId, reason }, meta, ifMatch, commandOptions }) =>
      pipe(
        onStream(deps, ifMatch, () => customerVersion(deps)(params.id), (expected) =>
          reassignSalesperson(deps)({ customerId: params.id, salespersonId, meta: meta(reason), options: commandOptions, ...withExpected(expected) }),
        ),
        TE.map((r) => changedReply(200, r.version)),
      ),
  }),
  defineRoute({
    method: 'put',
    path: '/customers/{id}/validity',
    summary: 'Renew the archive’s validity (有效期), with the reason',
    description: 'The end moves later, never earlier (409 ValidityNotExtended).',
    tags,
    roles: ['archiveClerk'],
    ifMatch: true,
    request: { params: IdParams, body: RenewValidityBody },
    responses: { 200: { description: 'the customer’s version after the change', body: Changed } },
    problems: [404, 409, 412, 422],
    handler: ({ params, body: { validUntil, reason }, meta, ifMatch, commandOptions }) =>
      pipe(
        onStream(deps, ifMatch, () => customerVersion(deps)(params.id), (expected) =>
          renewValidity(deps)({ customerId: params.id, validUntil, meta: meta(reason), options: commandOptions, ...withExpected(expected) }),
        ),
        TE.map((r) => changedReply(200, r.version)),
      ),
  }),
  defineRoute({
    method: 'post',
    path: '/customers/{id}/reviews',
    summary: 'Review the archive (客户评审小组), with the reason',
    description: 'The group GM then approves it. The same reviewer again while it awaits approval changes nothing.',
    tags,
    roles: ['reviewBoard'],
    ifMatch: true,
    request: { params: IdParams, body: ReasonBody },
    responses: { 201: { description: 'the customer’s version after the review', body: Changed } },
    problems: [404, 412],
    handler: ({ params, body: { reason }, meta, ifMatch, commandOptions }) =>
      pipe(
        onStream(deps, ifMatch, () => customerVersion(deps)(params.id), (expected) =>
          reviewArchive(deps)({ customerId: params.id, meta: meta(reason), options: commandOptions, ...withExpected(expected) }),
        ),
        TE.map((r) => changedReply(201, r.version)),
      ),
    replay: (events, { params }) => {
      const event = singleEvent(events, customerStreamId(params.id), 'ArchiveReviewed');
      return event && changedReply(201, event.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/customers/{id}/approvals',
    summary: 'Approve or reject the reviewed archive (集团总经理审批 Y/N), with the reason',
    description:
      'Refused before a review (409 ArchiveNotReviewed) and for the person who reviewed it (409 ApproverIsReviewer). `decision: "reject"` sends it back to ' +
      'the archive clerk for 核对与更改 (`approval: rejected`); a later change of its fields makes it `pending` again, as it does an approved one.',
    tags,
    roles: ['groupGM'],
    ifMatch: true,
    request: { params: IdParams, body: ApprovalBody },
    responses: { 201: { description: 'the customer’s version after the approval', body: Changed } },
    problems: [404, 409, 412],
    handler: ({ params, body: { reason, decision }, meta, ifMatch, commandOptions }) =>
      pipe(
        onStream(deps, ifMatch, () => customerVersion(deps)(params.id), (expected) =>
          approveArchive(deps)({ customerId: params.id, ...(decision === undefined ? {} : { decision }), meta: meta(reason), options: commandOptions, ...withExpected(expected) }),
        ),
        TE.map((r) => changedReply(201, r.version)),
      ),
    replay: (events, { params }) => {
      const event = singleEvent(events, customerStreamId(params.id), 'ArchiveApproved') ?? singleEvent(events, customerStreamId(params.id), 'ArchiveRejected');
      return event && changedReply(201, event.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/customers/approvals',
    summary: 'Approve or reject many reviewed archives at once (集团总经理 定期审批)',
    description:
      'Each customer is decided on its own, in the order given, as POST /customers/{id}/approvals would (same rules, one event each): the answer lists, ' +
      'per customer, the status that route would answer and the new version or the refusal. The archives awaiting approval are `approval: reviewed`.',
    tags,
    roles: ['groupGM'],
    request: { body: BatchApprovalBody },
    responses: { 200: { description: 'each customer’s outcome', body: BatchApprovalAnswer } },
    problems: [],
    handler: ({ body: { customerIds, decision, reason }, meta }) =>
      pipe(
        TE.fromTask(async () => {
          const items = [];
          for (const customerId of customerIds) {
            const outcome = await approveArchive(deps)({ customerId, ...(decision === undefined ? {} : { decision }), meta: meta(reason) })();
            if (outcome._tag === 'Right') items.push({ customerId, status: 201, version: outcome.right.version });
            else {
              const problem = problemOf(outcome.left);
              items.push({ customerId, status: problem.status, problem: { code: problem.body.code ?? problem.body.title, detail: problem.body.detail } });
            }
          }
          return items;
        }),
        afterProjections(deps),
        TE.map((items) => ({ status: 200, body: { items } })),
      ),
    // Each customer's events are its own; a retry decides again and repeats are no-ops.
    replay: () => undefined,
  }),
];
