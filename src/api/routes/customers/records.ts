import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { staffRoles } from '../../../domain/shared/index.js';
import { IdParams } from '../../params.js';
import { defineRoute, type Route } from '../../route.js';
import type { RouteDeps } from '../../deps.js';
import { customerStreamId } from '../../../domain/customer/index.js';
import { AddEvaluationBody, Changed, RecordViolationBody } from './schemas.js';
import { changedReply, onStream, singleEvent } from '../../command.js';
import { customerInScope } from '../../scope.js';
import { withExpected } from '../../etag.js';
import { addEvaluation, customerVersion, recordViolation } from '../../../app/customer/index.js';

const tags = ['customers'];

/** 违规记录 and 客户评价: lists of the archive that only grow. */
export const recordRoutes = (deps: RouteDeps): Route[] => [
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
        onStream(deps, ifMatch, () => customerVersion(deps)(params.id), (expected) =>
          recordViolation(deps)({ customerId: params.id, ...violation, meta: meta(reason), options: commandOptions, ...withExpected(expected) }),
        ),
        TE.map((r) => changedReply(201, r.version)),
      ),
    replay: (events, { params }) => {
      const event = singleEvent(events, customerStreamId(params.id), 'ViolationRecorded');
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
        customerInScope(deps, actor, params.id),
        TE.flatMap(() =>
          onStream(deps, ifMatch, () => customerVersion(deps)(params.id), (expected) =>
            addEvaluation(deps)({ customerId: params.id, text, meta: meta(reason), options: commandOptions, ...withExpected(expected) }),
          ),
        ),
        TE.map((r) => changedReply(201, r.version)),
      ),
    replay: (events, { params }) => {
      const event = singleEvent(events, customerStreamId(params.id), 'EvaluationAdded');
      return event && changedReply(201, event.version);
    },
  }),
];
