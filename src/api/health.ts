import * as E from 'fp-ts/Either';
import { z } from 'zod';
import type { Db } from '../store/db.js';
import { defineRoute } from './route.js';

export const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });

/**
 * `GET /health`: 200 `{"status":"ok"}` when the store answers a query; 503 (a
 * problem document) when it does not, or while the server drains.
 */
export const healthRoute = (db: Db) =>
  defineRoute({
    method: 'get',
    path: '/health',
    summary: 'Liveness and readiness: the server accepts requests and the store answers',
    tags: ['operations'],
    roles: 'public',
    responses: { 200: { description: 'ready', body: Health } },
    handler: async () => {
      try {
        await db.query('select 1');
        return E.right({ status: 200, body: { status: 'ok' }, headers: { 'Cache-Control': 'no-store' } });
      } catch (e) {
        return E.left({ code: 'StoreUnavailable', message: `the store does not answer: ${(e as Error).message}` });
      }
    },
  });
