import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { staffRoles } from '../../../domain/shared/index.js';
import { IdParams } from '../../params.js';
import { defineRoute, type Route } from '../../route.js';
import type { CustomerRouteDeps } from './deps.js';
import { AddEvaluationBody, Changed, RecordViolationBody } from './schemas.js';
import { changedReply, inScope, onCustomer, singleEvent } from './support.js';
import { withExpected } from '../../etag.js';

const tags = ['customers'];

/** 违规记录 and 客户评价: lists of the archive that only grow. */
export const recordRoutes = (deps: CustomerRouteDeps): Route[] => [
  defineRoute({
    method: 'post',
    path: '/customers/{id}/violations',
    summary: 'Record a violation (违规记录: 时间, 类型, 事件描述), with the reason',
    description: '`occurredAt` is when it happened, not later than now (else 422 ViolationInTheFuture). The list only grows.',
    tags,
    roles: ['archiveClerk', 'serviceClerk'],
    ifMatch: true,
    request: { params: IdParams, body: RecordViolationBody },
    responses: { 201: { description: 'the customer’s version after the record', body: Changed } },
    problems: [404, 412, 422],
    handler: ({ params, body: { reason, ...violation }, meta, ifMatch, commandOptions }) =>
      pipe(
        onCustomer(deps, params.id, ifMatch, (expected) =>
          deps.services.recordViolation({ customerId: params.id, ...violation, meta: meta(reason), options: commandOptions, ...withExpected(expected) }),
        ),
        TE.map((r) => changedReply(201, r.version)),
      ),
    replay: (events, { params }) => {
      const event = singleEvent(events, params.id, 'ViolationRecorded');
      return event && changedReply(201, event.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/customers/{id}/evaluations',
    summary: 'Evaluate a customer (客户评价); the evaluator is you',
    description: 'Any staff role; a salesperson evaluates their own customers (others: 404). The reason may be left out.',
    tags,
    roles: staffRoles,
    ifMatch: true,
    request: { params: IdParams, body: AddEvaluationBody },
    responses: { 201: { description: 'the customer’s version after the evaluation', body: Changed } },
    problems: [404, 412],
    handler: ({ params, body: { text, reason }, actor, meta, ifMatch, commandOptions }) =>
      pipe(
        inScope(deps, actor, params.id),
        TE.flatMap(() =>
          onCustomer(deps, params.id, ifMatch, (expected) =>
            deps.services.addEvaluation({ customerId: params.id, text, meta: meta(reason), options: commandOptions, ...withExpected(expected) }),
          ),
        ),
        TE.map((r) => changedReply(201, r.version)),
      ),
    replay: (events, { params }) => {
      const event = singleEvent(events, params.id, 'EvaluationAdded');
      return event && changedReply(201, event.version);
    },
  }),
];
