import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { customerNotFound, customerStreamId } from '../../../domain/customer/index.js';
import { Role } from '../../../domain/shared/index.js';
import type { StoredEvent } from '../../../store/index.js';
import { encodeCursor } from '../../pagination.js';
import { IdParams } from '../../params.js';
import { FormQuery, formReply, xlsxType } from '../../formQuery.js';
import { customerArchiveXlsx } from '../../../exports/index.js';
import { defineRoute, type JsonReply, type Route } from '../../route.js';
import { canSeeCustomer, redactForReader, salespersonScope } from '../../scope.js';
import { afterProjections } from '../../readYourWrites.js';
import { fromQuery, isTimeTravel, timePointOf } from '../../viewQueries.js';
import type { RouteDeps } from '../../deps.js';
import { ChangeArchiveBody, Changed, CustomerListQuery, CustomerPage, CustomerView, Registered, RegisterCustomerBody } from './schemas.js';
import { changedReply, onStream } from '../../command.js';
import { withExpected } from '../../etag.js';
import { newId } from '../../idempotency.js';
import { changeArchiveFields, customerVersion, registerCustomer } from '../../../app/customer/index.js';
import { customerArchive, listCustomers, nameArchive, withSalespersonNames } from '../../../projections/index.js';

const tags = ['customers'];

const registered = (id: string, version: number): JsonReply => ({
  status: 201,
  body: { id, version },
  location: `/customers/${id}`,
  etag: version,
});

/** The first answer again, from the CustomerRegistered the keyed request wrote (beside its name reservation). */
const replayRegistration = (events: readonly StoredEvent[]): JsonReply | undefined => {
  const event = events.find((e) => e.type === 'CustomerRegistered');
  if (!event || !events.every((e) => e.type === 'CustomerRegistered' || e.type === 'CustomerNameReserved')) return undefined;
  const id = (event.data as { customerId: string }).customerId;
  return event.streamId === customerStreamId(id) ? registered(id, event.version) : undefined;
};

const emptyPage = { items: [], nextCursor: null };

export const archiveRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'post',
    path: '/customers',
    summary: 'Register a customer (建立客户档案)',
    description:
      'The archive as entered: `name` (unique among customers that are not lost, else 409 CustomerNameTaken), `salespersonId`, ' +
      '`status` (default `prospect`), `validUntil`, `contacts` and the archive fields of DOMAIN.md §2, with the written `reason`. ' +
      'The system sets `id`, each contact’s `id` and `enteredAt` (录入时间). One primary contact at most (else 409 OnePrimaryContact); ' +
      '`companyTypeOther` only with `companyType` other (else 422 CompanyTypeTextWithoutOther).',
    tags,
    roles: ['archiveClerk'],
    request: { body: RegisterCustomerBody },
    responses: { 201: { description: 'the new customer; `Location` is its archive', body: Registered } },
    problems: [409, 422],
    handler: (ctx) => {
      const { reason, contacts, ...fields } = ctx.body;
      const customerId = newId(ctx, 'customer');
      return pipe(
        registerCustomer(deps)({
          ...fields,
          customerId,
          ...(contacts === undefined ? {} : { contacts: contacts.map((c, i) => ({ ...c, id: newId(ctx, `contact-${i}`) })) }),
          meta: ctx.meta(reason),
          options: ctx.commandOptions,
        }),
        afterProjections(deps),
        TE.map((r) => registered(r.id, r.version)),
      );
    },
    replay: replayRegistration,
  }),
  defineRoute({
    method: 'get',
    path: '/customers',
    summary: 'List customers, filtered by grade, status, salesperson or name',
    description:
      'In id order, paginated. A salesperson sees their own customers only (a `salespersonId` of someone else finds none). ' +
      'With `asOf`/`knownAt`, the customers as they were then (salesperson, status and grade of that time).',
    tags,
    roles: Role.options,
    request: { query: CustomerListQuery },
    responses: { 200: { description: 'a page of customers', body: CustomerPage } },
    handler: ({ query, actor, now }) => {
      const { at } = timePointOf(query, now);
      const scope = salespersonScope(actor);
      if (scope !== undefined && query.salespersonId !== undefined && query.salespersonId !== scope) {
        return TE.right({ status: 200, body: emptyPage });
      }
      const filter = { grade: query.grade, status: query.status, q: query.q, salespersonId: scope ?? query.salespersonId };
      const page = { limit: query.limit, cursor: query.cursor === undefined ? null : encodeCursor(query.cursor) };
      return pipe(
        fromQuery(async () => {
          const found = await listCustomers(deps.views, filter, at, page);
          return { items: await withSalespersonNames(deps.views, found.items, at), nextCursor: found.nextCursor };
        }),
        TE.map((body) => ({ status: 200, body })),
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/customers/{id}',
    summary: 'The archive of one customer (客户档案表)',
    description:
      'Every field of DOMAIN.md §2 with the derived ones (grade, credit limit, VIP, entry time, violations, evaluations). ' +
      '`invoicing` only for archiveClerk, salesAdminManager, groupGM and auditor; a salesperson finds only their own customers (others: 404). ' +
      'The ETag is the version: send it as If-Match when changing it. With `asOf`/`knownAt` the archive as it was then ' +
      '(404 if it did not exist or was not yet recorded), without an ETag. `format=xlsx`: the printable one-page 客户档案表 ' +
      '(财务开票信息 only for the roles above).',
    tags,
    roles: Role.options,
    request: { params: IdParams, query: FormQuery },
    responses: { 200: { description: 'the archive', body: CustomerView, files: { [xlsxType]: '客户档案表 as a one-page workbook' } } },
    problems: [404],
    handler: ({ params, query, actor, now }) => {
      const { at } = timePointOf(query, now);
      return pipe(
        fromQuery(async () => {
          if (!isTimeTravel(query)) return deps.currentArchive(params.id, now);
          const view = await customerArchive(deps.views, params.id, at);
          return view === null ? null : nameArchive(deps.views, view, at);
        }),
        TE.flatMap((view) =>
          view !== null && canSeeCustomer(actor, view.salespersonId) ? TE.right(view) : TE.left(customerNotFound(params.id)),
        ),
        TE.flatMap((view) =>
          query.format === 'xlsx'
            ? formReply(() => customerArchiveXlsx(redactForReader(view, actor), query), `customer-${view.id}.xlsx`)
            : TE.right({ status: 200, body: redactForReader(view, actor), ...(isTimeTravel(query) ? {} : { etag: view.version }) }),
        ),
      );
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/customers/{id}',
    summary: 'Change archive fields (客户档案更改), with the reason',
    description:
      'Only the fields given change; `null` clears one (not the name). A group (`sales`, `competition`, `invoicing`, …) is replaced whole. ' +
      'Values equal to the current ones change nothing (the version stays). Renaming to a live customer’s name → 409. ' +
      '`companyTypeOther` goes with `companyType` other only (else 422 CompanyTypeTextWithoutOther). ' +
      'Status, salesperson, validity and contacts have routes of their own. If-Match: the version you read (stale → 412).',
    tags,
    roles: ['archiveClerk'],
    ifMatch: true,
    request: { params: IdParams, body: ChangeArchiveBody },
    responses: { 200: { description: 'the customer’s version after the change', body: Changed } },
    problems: [404, 409, 412, 422],
    handler: ({ params, body: { reason, ...changes }, meta, ifMatch, commandOptions }) =>
      pipe(
        onStream(deps, ifMatch, () => customerVersion(deps)(params.id), (expected) =>
          changeArchiveFields(deps)({ customerId: params.id, changes, meta: meta(reason), options: commandOptions, ...withExpected(expected) }),
        ),
        TE.map((r) => changedReply(200, r.version)),
      ),
  }),
];
