import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  type ChangeRequestApplied,
  type ChangeRequested,
  changeRequestStreamId,
  customerStreamId,
} from '../../../domain/customer/index.js';
import { type Actor, managerRoles, Role } from '../../../domain/shared/index.js';
import type { StoredEvent } from '../../../store/index.js';
import { checkIfMatch, expectedVersion } from '../../etag.js';
import { notFound } from '../../errors.js';
import { IdParams, TimeTravelQuery } from '../../params.js';
import { defineRoute, type JsonReply, type Route } from '../../route.js';
import { canSeeInvoicing } from '../../scope.js';
import { afterProjections } from '../../readYourWrites.js';
import { fromQuery, isTimeTravel, timePointOf } from '../../viewQueries.js';
import { type NameOf, staffNamer } from '../../../projections/index.js';
import type { RouteDeps } from '../../deps.js';
import { ChangeRequestCreated, ChangeRequestDecided, ChangeRequestView, DecideChangeRequestBody, ProposeChangeBody } from './schemas.js';
import { customerInScope } from '../../scope.js';
import { newId } from '../../idempotency.js';
import { customerVersion, decideChangeRequest, proposeChange, readChangeRequest, type ChangeRequestRecord } from '../../../app/customer/index.js';

const tags = ['change requests'];

/** API.md: salesperson, serviceClerk and the managers propose; the archive clerk changes the archive directly. */
const proposers = ['salesperson', 'serviceClerk', ...managerRoles] as const satisfies readonly Role[];

const created = (id: string, version: number): JsonReply => ({
  status: 201,
  body: { id, version },
  location: `/change-requests/${id}`,
  etag: version,
});

type Decided = { id: string; customerId: string; status: 'applied' | 'rejected'; version: number; customerVersion: number | null };
const decided = (body: Decided): JsonReply => ({ status: 200, body, etag: body.version });

/** A decision's first answer: the request's event, and on apply the change it made to the customer. */
const replayDecision = (events: readonly StoredEvent[], requestId: string): JsonReply | undefined => {
  const decision = events.find((e) => e.streamId === changeRequestStreamId(requestId));
  if (decision?.type !== 'ChangeRequestApplied' && decision?.type !== 'ChangeRequestRejected') return undefined;
  const { customerId } = decision.data as ChangeRequestApplied['data'];
  // The decision's last event on the customer's stream: a field change, or one of the direct changes it carried.
  const change = events.filter((e) => e.streamId === customerStreamId(customerId)).at(-1);
  const status = decision.type === 'ChangeRequestApplied' ? 'applied' : 'rejected';
  return decided({ id: requestId, customerId, status, version: decision.version, customerVersion: change?.version ?? null });
};

const requestVersion = (deps: RouteDeps, requestId: string) =>
  pipe(
    readChangeRequest(deps)(requestId, {}),
    TE.map((record) => record?.version ?? 0),
  );

/** Invoicing is confidential: a reader without the right does not see a proposed change to it. */
const viewOf = ({ request, version, reason, decisionReason }: ChangeRequestRecord, actor: Actor, nameOf: NameOf) => ({
  id: request.requestId,
  customerId: request.customerId,
  status: request.status,
  changes: canSeeInvoicing(actor) ? request.changes : request.changes.filter((c) => c.field !== 'invoicing'),
  alsoProposed: request.alsoProposed ?? null,
  requestedBy: request.requestedBy,
  requestedByName: nameOf(request.requestedBy.id, request.requestedBy.name) ?? request.requestedBy.name,
  requestedAt: request.requestedAt,
  reason,
  decidedBy: request.status === 'pending' ? null : request.decidedBy,
  decidedByName: request.status === 'pending' ? null : (nameOf(request.decidedBy.id, request.decidedBy.name) ?? request.decidedBy.name),
  decidedAt: request.status === 'pending' ? null : request.decidedAt,
  decisionReason,
  version,
});

/** 修改申请: others than the archive clerk ask in writing; the archive clerk applies or rejects. */
export const changeRequestRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'post',
    path: '/customers/{id}/change-requests',
    summary: 'Propose a change to the archive (修改申请), with the reason',
    description:
      '`changes` as PATCH /customers/{id} takes them; the request records each field’s current value beside the proposed one. ' +
      'Proposing what the archive already holds → 409 ChangeRequestChangesNothing. A salesperson proposes for their own customers (others: 404). ' +
      'If-Match: the customer’s version the proposal was made on (stale → 412).',
    tags,
    roles: proposers,
    ifMatch: true,
    request: { params: IdParams, body: ProposeChangeBody },
    responses: { 201: { description: 'the request; `Location` is where to follow it', body: ChangeRequestCreated } },
    problems: [404, 409, 412, 422],
    handler: (ctx) => {
      const requestId = newId(ctx, 'changeRequest');
      const { contacts, ...changes } = ctx.body.changes;
      const withIds = ({ add, ...rest }: NonNullable<typeof contacts>) =>
        add === undefined ? rest : { ...rest, add: add.map((c, i) => ({ ...c, id: newId(ctx, `contact-${i}`) })) };
      return pipe(
        customerInScope(deps, ctx.actor, ctx.params.id),
        // The request leaves the archive as it is, so If-Match is only checked, not carried into the append.
        TE.flatMap(() => (ctx.ifMatch === undefined ? TE.right(undefined) : pipe(customerVersion(deps)(ctx.params.id), TE.flatMapEither((v) => checkIfMatch(ctx.ifMatch, v))))),
        TE.flatMap(() =>
          proposeChange(deps)({
            requestId,
            customerId: ctx.params.id,
            changes: contacts === undefined ? changes : { ...changes, contacts: withIds(contacts) },
            meta: ctx.meta(ctx.body.reason),
            options: ctx.commandOptions,
          }),
        ),
        TE.map((r) => created(r.id, r.version)),
      );
    },
    replay: (events, { params }) => {
      const [event] = events;
      if (events.length !== 1 || event?.type !== 'ChangeRequested') return undefined;
      const data = event.data as ChangeRequested['data'];
      return data.customerId === params.id ? created(data.requestId, event.version) : undefined;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/change-requests/{id}',
    summary: 'A change request: what it changes, who asked and why, and the decision',
    description: 'A salesperson sees the requests on their own customers (others: 404). The ETag is the request’s version (If-Match of the decision).',
    tags,
    roles: Role.options,
    request: { params: IdParams, query: TimeTravelQuery },
    responses: { 200: { description: 'the request', body: ChangeRequestView } },
    problems: [404],
    handler: ({ params, query, actor, now }) =>
      pipe(
        readChangeRequest(deps)(params.id, { asOf: query.asOf, knownAt: query.knownAt }),
        TE.flatMap((record) => (record === null ? TE.left(notFound(`change request ${params.id}`)) : TE.right(record))),
        TE.tap((record) => pipe(customerInScope(deps, actor, record.request.customerId), TE.mapError(() => notFound(`change request ${params.id}`)))),
        TE.flatMap((record) => {
          const people = [record.request.requestedBy.id, ...(record.request.status === 'pending' ? [] : [record.request.decidedBy.id])];
          return pipe(
            fromQuery(() => staffNamer(deps.views, people, timePointOf(query, now).at)),
            TE.map((nameOf) => ({ status: 200, body: viewOf(record, actor, nameOf), ...(isTimeTravel(query) ? {} : { etag: record.version }) })),
          );
        }),
      ),
  }),
  defineRoute({
    method: 'post',
    path: '/change-requests/{id}/decision',
    summary: 'Apply or reject a change request (archive clerk), with the reason',
    description:
      '`apply` makes the change in the archive, linked to the request; refused when a field it changes has moved since it was asked ' +
      '(409 ChangeRequestIsStale), when the clerk asked for it (409 ApproverIsRequester), or when it was decided otherwise (409). ' +
      'The same decision again changes nothing. If-Match: the request’s version (stale → 412).',
    tags,
    roles: ['archiveClerk'],
    ifMatch: true,
    request: { params: IdParams, body: DecideChangeRequestBody },
    responses: { 200: { description: 'the decision', body: ChangeRequestDecided } },
    problems: [404, 409, 412, 422],
    handler: ({ params, body: { decision, reason }, meta, ifMatch, commandOptions }) =>
      pipe(
        expectedVersion(ifMatch, () => requestVersion(deps, params.id)),
        TE.flatMap((expected) =>
          decideChangeRequest(deps)({
            requestId: params.id,
            decision,
            meta: meta(reason),
            options: commandOptions,
            ...(expected === undefined ? {} : { expectedVersion: expected }),
          }),
        ),
        afterProjections(deps),
        TE.map((r) =>
          decided({
            id: params.id,
            customerId: r.customerId,
            status: decision === 'apply' ? 'applied' : 'rejected',
            version: r.version,
            customerVersion: decision === 'apply' ? r.customerVersion : null,
          }),
        ),
      ),
    replay: (events, { params }) => replayDecision(events, params.id),
  }),
];
