import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { ComplaintView as RecordedComplaint } from '../../../app/complaint/index.js';
import { allowedSteps, type ComplaintReceived, type ComplaintState, complaintStreamId, receiverRoles } from '../../../domain/complaint/index.js';
import { Role } from '../../../domain/shared/index.js';
import type { StoredEvent } from '../../../store/index.js';
import { notFound } from '../../errors.js';
import { encodeCursor } from '../../pagination.js';
import { IdParams, TimeTravelQuery } from '../../params.js';
import { defineRoute, type JsonReply, type Route } from '../../route.js';
import { ownCustomer, readableRecord, salespersonScope, scopeOfComplaint } from '../../scope.js';
import { newId } from '../../idempotency.js';
import { afterProjections } from '../../readYourWrites.js';
import { fromQuery, isTimeTravel, timePointOf } from '../../viewQueries.js';
import type { RouteDeps } from '../../deps.js';
import { ComplaintCreated, ComplaintListQuery, ComplaintPage, type ComplaintSummary, ComplaintView, ReceiveComplaintBody, tags } from './schemas.js';
import { getComplaint, receiveComplaint } from '../../../app/complaint/index.js';
import { listComplaints } from '../../../projections/index.js';

/** A recorded complaint as the stream or the read model keeps it. */
type Recorded = Exclude<ComplaintState, { status: 'notReceived' }> & { id: string; description: string | null; materials: string[]; version: number };

export const summaryOf = (c: Recorded): ComplaintSummary => ({
  id: c.id,
  customerId: c.complaint.customerId,
  status: c.status,
  category: c.status === 'received' ? null : c.category,
  resolution: c.status === 'closed' ? c.resolution : null,
  receivedAt: c.complaint.receivedAt,
  reopenCount: c.complaint.reopenCount,
  description: c.description,
  materials: c.materials,
  allowedSteps: [...allowedSteps[c.status]],
  version: c.version,
});

const viewOf = (c: RecordedComplaint): ComplaintView => ({
  ...summaryOf(c),
  description: c.description,
  history: c.steps.map(({ version, type, occurredAt, recordedAt, actor, reason, data }) => ({
    version,
    type,
    occurredAt,
    recordedAt,
    actor,
    reason,
    data: data as Record<string, unknown>,
  })),
});


const created = (id: string, version: number): JsonReply => ({
  status: 201,
  body: { id, status: 'received', version },
  location: `/complaints/${id}`,
  etag: version,
});

const replayReceipt = (events: readonly StoredEvent[], customerId: string): JsonReply | undefined => {
  const [event] = events;
  if (events.length !== 1 || event?.type !== 'ComplaintReceived') return undefined;
  const data = event.data as ComplaintReceived['data'];
  return data.customerId === customerId && event.streamId === complaintStreamId(data.complaintId) ? created(data.complaintId, event.version) : undefined;
};

export const recordRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'post',
    path: '/complaints',
    summary: 'Record a customer complaint (① 客户投诉) with the material provided',
    description:
      '`receivedAt` is when the customer complained (default now; later than now → 422 ReceivedInTheFuture): times to first response ' +
      'and to close count from it. The description is stored as the written reason. A salesperson records complaints of their own customers (others: 404).',
    tags,
    roles: receiverRoles,
    request: { body: ReceiveComplaintBody },
    responses: { 201: { description: 'the complaint; `Location` is where to follow it', body: ComplaintCreated } },
    problems: [404, 409, 422],
    handler: (ctx) => {
      const { customerId, description, materials, receivedAt } = ctx.body;
      const complaintId = newId(ctx, 'complaint');
      return pipe(
        ownCustomer(deps, ctx.actor, customerId),
        TE.flatMap(() =>
          receiveComplaint(deps)({ complaintId, customerId, description, materials, receivedAt, meta: ctx.meta(), options: ctx.commandOptions }),
        ),
        afterProjections(deps),
        TE.map((r) => created(r.id, r.version)),
      );
    },
    replay: (events, { body }) => replayReceipt(events, body.customerId),
  }),
  defineRoute({
    method: 'get',
    path: '/complaints/{id}',
    summary: 'A complaint: where it stands in the flow, the steps it takes next, and its history',
    description:
      '`history` lists every recorded step with who took it, when (effective and recorded) and why. A salesperson sees the complaints ' +
      'of their own customers and those they recorded (others: 404). The ETag is the complaint’s version (If-Match of a step); ' +
      'a time-travelling answer has none.',
    tags,
    roles: Role.options,
    request: { params: IdParams, query: TimeTravelQuery },
    responses: { 200: { description: 'the complaint', body: ComplaintView } },
    problems: [404],
    handler: ({ params, query, actor }) =>
      pipe(
        getComplaint(deps)(params.id, { asOf: query.asOf, knownAt: query.knownAt }),
        TE.flatMap((c) => readableRecord(deps, actor, c, scopeOfComplaint, notFound(`complaint ${params.id}`))),
        TE.map((c) => ({ status: 200, body: viewOf(c), ...(isTimeTravel(query) ? {} : { etag: c.version }) })),
      ),
  }),
  defineRoute({
    method: 'get',
    path: '/complaints',
    summary: 'Complaints, filtered by customer, status or when they were received',
    description:
      'In id order, paginated. A salesperson sees the complaints of their own customers (whoever owns the customer now) and those they recorded; ' +
      'a page holds `limit` items whenever more follow.',
    tags,
    roles: Role.options,
    request: { query: ComplaintListQuery },
    responses: { 200: { description: 'a page of complaints', body: ComplaintPage } },
    handler: ({ query, actor, now }) => {
      const { at } = timePointOf(query, now);
      const filter = { customerId: query.customerId, status: query.status, from: query.from, to: query.to, visibleTo: salespersonScope(actor) };
      const page = { limit: query.limit, cursor: query.cursor === undefined ? null : encodeCursor(query.cursor) };
      return pipe(
        fromQuery(() => listComplaints(deps.views, filter, at, page)),
        TE.map((found) => ({ status: 200, body: { items: found.items.map(summaryOf), nextCursor: found.nextCursor } })),
      );
    },
  }),
];
