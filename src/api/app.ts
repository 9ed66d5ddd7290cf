import { context } from '@opentelemetry/api';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../store/db.js';
import type { EventStore } from '../store/eventStore.js';
import { type AuthConfig, authenticate, type Identify, identifiedBy } from './auth.js';
import { consoleRouter } from './console.js';
import { cursorSeal } from './cursorSeal.js';
import { docsRouter } from './docs.js';
import type { HttpError } from './errors.js';
import { inSpan } from '../observability/tracing.js';
import type { Readiness } from '../projections/index.js';
import { healthRoute, readyRoute } from './health.js';
import type { Logger } from './logger.js';
import { type OpenApiDocument, openApiDocument } from './openapi.js';
import { toProblem } from './problem.js';
import { requestContext } from './requestContext.js';
import { type AuthFailureLimit, authFailureLimiter, defaultAuthFailureLimit, securityHeaders } from './security.js';
import { expressPath, pathPattern, type Route, type RouteEnv } from './route.js';
import { mountRoute } from './routeHandler.js';

/**
 * Everything the API needs, passed in: no module state, so tests build as many apps
 * as they like. Business routes arrive as `routes`, built by `src/api/routes/<context>.ts`
 * factories from the app services and projection queries they close over.
 */
export type AppDeps = {
  /** Where a retried Idempotency-Key finds its first answer's events. */
  store: EventStore;
  db: Db;
  config: Pick<Config, 'bodyLimit'>;
  logger: Logger;
  /** Verifies bearer tokens (unless `identify` is given) and seals pagination cursors. */
  auth: AuthConfig;
  /** A host's own authentication instead of bearer tokens (the API mounted in another app). */
  identify?: Identify | undefined;
  routes?: readonly Route[];
  clock?: () => Date;
  /** Answers 503 to new requests while the server drains (server.ts). */
  isShuttingDown?: () => boolean;
  /** Check each JSON answer against its declared schema (tests). */
  checkResponses?: boolean;
  /** Failed authentications allowed per client address (security.ts). */
  authFailureLimit?: AuthFailureLimit;
  /** The API's version in the OpenAPI document. */
  version?: string;
  /** What /ready answers (views within READY_MAX_LAG); without it, whether the store answers. */
  readiness?: () => Promise<Readiness>;
  /** Origins the served pages may fetch from besides this server (the OpenID provider's; security.ts). */
  connectTo?: readonly string[];
  /** The built console served at `/` (console.ts); default dist/web. */
  consoleDir?: string;
};

const storeAnswers = (db: Db) => async (): Promise<Readiness> => {
  await db.query('select 1');
  return { ready: true, views: [] };
};

/** While draining, new requests are told to go elsewhere; /health says so too. */
const drainGate =
  (isShuttingDown: () => boolean): RequestHandler =>
  (_req, res, next) => {
    if (!isShuttingDown()) return next();
    res.setHeader('Connection', 'close');
    next({ code: 'ShuttingDown', message: 'the server is shutting down; retry on another instance or shortly' } satisfies HttpError);
  };

/** No route here: 405 with `Allow` when the path exists for other methods, else 404. */
const unmatched =
  (routes: readonly Route[]): RequestHandler =>
  (req, _res, next) => {
    const allow = [...new Set(routes.filter((r) => pathPattern(r.path).test(req.path)).map((r) => r.method.toUpperCase()))];
    if (allow.includes('GET')) allow.push('HEAD');
    const error: HttpError =
      allow.length > 0
        ? { code: 'MethodNotAllowed', message: `${req.method} is not allowed here; use ${allow.join(', ')}`, allow }
        : { code: 'RouteNotFound', message: `no route ${req.method} ${req.path}; see /openapi.json` };
    next(error);
  };

/** Each step of a route runs in the request's trace context, which reading the body (stream events) loses. */
const inRequestTrace =
  (step: RequestHandler): RequestHandler =>
  (req, res, next) =>
    context.with(req.traceContext, () => step(req, res, next));

/** The route's handler (its use case) as a span of its own, inside the request's. */
const traced = (route: Route): Route => {
  const name = `usecase ${route.method.toUpperCase()} ${route.path}`;
  const handler: Route['spec']['handler'] = (ctx) =>
    inSpan(name, async (span) => {
      span.setAttribute('ledger.usecase', route.spec.summary);
      const result = route.spec.handler(ctx);
      return typeof result === 'function' ? result() : result;
    });
  return { ...route, spec: { ...route.spec, handler } };
};

/** The last middleware: every error becomes a problem document; only bugs are 500. */
const problems: ErrorRequestHandler = (error, req, res, _next) => {
  const answer = toProblem(error);
  if (answer.bug) req.log.error({ err: error }, 'unhandled error');
  else req.log.info({ code: answer.body.code, status: answer.status }, 'refused');
  if (res.headersSent) return void res.destroy();
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  res
    .status(answer.status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...answer.body, instance: req.path, requestId: req.requestId }));
};

/** The routes the app serves and documents at /openapi.json (the console's client is typed from them). */
export const servedRoutes = (deps: Pick<AppDeps, 'db' | 'readiness' | 'routes'>): Route[] => [
  healthRoute(deps.db),
  readyRoute(deps.readiness ?? storeAnswers(deps.db)),
  ...(deps.routes ?? []),
];

export const createApp = (deps: AppDeps): Express => {
  const routes = servedRoutes(deps);
  const env: RouteEnv = {
    authenticate: deps.identify ? identifiedBy(deps.identify) : authenticate(deps.auth),
    findIdempotent: deps.store.readByIdempotencyKey,
    clock: deps.clock ?? (() => new Date()),
    bodyLimit: deps.config.bodyLimit,
    cursors: cursorSeal(deps.auth.secret),
    authFailures: authFailureLimiter(deps.authFailureLimit ?? defaultAuthFailureLimit),
    checkResponses: deps.checkResponses ?? false,
  };
  let document: OpenApiDocument | undefined;

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // ETags are aggregate versions, set by the routes
  app.set('query parser', 'simple');
  app.use(requestContext(deps.logger));
  app.use(securityHeaders(deps.connectTo));
  app.use(drainGate(deps.isShuttingDown ?? (() => false)));
  app.get('/openapi.json', (_req, res) => {
    document ??= openApiDocument(routes, deps.version ?? '1');
    res.json(document);
  });
  app.use('/docs', docsRouter());
  app.use(consoleRouter(deps.consoleDir));
  for (const route of routes) app[route.method](expressPath(route.path), ...mountRoute(traced(route), env).map(inRequestTrace));
  app.use(unmatched(routes));
  app.use(problems);
  return app;
};
