import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import * as E from 'fp-ts/Either';
import type { Actor } from '../domain/shared/index.js';
import { allow } from './auth.js';
import { type ApiError, type HttpError, Refusal, requestInvalid } from './errors.js';
import { etagOf, ifNoneMatchHolds, parseIfMatch } from './etag.js';
import { idempotencyFor, parseIdempotencyKey, requestDigest } from './idempotency.js';
import type { Access, HandlerResult, JsonReply, Reply, Route, RouteContext, RouteEnv, RouteSpec } from './route.js';
import type { RequestSchemas } from './validate.js';
import { noStore } from './security.js';
import { parseRequest } from './validate.js';

type Spec = RouteSpec<RequestSchemas, Access>;
type Context = RouteContext<RequestSchemas, Access>;

const jsonTypes = ['application/json', 'application/*+json'];

/** JSON only: a body in any other media type is a 415 before it is read. */
const jsonOnly: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && !req.is(jsonTypes)) {
    const given = req.get('content-type') ?? 'none';
    return next({ code: 'UnsupportedMediaType', message: `the body must be application/json (Content-Type: ${given})` } satisfies HttpError);
  }
  next();
};

const run = async (result: HandlerResult): Promise<E.Either<ApiError, Reply>> =>
  typeof result === 'function' ? result() : result;

const isFile = (reply: Reply): reply is Extract<Reply, { file: unknown }> => 'file' in reply;

/** RFC 6266 with RFC 8187 for names in Chinese: an ASCII fallback and the UTF-8 name. */
const attachment = (filename: string): string => {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
};

const checkBody = (spec: Spec, reply: JsonReply): void => {
  const declared = spec.responses[reply.status];
  if (!declared) throw new Error(`${spec.method.toUpperCase()} ${spec.path} answered ${reply.status}, which it does not declare`);
  if (!declared.body) return;
  const parsed = declared.body.safeParse(reply.body);
  if (!parsed.success) {
    throw new Error(`${spec.method.toUpperCase()} ${spec.path} answered ${reply.status} off its schema: ${parsed.error.message}`);
  }
};

/** A page's `nextCursor`, sealed (cursorSeal.ts); every other body as it is. */
const sealedCursor = (env: RouteEnv, body: unknown): unknown => {
  if (typeof body !== 'object' || body === null || !('nextCursor' in body) || typeof body.nextCursor !== 'string') return body;
  return { ...body, nextCursor: env.cursors.seal(body.nextCursor) };
};

/** The query with its `cursor` opened: a cursor this server did not seal is refused here. */
const openedQuery = (env: RouteEnv, query: Record<string, unknown>): E.Either<HttpError, Record<string, unknown>> => {
  if (typeof query.cursor !== 'string') return E.right(query);
  const cursor = env.cursors.open(query.cursor);
  return cursor === undefined
    ? E.left(requestInvalid([{ path: 'query.cursor', message: 'not a cursor this API gave out; start again from the first page' }]))
    : E.right({ ...query, cursor });
};

const send = (spec: Spec, env: RouteEnv, req: Request, res: Response, given: Reply): void => {
  const reply = isFile(given) ? given : { ...given, body: sealedCursor(env, given.body) };
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (isFile(reply)) {
    res.status(reply.status).type(reply.file.contentType).setHeader('Content-Disposition', attachment(reply.file.filename));
    res.send(reply.file.data);
    return;
  }
  if (env.checkResponses) checkBody(spec, reply);
  if (reply.location !== undefined) res.location(reply.location);
  if (reply.etag !== undefined) {
    res.setHeader('ETag', etagOf(reply.etag));
    if ((req.method === 'GET' || req.method === 'HEAD') && ifNoneMatchHolds(req.get('if-none-match'), reply.etag)) {
      res.status(304).end();
      return;
    }
  }
  if (reply.body === undefined) res.status(reply.status).end();
  else res.status(reply.status).json(reply.body);
};

const changesState = (spec: Spec) => spec.method !== 'get';

/** Parses everything, builds the handler's context; the first refusal ends it. */
const contextOf = (spec: Spec, env: RouteEnv, req: Request): E.Either<HttpError, Context> => {
  const query = openedQuery(env, req.query);
  if (E.isLeft(query)) return query;
  const parsed = parseRequest(spec.request ?? {}, { params: req.params, query: query.right, body: req.body });
  if (E.isLeft(parsed)) return parsed;
  const ifMatch = changesState(spec) ? parseIfMatch(req.get('if-match')) : E.right(undefined);
  if (E.isLeft(ifMatch)) return ifMatch;
  const key = spec.method === 'post' ? parseIdempotencyKey(req.get('idempotency-key')) : E.right(undefined);
  if (E.isLeft(key)) return key;
  const actor = req.actor;
  const idempotency =
    key.right !== undefined && actor ? idempotencyFor(actor.id, key.right, requestDigest(`${spec.method} ${spec.path}`, parsed.right)) : undefined;
  const now = env.clock();
  return E.right({
    ...parsed.right,
    actor,
    requestId: req.requestId,
    log: req.log,
    now,
    ifMatch: ifMatch.right,
    idempotency,
    commandOptions: {
      correlationId: req.requestId,
      ...(idempotency ? { idempotencyKey: idempotency.key, requestDigest: idempotency.requestDigest, eventIds: idempotency.eventId } : {}),
    },
    meta: actor ? (reason?: string) => ({ actor: actor satisfies Actor, at: now.toISOString(), reason }) : undefined,
  } as Context);
};

/** A keyed POST whose key already wrote events answers the first answer again. */
const replayed = async (spec: Spec, env: RouteEnv, ctx: Context): Promise<E.Either<ApiError, Reply> | undefined> => {
  if (!ctx.idempotency || !ctx.actor || !spec.replay) return undefined;
  const found = await env.findIdempotent(ctx.actor.id, ctx.idempotency.key)();
  if (E.isLeft(found)) return found;
  if (found.right.length === 0) return undefined;
  // Events written before digests were kept carry none: for them, replay decides as before.
  const digests = new Set(found.right.flatMap((e) => (e.metadata.requestDigest === undefined ? [] : [e.metadata.requestDigest])));
  const reply = digests.size > 0 && !digests.has(ctx.idempotency.requestDigest) ? undefined : spec.replay(found.right, ctx);
  if (!reply) {
    return E.left({ code: 'IdempotencyKeyReused', message: 'this Idempotency-Key was already used for a different request' } satisfies HttpError);
  }
  return E.right({ ...reply, headers: { ...reply.headers, 'Idempotent-Replayed': 'true' } });
};

const handle =
  (spec: Spec, env: RouteEnv): RequestHandler =>
  async (req: Request, res: Response, next: NextFunction) => {
    try {
      const ctx = contextOf(spec, env, req);
      if (E.isLeft(ctx)) return next(ctx.left);
      let result = (await replayed(spec, env, ctx.right)) ?? (await run(spec.handler(ctx.right)));
      // A retry that raced its first attempt is refused by that attempt's own effect
      // (the same event ids, the name it reserved): once that has committed, answer it.
      if (E.isLeft(result) && ctx.right.idempotency) result = (await replayed(spec, env, ctx.right)) ?? result;
      if (E.isLeft(result)) return next(new Refusal(result.left));
      send(spec, env, req, res, result.right);
    } catch (e) {
      next(e);
    }
  };

/** The middleware chain of one route: who, may they, what did they send, answer. */
export const mountRoute = (route: Route, env: RouteEnv): RequestHandler[] => {
  const { spec } = route;
  const guard = spec.roles === 'public' ? [] : [noStore, env.authFailures, env.authenticate, allow(...spec.roles)];
  const body = changesState(spec)
    ? [jsonOnly, express.json({ limit: env.bodyLimit, type: jsonTypes, strict: true })]
    : [];
  return [...guard, ...body, handle(spec, env)];
};
