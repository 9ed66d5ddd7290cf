import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { statusTransitions } from '../../../domain/customer/index.js';
import { IdParams } from '../../params.js';
import { defineRoute, type Route } from '../../route.js';
import type { CustomerRouteDeps } from './deps.js';
import { ChangeStatusBody, Changed, ReasonBody, ReassignSalespersonBody, RenewValidityBody } from './schemas.js';
import { changedReply, onCustomer, singleEvent } from './support.js';
import { withExpected } from '../../etag.js';

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
export const lifecycleRoutes = (deps: CustomerRouteDeps): Route[] => [
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
        onCustomer(deps, params.id, ifMatch, (expected) =>
          deps.services.changeStatus({ customerId: params.id, status, meta: meta(reason), options: commandOptions, ...withExpected(expected) }),
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
        onCustomer(deps, params.id, ifMatch, (expected) =>
          deps.services.reassignSalesperson({ customerId: params.id, salespersonId, meta: meta(reason), options: commandOptions, ...withExpected(expected) }),
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
        onCustomer(deps, params.id, ifMatch, (expected) =>
          deps.services.renewValidity({ customerId: params.id, validUntil, meta: meta(reason), options: commandOptions, ...withExpected(expected) }),
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
        onCustomer(deps, params.id, ifMatch, (expected) =>
          deps.services.reviewArchive({ customerId: params.id, meta: meta(reason), options: commandOptions, ...withExpected(expected) }),
        ),
        TE.map((r) => changedReply(201, r.version)),
      ),
    replay: (events, { params }) => {
      const event = singleEvent(events, params.id, 'ArchiveReviewed');
      return event && changedReply(201, event.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/customers/{id}/approvals',
    summary: 'Approve the reviewed archive (集团总经理审批), with the reason',
    description: 'Refused before a review (409 ArchiveNotReviewed) and for the person who reviewed it (409 ApproverIsReviewer).',
    tags,
    roles: ['groupGM'],
    ifMatch: true,
    request: { params: IdParams, body: ReasonBody },
    responses: { 201: { description: 'the customer’s version after the approval', body: Changed } },
    problems: [404, 409, 412],
    handler: ({ params, body: { reason }, meta, ifMatch, commandOptions }) =>
      pipe(
        onCustomer(deps, params.id, ifMatch, (expected) =>
          deps.services.approveArchive({ customerId: params.id, meta: meta(reason), options: commandOptions, ...withExpected(expected) }),
        ),
        TE.map((r) => changedReply(201, r.version)),
      ),
    replay: (events, { params }) => {
      const event = singleEvent(events, params.id, 'ArchiveApproved');
      return event && changedReply(201, event.version);
    },
  }),
];
