import { z } from 'zod';
import { Uuid } from '../../domain/shared/index.js';
import type { CustomerStatus } from '../../domain/customer/index.js';
import { latestAtSql } from '../standing/queries.js';
import { type At, type Page, type PageRequest, type ReadDeps, activeTables, decodeCursor, pageLimit, timePoint, toPage } from '../shared/query.js';
import { knownAtSql } from '../bitemporal/timelineSql.js';
import { reviewDue } from './review.js';

export type CustomerListItem = {
  id: string;
  name: string;
  salespersonId: string;
  status: CustomerStatus;
  region: string | null;
  grade: string | null;
  creditLimit: string | null;
  validUntil: string | null;
  reviewDue: boolean;
  vip: boolean;
};

export type CustomerFilter = {
  grade?: string | undefined;
  status?: CustomerStatus | undefined;
  salespersonId?: string | undefined;
  /** The name contains it (case-insensitive). */
  q?: string | undefined;
  /** Only VIP customers (A类客户参照VIP管理): the VIP list. */
  vip?: boolean | undefined;
};

const Position = z.tuple([Uuid]);

type Row = {
  customer_id: string;
  name: string;
  salesperson_id: string;
  status: CustomerStatus;
  region: string | null;
  valid_until: string | null;
  grade: string | null;
  vip: boolean | null;
  credit_limit: string | null;
};

/**
 * Customers at (asOf, knownAt), filtered, in id order (keyset paging: a page never
 * skips or repeats a customer while the list changes). Each id finds its archive row
 * at the time point by one index lookup, and its grade and limit by two more.
 */
export const listCustomers = async (deps: ReadDeps, filter: CustomerFilter = {}, at: At = {}, page: PageRequest = {}): Promise<Page<CustomerListItem>> => {
  const point = timePoint(at);
  const limit = pageLimit(page);
  const after = decodeCursor(page.cursor, Position)?.[0] ?? '';
  const t = await activeTables(deps.db, deps.schema, ['customers', 'standing']);
  const archive = t.customers!('archive');
  const { rows } = await deps.db.query<Row>(
    `select i.entity_key as customer_id, a.name, a.salesperson_id, a.status, a.region, a.valid_until, g.grade, g.vip, l.credit_limit
       from ${archive}_keys i
       cross join lateral (
         select a.name, a.salesperson_id, a.status, a.region, a.valid_until::text as valid_until from ${archive} a
          where a.entity_key = i.entity_key and a.valid_from <= $1::timestamptz and ${knownAtSql('a', '$2')}
          order by a.valid_from desc limit 1) a
       left join lateral (${latestAtSql(t.standing!, 'i.entity_key', 'grade, vip', '$1', '$2', true)}) g on true
       left join lateral (${latestAtSql(t.standing!, 'i.entity_key', 'credit_limit', '$1', '$2')}) l on true
      where i.entity_key > $3 and i.first_valid_from <= $1::timestamptz and a.status <> 'unregistered'
        and ($4::text is null or a.status = $4)
        and ($5::text is null or a.salesperson_id = $5)
        and ($6::text is null or strpos(lower(a.name), lower($6)) > 0)
        and ($7::text is null or g.grade = $7)
        and ($8::boolean is null or coalesce(g.vip, false) = $8)
      order by i.entity_key
      limit $9`,
    [point.asOf, point.knownAt, after, filter.status ?? null, filter.salespersonId ?? null, filter.q ?? null, filter.grade ?? null, filter.vip ?? null, limit + 1],
  );
  const items = rows.map((r): CustomerListItem => {
    const validUntil = r.valid_until;
    return {
      id: r.customer_id,
      name: r.name,
      salespersonId: r.salesperson_id,
      status: r.status,
      region: r.region,
      grade: r.grade,
      creditLimit: r.credit_limit,
      validUntil,
      reviewDue: reviewDue(validUntil, point.asOf),
      vip: r.vip ?? false,
    };
  });
  return toPage(items, limit, (item) => [item.id]);
};

/** 重点客户: the VIP list, the customers whose approved grade carries the VIP flag. */
export const listVipCustomers = (deps: ReadDeps, at: At = {}, page: PageRequest = {}): Promise<Page<CustomerListItem>> =>
  listCustomers(deps, { vip: true }, at, page);
