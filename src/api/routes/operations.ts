import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { managerRoles } from '../../domain/shared/index.js';
import { operationStatus, type Sql } from '../../store/index.js';
import { defineRoute, type Route } from '../route.js';
import { fromQuery } from '../viewQueries.js';
import { OperationStatusBody } from './operations/schemas.js';

/**
 * `GET /operations`: what the operator's `verify` and `backup` last found (they run on
 * the server, by cron or a follower, not over HTTP), for the auditor and the managers
 * who answer for the record. Not public like /ready: it names the backup's directory.
 */
export const operationRoutes = (deps: { db: Sql; schema: string }): Route[] => [
  defineRoute({
    method: 'get',
    path: '/operations',
    summary: 'The last verification of the event log and the last backup, and how far each reached',
    description:
      'Each of `customer-ledger verify` and `customer-ledger backup` (also `--follow`) leaves its last outcome here: when it ran, ' +
      'whether it passed, its line, and the log position its last passing run reached; `logPosition` is the log’s last position ' +
      'now. null for a command never run on this store.',
    tags: ['operations'],
    roles: ['auditor', ...managerRoles],
    responses: { 200: { description: 'the commands’ last outcomes', body: OperationStatusBody } },
    handler: () =>
      pipe(
        fromQuery(() => operationStatus(deps.db, deps.schema)),
        TE.map((body) => ({ status: 200, body, headers: { 'Cache-Control': 'no-store' } })),
      ),
  }),
];
