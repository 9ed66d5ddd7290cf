import { Writable } from 'node:stream';
import type { Express } from 'express';
import request from 'supertest';
import { z } from 'zod';
import { expect } from 'vitest';
import { createApp } from '../../../src/api/app.js';
import { authConfig, signToken } from '../../../src/api/auth.js';
import { createLogger } from '../../../src/api/logger.js';
import { type CustomerQueries, customerRouteDeps, customerRoutes } from '../../../src/api/routes/customers.js';
import type { Actor, Role } from '../../../src/domain/shared/index.js';
import { knownAtSql } from '../../../src/projections/bitemporal/timelineSql.js';
import { customersProjection } from '../../../src/projections/customers/projection.js';
import { createProjectionEngine, type ProjectionEngine } from '../../../src/projections/engine/engine.js';
import { activeTables, decodeCursor, pageLimit, type ReadDeps, timePoint, toPage } from '../../../src/projections/shared/query.js';
import { standingProjection } from '../../../src/projections/standing/projection.js';
import type { StoreCase, TestStore } from '../../support/stores.js';

const Position = z.tuple([z.string(), z.number()]);

/**
 * A stand-in for the violation report's query (not written in src/projections yet): the
 * customers projection's `violations` rows at the time point, each with its customer's
 * name at that point, oldest violation first, keyset-paged on (time, position).
 */
export const violationsQuery =
  (deps: ReadDeps): CustomerQueries['violations'] =>
  async (filter, at, page) => {
    const point = timePoint(at);
    const limit = pageLimit(page);
    const after = decodeCursor(page.cursor, Position) ?? ['-infinity', 0];
    const t = await activeTables(deps.db, deps.schema, ['customers']);
    const { rows } = await deps.db.query<{ position: string; customer_id: string; name: string; violation_at: Date; type: string; description: string }>(
      `select v.position, v.customer_id, a.name, v.violation_at, v.type, v.description
         from ${t.customers!('violations')} v
         cross join lateral (
           select a.name from ${t.customers!('archive')} a
            where a.entity_key = v.customer_id and a.valid_from <= $1::timestamptz and ${knownAtSql('a', '$2')}
            order by a.valid_from desc limit 1) a
        where v.occurred_at <= $1::timestamptz and v.recorded_at <= coalesce($2::timestamptz, 'infinity')
          and ($3::text is null or v.customer_id = $3) and ($4::timestamptz is null or v.violation_at >= $4)
          and ($5::timestamptz is null or v.violation_at < $5) and ($6::text is null or v.type = $6)
          and (v.violation_at, v.position) > ($7::timestamptz, $8::bigint)
        order by v.violation_at, v.position limit $9`,
      [point.asOf, point.knownAt, filter.customerId ?? null, filter.from ?? null, filter.to ?? null, filter.type ?? null, after[0], after[1], limit + 1],
    );
    const items = rows.map((r) => ({
      position: Number(r.position),
      customerId: r.customer_id,
      customerName: r.name,
      occurredAt: new Date(r.violation_at).toISOString(),
      type: r.type,
      description: r.description,
    }));
    const paged = toPage(items, limit, (r) => [r.occurredAt, r.position]);
    return { items: paged.items.map(({ position: _p, ...row }) => row), nextCursor: paged.nextCursor };
  };

export type CustomersApp = {
  app: Express;
  store: TestStore;
  engine: ProjectionEngine;
  token(roles: Role[], id?: string): Promise<string>;
  /** Events in the whole log: a refused request leaves it unchanged. */
  eventCount(): Promise<number>;
  close(): Promise<void>;
};

const secret = 'customers-test-secret-of-at-least-32-characters';

/** The customer routes on a fresh store schema, with the customers and standing projections running. */
export const openCustomersApp = async (open: StoreCase['open'], options: { bodyLimit?: number } = {}): Promise<CustomersApp> => {
  const store = await open();
  const engine = createProjectionEngine({
    db: store.db,
    schema: store.schema,
    projections: [customersProjection, standingProjection],
    pollMs: 100,
  });
  await engine.start();
  const views = { db: store.db, schema: store.schema };
  const auth = authConfig(secret);
  const quiet = new Writable({ write: (_chunk, _enc, done) => done() });
  const app = createApp({
    store: store.store,
    db: store.db,
    config: { bodyLimit: options.bodyLimit ?? 64 * 1024 },
    logger: createLogger('warn', quiet),
    auth,
    routes: customerRoutes(customerRouteDeps({ store: store.store }, views, violationsQuery(views), engine)),
    checkResponses: true,
  });
  return {
    app,
    store,
    engine,
    token: (roles, id = `user-${roles.join('-')}`) => signToken(auth, { id, name: `测试 ${id}`, roles } satisfies Actor),
    eventCount: async () => Number((await store.db.query<{ n: string }>(`select count(*) as n from ${store.schema}.events`)).rows[0]!.n),
    close: async () => {
      await engine.stop();
      await store.close();
    },
  };
};

/** An RFC 9457 answer with this status and code. */
export const expectProblem = (res: request.Response, status: number, code?: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, ...(code === undefined ? {} : { code }) });
};

/** A client for one token: `as(token).post(path).send(body)`. */
export const client = (app: Express) => (token?: string) => {
  const auth = (r: request.Test) => (token === undefined ? r : r.set('Authorization', `Bearer ${token}`));
  return {
    get: (path: string) => auth(request(app).get(path)),
    post: (path: string) => auth(request(app).post(path)),
    put: (path: string) => auth(request(app).put(path)),
    patch: (path: string) => auth(request(app).patch(path)),
    delete: (path: string) => auth(request(app).delete(path)),
  };
};

/** A name no other test uses: the tests of a file share one schema. */
export const uniqueName = (base: string): string => `${base}-${Math.random().toString(36).slice(2, 8)}`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
