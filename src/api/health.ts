import * as E from 'fp-ts/Either';
import { z } from 'zod';
import type { Readiness } from '../projections/index.js';
import type { Db } from '../store/db.js';
import type { Logger } from './logger.js';
import { defineRoute } from './route.js';
import type { ApiError } from './errors.js';

export const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

export const ReadinessBody = z
  .object({
    status: z.enum(['ready', 'notReady']),
    views: z.array(
      z.object({
        name: z.string(),
        ready: z.boolean(),
        state: z.enum(['live', 'missing', 'failed']),
        lagEvents: z.number().int(),
        lagSeconds: z.number(),
        reason: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'Readiness' });

const noStore = { 'Cache-Control': 'no-store' };

/** Probes are public: the driver's message (hosts, ports) goes to the log, not to the caller. */
const unavailable = (log: Logger, err: unknown): E.Either<ApiError, never> => {
  log.warn({ err }, 'the store does not answer');
  return E.left({ code: 'StoreUnavailable', message: 'the store does not answer' });
};

/**
 * `GET /health`: liveness. 200 `{"status":"ok"}` when the process serves requests and
 * the store answers a query; 503 when it does not, or while the server drains.
 */
export const healthRoute = (db: Db) =>
  defineRoute({
    method: 'get',
    path: '/health',
    summary: 'Liveness: the server accepts requests and the store answers',
    tags: ['operations'],
    roles: 'public',
    responses: { 200: { description: 'alive', body: Health } },
    handler: async ({ log }) => {
      try {
        await db.query('select 1');
        return E.right({ status: 200, body: { status: 'ok' }, headers: noStore });
      } catch (err) {
        return unavailable(log, err);
      }
    },
  });

/**
 * `GET /ready`: 200 when the store answers and every view is within READY_MAX_LAG of
 * the log, so reports are current; 503 with each view's state otherwise. Public, like
 * /health (load balancers and orchestrators probe without tokens): it names views and
 * how far behind they are, never data or error texts.
 */
export const readyRoute = (readiness: () => Promise<Readiness>) =>
  defineRoute({
    method: 'get',
    path: '/ready',
    summary: 'Readiness: the store answers and every view is within READY_MAX_LAG of the log',
    tags: ['operations'],
    roles: 'public',
    responses: {
      200: { description: 'ready: reports are current', body: ReadinessBody },
      503: { description: 'not ready: the views behind and why', body: ReadinessBody },
    },
    handler: async ({ log }) => {
      let answer: Readiness;
      try {
        answer = await readiness();
      } catch (err) {
        return unavailable(log, err);
      }
      const body = { status: answer.ready ? 'ready' : 'notReady', views: answer.views };
      return E.right({ status: answer.ready ? 200 : 503, body, headers: noStore });
    },
  });
