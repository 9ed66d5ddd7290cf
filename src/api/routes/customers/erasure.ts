import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { z } from 'zod';
import { customerStreamId } from '../../../domain/customer/index.js';
import { contactSubject } from '../../../domain/personalData.js';
import { Actor, Instant } from '../../../domain/shared/index.js';
import { IdParams } from '../../params.js';
import { fromQuery } from '../../viewQueries.js';
import type { ApiError } from '../../errors.js';
import { defineRoute, type JsonReply, type Route } from '../../route.js';
import type { RouteDeps } from '../../deps.js';
import { customerVersion, eraseContact, eraseLegalRepresentative } from '../../../app/customer/index.js';
import { personalDataOf } from '../../../projections/index.js';
import { Changed, ContactParams, ReasonBody } from './schemas.js';
import { changedReply, onStream, singleEvent } from '../../command.js';

const tags = ['customers'];

export const PersonalDataAnswer = z
  .object({
    subject: z.string(),
    erasedAt: Instant.nullable(),
    entries: z.array(
      z.object({
        position: z.number().int(),
        streamId: z.string(),
        version: z.number().int(),
        type: z.string(),
        occurredAt: Instant,
        recordedAt: Instant,
        actor: Actor,
        reason: z.string().nullable(),
        values: z.array(z.object({ path: z.string(), value: z.unknown() })),
      }),
    ),
  })
  .meta({ id: 'PersonalData' });

const contactNotFound = (customerId: string, contactId: string) => ({
  code: 'ContactNotFound' as const,
  message: `customer ${customerId} has no contact ${contactId}`,
});

/**
 * 个人信息保护法: erasure (art. 47) and subject access (art. 45) for the natural persons
 * the archive names. Erasing destroys the subject's key: the events stay, sealed, their
 * hash chains valid, and every read shows 已删除 from then on, at every asOf/knownAt.
 */
export const erasureRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'post',
    path: '/customers/{id}/contacts/{contactId}/erasure',
    summary: "Erase a contact person's personal information (个人信息删除), with the reason",
    description:
      'Destroys the contact’s key: its name, department and title, phones, fax and email read 已删除 in every view, report, ' +
      'export and history entry, at every time point, and in every backup taken afterwards (`backup prune-erased` carries it ' +
      'into older ones). The contact leaves the archive. Who erased it and why is recorded (ContactErased). A contact removed ' +
      'before can still be erased; an unknown one → 404.',
    tags,
    roles: ['salesAdminManager'],
    ifMatch: true,
    request: { params: ContactParams, body: ReasonBody },
    responses: { 200: { description: 'the customer’s version after the erasure', body: Changed } },
    problems: [404, 412, 422],
    handler: ({ params, body, meta, ifMatch, commandOptions }) =>
      pipe(
        onStream(deps, ifMatch, () => customerVersion(deps)(params.id), (expected) =>
          eraseContact(deps)({
            customerId: params.id,
            contactId: params.contactId,
            meta: meta(body.reason),
            options: commandOptions,
            ...(expected === undefined ? {} : { expectedVersion: expected }),
          }),
        ),
        TE.tap(() => TE.fromTask(() => deps.views.keyring.purge())),
        TE.map((r) => changedReply(200, r.version)),
      ),
    replay: (events, { params }) => {
      const event = singleEvent(events, customerStreamId(params.id), 'ContactErased');
      return event && changedReply(200, event.version);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/customers/{id}/legal-representative/erasure',
    summary: "Erase the legal representative's name (法人代表), with the reason",
    description:
      'Destroys the key of the customer’s legal representative: every value the field has held until now reads 已删除, at ' +
      'every time point. A name entered afterwards is kept under a new key. Recorded as LegalRepresentativeErased.',
    tags,
    roles: ['salesAdminManager'],
    ifMatch: true,
    request: { params: IdParams, body: ReasonBody },
    responses: { 200: { description: 'the customer’s version after the erasure', body: Changed } },
    problems: [404, 412, 422],
    handler: ({ params, body, meta, ifMatch, commandOptions }) =>
      pipe(
        onStream(deps, ifMatch, () => customerVersion(deps)(params.id), (expected) =>
          eraseLegalRepresentative(deps)({
            customerId: params.id,
            meta: meta(body.reason),
            options: commandOptions,
            ...(expected === undefined ? {} : { expectedVersion: expected }),
          }),
        ),
        TE.tap(() => TE.fromTask(() => deps.views.keyring.purge())),
        TE.map((r) => changedReply(200, r.version)),
      ),
    replay: (events, { params }) => {
      const event = singleEvent(events, customerStreamId(params.id), 'LegalRepresentativeErased');
      return event && changedReply(200, event.version);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/customers/{id}/contacts/{contactId}/personal-data',
    summary: 'Everything held about a contact person, with its history (个人信息查阅)',
    description:
      'Every event that holds the contact’s personal information (the archive’s and the credit requests’ copies), with who ' +
      'recorded it, when and why, and each value as it reads now (已删除 once erased); the erasures too. An unknown contact → 404.',
    tags,
    roles: ['auditor', 'salesAdminManager'],
    request: { params: ContactParams },
    responses: { 200: { description: 'the contact’s personal information and its history', body: PersonalDataAnswer } },
    problems: [404],
    handler: ({ params }) =>
      pipe(
        fromQuery(() => personalDataOf(deps.views, contactSubject(params.contactId))),
        TE.flatMap((report): TE.TaskEither<ApiError, JsonReply> =>
          report.entries.some((e) => e.streamId === customerStreamId(params.id))
            ? TE.right({ status: 200, body: report })
            : TE.left(contactNotFound(params.id, params.contactId)),
        ),
      ),
  }),
];
