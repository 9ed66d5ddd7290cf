import type { RequestHandler } from 'express';
import { type AugmentedRequest, MemoryStore, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { HttpError } from './errors.js';

/**
 * The security headers (helmet's defaults: nosniff, frame-ancestors, referrer policy,
 * HSTS, …) with a Content-Security-Policy that `/docs` and the console (`/`) run under:
 * every script is a file of this server (docs.ts and the Vite build have no inline
 * script), icons are data: URIs. Styles may be inline, for styles only: Swagger UI sets
 * style attributes, and Ant Design writes its CSS-in-JS into <style> elements at run
 * time (a nonce would need index.html rewritten per request and still not cover style
 * attributes); an injected style cannot run code. No upgrade-insecure-requests: the
 * server speaks plain HTTP behind whatever terminates TLS, and on a developer's machine.
 * `connectTo`: origins a page of this server may also fetch from — the OpenID
 * provider's, whose token endpoint the console calls to finish signing in.
 */
export const securityHeaders = (connectTo: readonly string[] = []): RequestHandler =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'", ...connectTo],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
      },
    },
  });

/**
 * Every answer of an authenticated route carries personal data or may (an archive, a
 * list, a refusal naming a customer): no shared or browser cache keeps it.
 */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/** At most `max` failed authentications (401 answers) per client address within `windowMs`. */
export type AuthFailureLimit = { max: number; windowMs: number };

export const defaultAuthFailureLimit: AuthFailureLimit = { max: 30, windowMs: 15 * 60_000 };

/**
 * Guessing tokens from one address: once it has failed authentication `max` times in
 * the window, every request from it is a 429 with Retry-After until the window moves
 * on (requests that authenticate, or send no credentials, are not counted). Counts are per process, in memory;
 * the client address is the socket's (set express's `trust proxy` behind a proxy).
 */
export const authFailureLimiter = (limit: AuthFailureLimit): RequestHandler => {
  const store = new MemoryStore();
  const limiter = rateLimit({
    store,
    windowMs: limit.windowMs,
    limit: limit.max,
    skipSuccessfulRequests: true,
    // A request without credentials is not a guess: only a token refused counts.
    requestWasSuccessful: (req, res) => res.statusCode !== 401 || req.get('authorization') === undefined,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, _res, next) => {
      const reset = (req as Partial<AugmentedRequest>).rateLimit?.resetTime?.getTime() ?? Date.now() + limit.windowMs;
      next({
        code: 'TooManyFailedAuthentications',
        message: `too many requests from this address failed authentication; retry after the window of ${Math.round(limit.windowMs / 1000)} s`,
        retryAfterSeconds: Math.max(1, Math.ceil((reset - Date.now()) / 1000)),
      } satisfies HttpError);
    },
  });
  // express-rate-limit counts a request when it arrives and forgets it when it finishes
  // without a 401. A request whose client went away never finishes, so it stayed counted
  // as a failed authentication: a browser leaving pages mid-load, or a load generator
  // stopping, locked its address out for the whole window after 30 of them.
  return (req, res, next) => {
    res.once('close', () => {
      const key = (req as Partial<AugmentedRequest>).rateLimit?.key;
      if (!res.writableEnded && key !== undefined) void store.decrement(key);
    });
    void limiter(req, res, next);
  };
};
