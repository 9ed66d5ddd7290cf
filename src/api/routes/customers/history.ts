import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { customerNotFound, type FieldChange } from '../../../domain/customer/index.js';
import type { Actor, Role } from '../../../domain/shared/index.js';
import type { AuditEntry } from '../../../projections/index.js';
import { encodeCursor } from '../../pagination.js';
import { IdParams } from '../../params.js';
import { defineRoute, type Route } from '../../route.js';
import { canSeeInvoicing } from '../../scope.js';
import { fromQuery } from '../../viewQueries.js';
import type { RouteDeps } from '../../deps.js';
import { HistoryPage, HistoryQuery } from './schemas.js';
import { customerInScope } from '../../scope.js';
import { auditSubjects, auditTrail } from '../../../projections/index.js';

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

const itemOf = ({ data, ...entry }: AuditEntry, actor: Actor) => ({ ...entry, data: redactEventData(entry.type, data as Data, actor) });

export const historyRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'get',
    path: '/customers/{id}/history',
    summary: 'The audit trail of a customer: who changed what, when, and why',
    description:
      'Every event of the customer’s archive, monthly figures and credit-limit lock, in log order, with its author (`actor`), ' +
      'written `reason`, effective time (`occurredAt`) and record time (`recordedAt`). An applied change request shows as ' +
      'ArchiveFieldsChanged with its `changeRequestId`. `knownAt` cuts at what had been recorded then, `asOf` at what had ' +
      'taken effect; a customer with no trail at the cut → 404.',
    tags: ['customers'],
    roles: historyReaders,
    request: { params: IdParams, query: HistoryQuery },
    responses: { 200: { description: 'a page of the trail', body: HistoryPage } },
    problems: [404],
    handler: ({ params, query, actor }) =>
      pipe(
        customerInScope(deps, actor, params.id),
        TE.flatMap(() =>
          fromQuery(() =>
            auditTrail(
              deps.views,
              auditSubjects.customer(params.id),
              { asOf: query.asOf, knownAt: query.knownAt },
              { limit: query.limit, cursor: query.cursor === undefined ? null : encodeCursor(query.cursor) },
            ),
          ),
        ),
        // A later page may be empty; a first one is empty only when there is no such customer at the cut.
        TE.flatMap((page) => (page.items.length === 0 && query.cursor === undefined ? TE.left(customerNotFound(params.id)) : TE.right(page))),
        TE.map((page) => ({ status: 200, body: { items: page.items.map((e) => itemOf(e, actor)), nextCursor: page.nextCursor } })),
      ),
  }),
];
