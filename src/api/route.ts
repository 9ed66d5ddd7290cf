import type { RequestHandler } from 'express';
import type * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { z } from 'zod';
import type { Actor, CommandMeta, Role } from '../domain/shared/index.js';
import type { ExpectedVersion, StoredEvent } from '../store/eventStore.js';
import type { CursorSeal } from './cursorSeal.js';
import type { ApiError } from './errors.js';
import type { Idempotency, IdempotencyLookup } from './idempotency.js';
import type { Logger } from './logger.js';
import { strictDeep } from './strict.js';
import type { ParsedRequest, RequestSchemas } from './validate.js';

/**
 * One declaration per route: method, path, roles, request and response schemas, and
 * the handler. The same declaration wires express (routeHandler.ts) and registers
 * the OpenAPI path (openapi.ts), so the document cannot drift from what is served.
 *
 * ```ts
 * export const getChangeRequest = (deps: RouteDeps) =>
 *   defineRoute({
 *     method: 'get',
 *     path: '/change-requests/{id}',
 *     summary: 'A change request',
 *     roles: Role.options,
 *     request: { params: IdParams, query: TimeTravelQuery },
 *     responses: { 200: { description: 'the request', body: ChangeRequestView } },
 *     problems: [404],
 *     handler: ({ params, query, actor }) =>
 *       pipe(
 *         readChangeRequest(deps)(params.id, { asOf: query.asOf, knownAt: query.knownAt }),
 *         TE.flatMap((record) => (record === null ? TE.left(notFound(`change request ${params.id}`)) : TE.right(record))),
 *         TE.tap((record) => customerInScope(deps, actor, record.request.customerId)),
 *         TE.map((record) => ({ status: 200, body: viewOf(record, actor), etag: record.version })),
 *       ),
 *   });
 * ```
 * Request schemas are made strict (unknown fields → 400) by the helper; write them
 * as usual (`IdParams`, `Command.shape.data.pick(...)`).
 */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The roles that may call the route, or `'public'` for the few that need no token. */
export type Access = readonly Role[] | 'public';

export type ResponseSpec = {
  description: string;
  /** The JSON body's schema; omit for an empty body or a file. */
  body?: z.ZodType;
  /** Other media types served (files), e.g. `{ 'text/csv': 'the summary as CSV' }`. */
  files?: Record<string, string>;
};

/** Domain refusals a route may answer besides the ones every route has. */
export type RefusalStatus = 403 | 404 | 409 | 412 | 422;

export type JsonReply = {
  status: number;
  body?: unknown;
  /** The aggregate version: sent as `ETag: "<version>"`. */
  etag?: number;
  location?: string;
  headers?: Record<string, string>;
};
export type FileReply = {
  status: number;
  file: { contentType: string; filename: string; data: Buffer | string };
  headers?: Record<string, string>;
};
export type Reply = JsonReply | FileReply;

/** A typed refusal (mapped to its problem by problem.ts) or the reply. */
export type HandlerResult = TE.TaskEither<ApiError, Reply> | Promise<E.Either<ApiError, Reply>>;

export type RouteContext<S extends RequestSchemas, A extends Access> = ParsedRequest<S> & {
  actor: A extends 'public' ? undefined : Actor;
  requestId: string;
  log: Logger;
  /** The request's clock reading: use it for `meta.at` and time-travel defaults. */
  now: Date;
  /** From `If-Match` on state-changing requests; pass it as the expected version. */
  ifMatch: ExpectedVersion | undefined;
  /** From `Idempotency-Key` on a POST: deterministic event ids for the append. */
  idempotency: Idempotency | undefined;
  /** What `handleCommand` / app services take: correlation id, key, event ids. */
  commandOptions: { correlationId: string; idempotencyKey?: string; requestDigest?: string; eventIds?: (index: number) => string };
  /** The command envelope: the token's user, now, and the written reason. */
  meta: A extends 'public' ? undefined : (reason?: string) => CommandMeta;
};

export type RouteSpec<S extends RequestSchemas, A extends Access> = {
  method: Method;
  /** OpenAPI style, `{name}` for a parameter: `/customers/{id}/violations`. */
  path: string;
  summary: string;
  description?: string;
  tags?: string[];
  roles: A;
  request?: S;
  /** The route honours `If-Match` (documented; parsed on every state change anyway). */
  ifMatch?: boolean;
  responses: Record<number, ResponseSpec>;
  problems?: readonly RefusalStatus[];
  handler: (ctx: RouteContext<S, A>) => HandlerResult;
  /**
   * Required on POST: the first answer, rebuilt from the events the first attempt of
   * an Idempotency-Key wrote; `undefined` if they are not this route's (→ 422).
   */
  replay?: (events: readonly StoredEvent[], ctx: RouteContext<S, A>) => Reply | undefined;
};

/** What the app gives every route when it mounts it. */
export type RouteEnv = {
  /** Who calls: bearer tokens (auth.ts `authenticate`) or the host's own (`identifiedBy`). */
  authenticate: RequestHandler;
  findIdempotent: IdempotencyLookup;
  clock: () => Date;
  bodyLimit: number;
  /** Seals the cursors answered, opens the ones received. */
  cursors: CursorSeal;
  /** Counts failed authentications per client address; over the limit, a 429. */
  authFailures: RequestHandler;
  /** Check each JSON answer against its declared schema (tests): a mismatch is a bug. */
  checkResponses: boolean;
};

/** A declared route with its types erased: app.ts mounts it (routeHandler.ts) and documents it (openapi.ts). */
export type Route = {
  method: Method;
  path: string;
  spec: RouteSpec<RequestSchemas, Access>;
};

const pathParam = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** `/customers/{id}` → `/customers/:id` for express. */
export const expressPath = (path: string): string => path.replace(pathParam, ':$1');

/** `/customers/{id}` → a regex matching concrete paths (for 405 answers). */
export const pathPattern = (path: string): RegExp =>
  new RegExp(`^${path.split(pathParam).map((part, i) => (i % 2 === 1 ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}/?$`);

export const defineRoute = <S extends RequestSchemas = Record<never, never>, A extends Access = Access>(
  spec: RouteSpec<S, A>,
): Route => {
  if (spec.method === 'post' && !spec.replay) {
    throw new Error(`POST ${spec.path} declares no replay: every POST answers a retried Idempotency-Key`);
  }
  const request = spec.request ?? ({} as S);
  const strict: RequestSchemas = {
    params: request.params && strictDeep(request.params),
    query: request.query && strictDeep(request.query),
    body: request.body && strictDeep(request.body),
  };
  const erased = { ...spec, request: strict } as unknown as RouteSpec<RequestSchemas, Access>;
  return { method: spec.method, path: spec.path, spec: erased };
};
