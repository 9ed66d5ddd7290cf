import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { recordStaffMember, staffVersion } from '../../app/staff/index.js';
import { Role } from '../../domain/shared/index.js';
import { listStaff, staffMember } from '../../projections/index.js';
import { changedReply, onStream } from '../command.js';
import type { RouteDeps } from '../deps.js';
import { withExpected } from '../etag.js';
import { notFound } from '../errors.js';
import { encodeCursor } from '../pagination.js';
import { defineRoute, type JsonReply, type Route } from '../route.js';
import { fromQuery, isTimeTravel, timePointOf } from '../viewQueries.js';
import { PutStaffBody, StaffListQuery, StaffPage, StaffParams, StaffQuery, StaffView } from './staff/schemas.js';

const tags = ['staff'];

const staffPath = (id: string) => `/staff/${encodeURIComponent(id)}`;

/**
 * The staff directory (业务员 and signers by name, API.md v1.1): the sales admin
 * manager keeps it; every reader reads it, and every report prints its names.
 */
export const staffRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'put',
    path: '/staff/{id}',
    summary: 'Put a person’s entry in the staff directory (姓名, 部门, 职务), with the reason',
    description:
      '`{id}` is the `sub` of the person’s token. 201 for a new entry, 200 for a changed one or the same again (nothing changes). ' +
      'The entry replaces the previous one from now on: reports as of earlier times keep the name of their time. ' +
      'If-Match: the version you read (stale → 412); `*`: only if listed.',
    tags,
    roles: ['salesAdminManager'],
    ifMatch: true,
    request: { params: StaffParams, body: PutStaffBody },
    responses: {
      200: { description: 'the entry, changed or already so', body: StaffView },
      201: { description: 'the new entry', body: StaffView },
    },
    problems: [412, 422],
    handler: ({ params, body: { reason, name, department, title }, meta, ifMatch, commandOptions }) =>
      pipe(
        onStream(deps, ifMatch, () => staffVersion(deps)(params.id), (expected) =>
          recordStaffMember(deps)({
            staffId: params.id,
            name,
            department: department ?? null,
            title: title ?? null,
            meta: meta(reason),
            options: commandOptions,
            ...withExpected(expected),
          }),
        ),
        TE.map(
          (r): JsonReply => ({
            ...changedReply(r.created ? 201 : 200, r.version),
            body: { id: params.id, ...r.details, version: r.version },
            ...(r.created ? { location: staffPath(params.id) } : {}),
          }),
        ),
      ),
  }),
  defineRoute({
    method: 'get',
    path: '/staff',
    summary: 'The staff directory, in id order',
    description: 'Paginated. With `asOf`/`knownAt`, the directory as it was then (the names of that time).',
    tags,
    roles: Role.options,
    request: { query: StaffListQuery },
    responses: { 200: { description: 'a page of the directory', body: StaffPage } },
    handler: ({ query, now }) => {
      const { at } = timePointOf(query, now);
      const page = { limit: query.limit, cursor: query.cursor === undefined ? null : encodeCursor(query.cursor) };
      return pipe(
        fromQuery(() => listStaff(deps.views, at, page)),
        TE.map((body) => ({ status: 200, body })),
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/staff/{id}',
    summary: 'One person’s entry in the staff directory',
    description: 'With `asOf`/`knownAt` the entry as it was then (404 if not listed then), without an ETag.',
    tags,
    roles: Role.options,
    request: { params: StaffParams, query: StaffQuery },
    responses: { 200: { description: 'the entry', body: StaffView } },
    problems: [404],
    handler: ({ params, query, now }) =>
      pipe(
        fromQuery(() => staffMember(deps.views, params.id, timePointOf(query, now).at)),
        TE.flatMap((entry) => (entry === null ? TE.left(notFound(`staff member ${params.id}`)) : TE.right(entry))),
        TE.map((entry): JsonReply => ({ status: 200, body: entry, ...(isTimeTravel(query) ? {} : { etag: entry.version }) })),
      ),
  }),
];
