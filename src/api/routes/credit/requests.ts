import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { CreditRequestView as RequestRecord } from '../../../projections/index.js';
import { type CreditLimitChangeRequested, creditRequesterRoles, creditRequestStreamId } from '../../../domain/credit/index.js';
import { Role } from '../../../domain/shared/index.js';
import type { StoredEvent } from '../../../store/index.js';
import { notFound } from '../../errors.js';
import { encodeCursor } from '../../pagination.js';
import { IdParams } from '../../params.js';
import { FormQuery, formReply, xlsxType } from '../../formQuery.js';
import { creditRequestXlsx } from '../../../exports/index.js';
import { defineRoute, type JsonReply, type Reply, type Route } from '../../route.js';
import type { ApiError } from '../../errors.js';
import { ownCustomer, readableRecord, salespersonScope, scopeOfRequest } from '../../scope.js';
import { afterProjections } from '../../readYourWrites.js';
import { fromQuery, isTimeTravel, timePointOf } from '../../viewQueries.js';
import type { RouteDeps } from '../../deps.js';
import {
  CreditRequestCreated,
  CreditRequestListQuery,
  CreditRequestPage,
  CreditRequestView,
  RequestCreditLimitChangeBody,
  tags,
} from './schemas.js';
import { newId } from '../../idempotency.js';
import { getCreditRequest, requestCreditLimitChange } from '../../../app/credit/index.js';
import { type At, listCreditRequests, nameCreditRequests } from '../../../projections/index.js';

const created = (body: { id: string; status: 'pending'; requiredSteps: string[]; version: number }): JsonReply => ({
  status: 201,
  body,
  location: `/credit-requests/${body.id}`,
  etag: body.version,
});

/** The first answer again, from the CreditLimitChangeRequested the keyed request wrote (beside the customer's lock). */
const replayRequest = (events: readonly StoredEvent[], customerId: string): JsonReply | undefined => {
  const event = events.find((e) => e.type === 'CreditLimitChangeRequested');
  if (!event || !events.every((e) => e.type === 'CreditLimitChangeRequested' || e.type === 'CreditRequestOpened')) return undefined;
  const data = event.data as CreditLimitChangeRequested['data'];
  if (data.customerId !== customerId || event.streamId !== creditRequestStreamId(data.requestId)) return undefined;
  return created({ id: data.requestId, status: 'pending', requiredSteps: data.requiredSteps, version: event.version });
};

/** The request in API.md's shape: the form's fields, its status, and each decision as the approver gave it. */
const bodyOf = ({ requestId: _id, decisions, ...request }: RequestRecord) => ({
  ...request,
  decisions: decisions.map(({ step, role, approver, opinion, decidedAt, decision }) => ({ step, role, approver, opinion, decidedAt, decision })),
});

/** Requests in API.md's shape with their people named as of the answer's time point (one directory read for all). */
export const requestBodies = (deps: RouteDeps, records: readonly RequestRecord[], at: At): TE.TaskEither<ApiError, CreditRequestView[]> =>
  fromQuery(() => nameCreditRequests(deps.views, records.map(bodyOf), at));


export const requestRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'post',
    path: '/credit-requests',
    summary: 'Request a change of a customer’s credit limit (客户信用额度变更申请)',
    description:
      'Copies the form’s customer block (客户名称, 客户负责人, 等级, 地址, 联系人) and the limit in force (原信用额度) from the archive. ' +
      '`requiredSteps` are the approvers in order (an increase: salesAdminManager → salesVP → salesGM → groupGM). ' +
      'One pending request per customer (a second → 409 PendingRequestExists); proposing the current limit → 422 LimitUnchanged. ' +
      'A salesperson requests for their own customers only (others: 404).',
    tags,
    roles: creditRequesterRoles,
    request: { body: RequestCreditLimitChangeBody },
    responses: { 201: { description: 'the request; `Location` is where to follow it', body: CreditRequestCreated } },
    problems: [404, 409, 422],
    handler: (ctx) => {
      const { customerId, proposedLimit, reason } = ctx.body;
      const requestId = newId(ctx, 'creditRequest');
      return pipe(
        ownCustomer(deps, ctx.actor, customerId),
        TE.flatMap(() =>
          requestCreditLimitChange(deps)({ requestId, customerId, proposedLimit, meta: ctx.meta(reason), options: ctx.commandOptions }),
        ),
        afterProjections(deps),
        TE.map((r) => created({ id: r.id, status: 'pending', requiredSteps: r.requiredSteps, version: r.version })),
      );
    },
    replay: (events, { body }) => replayRequest(events, body.customerId),
  }),
  defineRoute({
    method: 'get',
    path: '/credit-requests/{id}',
    summary: 'A credit-limit change request: the form, its status and every decision (审核意见)',
    description:
      'A salesperson sees the requests on their own customers and those they made (others: 404). ' +
      'The ETag is the request’s version (If-Match of a decision or the withdrawal); a time-travelling answer has none.',
    tags,
    roles: Role.options,
    request: { params: IdParams, query: FormQuery },
    responses: { 200: { description: 'the request', body: CreditRequestView, files: { [xlsxType]: '客户信用额度变更申请表 as a one-page workbook' } } },
    problems: [404],
    handler: ({ params, query, actor, now }) => {
      const missing = notFound(`credit request ${params.id}`);
      const { at } = timePointOf(query, now);
      return pipe(
        getCreditRequest(deps)(params.id, { asOf: query.asOf, knownAt: query.knownAt }),
        TE.flatMap((record) => readableRecord(deps, actor, record, scopeOfRequest, missing)),
        TE.flatMap((record): TE.TaskEither<ApiError, Reply> =>
          query.format === 'xlsx'
            ? pipe(
                fromQuery(() => nameCreditRequests(deps.views, [record], at)),
                TE.flatMap(([named]) => formReply(() => creditRequestXlsx(named!, query), `credit-request-${record.id}.xlsx`)),
              )
            : pipe(
                requestBodies(deps, [record], at),
                TE.map(([body]) => ({ status: 200, body, ...(isTimeTravel(query) ? {} : { etag: record.version }) })),
              ),
        ),
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/credit-requests',
    summary: 'Credit-limit change requests, filtered by status, customer or the role whose decision is awaited',
    description:
      'In id order, paginated. `awaitingRole=salesVP` is the sales VP’s queue: the pending requests whose next step is theirs. ' +
      'A salesperson sees the requests on their own customers (whoever owns the customer now) and those they made; ' +
      'a page holds `limit` items whenever more follow.',
    tags,
    roles: Role.options,
    request: { query: CreditRequestListQuery },
    responses: { 200: { description: 'a page of requests', body: CreditRequestPage } },
    handler: ({ query, actor, now }) => {
      const { at } = timePointOf(query, now);
      const filter = { customerId: query.customerId, status: query.status, nextStep: query.awaitingRole, visibleTo: salespersonScope(actor) };
      const page = { limit: query.limit, cursor: query.cursor === undefined ? null : encodeCursor(query.cursor) };
      return pipe(
        fromQuery(() => listCreditRequests(deps.views, filter, at, page)),
        TE.flatMap((found) => pipe(requestBodies(deps, found.items, at), TE.map((items) => ({ status: 200, body: { items, nextCursor: found.nextCursor } })))),
      );
    },
  }),
];
