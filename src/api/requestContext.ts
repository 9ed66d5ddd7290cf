import { randomUUID } from 'node:crypto';
import { type Context, context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Request, RequestHandler } from 'express';
import { httpRequestDuration } from '../observability/metrics.js';
import { tracer } from '../observability/tracing.js';
import type { Actor } from '../domain/shared/index.js';
import type { Logger } from './logger.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The caller, from the bearer token (auth.ts); never from the body. */
      actor?: Actor;
      requestId: string;
      /** The app's logger bound to this request's id: use it for every line about it. */
      log: Logger;
      /** The request's trace context (its server span): restored after the body is read (app.ts). */
      traceContext: Context;
    }
  }
}

/** The matched route's template (`/customers/:id`): a bounded label, unlike the path. */
const routeOf = (req: Request): string => (req.route ? `${req.baseUrl}${String(req.route.path)}` : req.baseUrl || 'unmatched');

// A caller's id is echoed into headers and logs: keep it short and inert.
const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` if sane, else a new UUID),
 * echoes it in the response, binds a logger to it, and logs one line per request
 * when the answer is sent.
 */
export const requestContext =
  (logger: Logger): RequestHandler =>
  (req, res, next) => {
    const given = req.get('x-request-id');
    req.requestId = given !== undefined && acceptable.test(given) ? given : randomUUID();
    req.log = logger.child({ reqId: req.requestId });
    res.setHeader('X-Request-Id', req.requestId);
    const started = process.hrtime.bigint();
    const span = tracer().startSpan(req.method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.path } });
    req.traceContext = trace.setSpan(context.active(), span);
    const endSpan = (route: string) => {
      span.updateName(`${req.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': res.statusCode });
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.on('close', () => {
      if (!res.writableFinished) endSpan(routeOf(req)); // the client went away first
    });
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const route = routeOf(req);
      endSpan(route);
      httpRequestDuration.observe({ method: req.method, route, status: String(res.statusCode) }, ms / 1000);
      // One line per request; never a body, a query string or a header value.
      req.log.info(
        { method: req.method, route, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10, actor: req.actor?.id },
        'request',
      );
    });
    context.with(req.traceContext, next);
  };
