import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { customerNotFound, type FieldChange } from '../../../domain/customer/index.js';
import type { Actor, Role } from '../../../domain/shared/index.js';
import type { StoredEvent } from '../../../store/index.js';
import { toPage } from '../../pagination.js';
import { IdParams } from '../../params.js';
import { defineRoute, type Route } from '../../route.js';
import { canSeeInvoicing } from '../../scope.js';
import type { CustomerRouteDeps } from './deps.js';
import { HistoryPage, HistoryQuery } from './schemas.js';
import { inScope } from './support.js';

/** API.md: who reads the audit trail (审计). */
const historyReaders = ['auditor', 'archiveClerk', 'salesAdminManager', 'groupGM'] as const satisfies readonly Role[];

type Data = Record<string, unknown>;

/**
 * An event's data as this reader may see it: 财务开票信息 is confidential, so for readers
 * without the right the registration's `archive.invoicing` and every change of the
 * `invoicing` field are left out (the event itself stays, so the trail has no gaps).
 */
export const redactEventData = (type: string, data: Data, actor: Actor): Data => {
  if (canSeeInvoicing(actor)) return data;
  switch (type) {
    case 'CustomerRegistered': {
      const { invoicing: _hidden, ...archive } = data.archive as Data;
      return { ...data, archive };
    }
    case 'ArchiveFieldsChanged':
      return { ...data, changes: (data.changes as FieldChange[]).filter((c) => c.field !== 'invoicing') };
    default:
      return data;
  }
};

const itemOf = (event: StoredEvent, actor: Actor) => ({
  position: event.position,
  version: event.version,
  type: event.type,
  occurredAt: event.occurredAt,
  recordedAt: event.recordedAt,
  actor: event.metadata.actor,
  reason: event.metadata.reason ?? null,
  data: redactEventData(event.type, event.data as Data, actor),
});

export const historyRoutes = (deps: CustomerRouteDeps): Route[] => [
  defineRoute({
    method: 'get',
    path: '/customers/{id}/history',
    summary: 'The audit trail of a customer’s archive: who changed what, when, and why',
    description:
      'Every event of the customer’s archive, oldest first, with its author (`actor`), written `reason`, effective time (`occurredAt`) ' +
      'and record time (`recordedAt`). An applied change request shows as ArchiveFieldsChanged with its `changeRequestId`. ' +
      '`knownAt` cuts at what had been recorded then, `asOf` at what had taken effect; a customer not there at the cut → 404.',
    tags: ['customers'],
    roles: historyReaders,
    request: { params: IdParams, query: HistoryQuery },
    responses: { 200: { description: 'a page of the trail', body: HistoryPage } },
    problems: [404],
    handler: ({ params, query, actor }) =>
      pipe(
        inScope(deps, actor, params.id),
        TE.flatMap(() => deps.services.customerEvents(params.id, { asOf: query.asOf, knownAt: query.knownAt })),
        TE.flatMap((events) => (events.length === 0 ? TE.left(customerNotFound(params.id)) : TE.right(events))),
        TE.map((events) => {
          const after = query.cursor?.[0] ?? 0;
          const rows = events.filter((e) => e.version > after).slice(0, query.limit + 1);
          const page = toPage(rows, query.limit, (e) => [e.version]);
          return { status: 200, body: { items: page.items.map((e) => itemOf(e, actor)), nextCursor: page.nextCursor } };
        }),
      ),
  }),
];
