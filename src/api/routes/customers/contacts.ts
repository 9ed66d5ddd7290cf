import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { ContactAdded } from '../../../domain/customer/index.js';
import { IdParams } from '../../params.js';
import { defineRoute, type JsonReply, type Route } from '../../route.js';
import type { RouteDeps } from '../../deps.js';
import { customerStreamId } from '../../../domain/customer/index.js';
import { AddContactBody, ChangeContactBody, Changed, ContactAddedAnswer, ContactParams, RemoveContactBody, RemoveContactQuery } from './schemas.js';
import { changedReply, onStream, singleEvent } from '../../command.js';
import { withExpected } from '../../etag.js';
import { newId } from '../../idempotency.js';
import { addContact, changeContact, customerVersion, removeContact } from '../../../app/customer/index.js';

const tags = ['customers'];

const added = (id: string, version: number): JsonReply => ({ status: 201, body: { id, version }, etag: version });

/**
 * 联系信息: contacts are personal data with ids of their own, so they change one by one
 * (the archive clerk only); the archive's GET shows them in `contacts`. If-Match on
 * each is the customer's version.
 */
export const contactRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'post',
    path: '/customers/{id}/contacts',
    summary: 'Add a contact person (联系信息), with the reason',
    description: 'The system gives the contact its `id`. A customer has one primary contact at most: a second → 409 OnePrimaryContact.',
    tags,
    roles: ['archiveClerk'],
    ifMatch: true,
    request: { params: IdParams, body: AddContactBody },
    responses: { 201: { description: 'the new contact’s id and the customer’s version', body: ContactAddedAnswer } },
    problems: [404, 409, 412, 422],
    handler: (ctx) => {
      const { reason, ...details } = ctx.body;
      const contact = { ...details, id: newId(ctx, 'contact') };
      return pipe(
        onStream(deps, ctx.ifMatch, () => customerVersion(deps)(ctx.params.id), (expected) =>
          addContact(deps)({ customerId: ctx.params.id, contact, meta: ctx.meta(reason), options: ctx.commandOptions, ...withExpected(expected) }),
        ),
        TE.map((r) => added(contact.id, r.version)),
      );
    },
    replay: (events, { params }) => {
      const event = singleEvent(events, customerStreamId(params.id), 'ContactAdded');
      return event && added((event.data as ContactAdded['data']).contact.id, event.version);
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/customers/{id}/contacts/{contactId}',
    summary: 'Change a contact, with the reason',
    description:
      'Only the fields given change; `null` clears an optional one. An unknown or removed contact → 404 ContactNotFound; ' +
      'making a contact primary beside the primary one → 409 OnePrimaryContact.',
    tags,
    roles: ['archiveClerk'],
    ifMatch: true,
    request: { params: ContactParams, body: ChangeContactBody },
    responses: { 200: { description: 'the customer’s version after the change', body: Changed } },
    problems: [404, 409, 412, 422],
    handler: ({ params, body: { reason, ...changes }, meta, ifMatch, commandOptions }) =>
      pipe(
        onStream(deps, ifMatch, () => customerVersion(deps)(params.id), (expected) =>
          changeContact(deps)({
            customerId: params.id,
            contactId: params.contactId,
            changes,
            meta: meta(reason),
            options: commandOptions,
            ...withExpected(expected),
          }),
        ),
        TE.map((r) => changedReply(200, r.version)),
      ),
  }),
  defineRoute({
    method: 'delete',
    path: '/customers/{id}/contacts/{contactId}',
    summary: 'Remove a contact, with the reason',
    description:
      'The reason goes in a JSON body `{"reason": "…"}` or, for clients that send no body with DELETE, in the query (`?reason=…`); ' +
      'without either → 422 ReasonRequired. The history keeps the contact. Removing it again changes nothing.',
    tags,
    roles: ['archiveClerk'],
    ifMatch: true,
    request: { params: ContactParams, query: RemoveContactQuery, body: RemoveContactBody },
    responses: { 200: { description: 'the customer’s version after the removal', body: Changed } },
    problems: [404, 412, 422],
    handler: ({ params, query, body, meta, ifMatch, commandOptions }) =>
      pipe(
        onStream(deps, ifMatch, () => customerVersion(deps)(params.id), (expected) =>
          removeContact(deps)({
            customerId: params.id,
            contactId: params.contactId,
            meta: meta(body?.reason ?? query.reason),
            options: commandOptions,
            ...withExpected(expected),
          }),
        ),
        TE.map((r) => changedReply(200, r.version)),
      ),
  }),
];
