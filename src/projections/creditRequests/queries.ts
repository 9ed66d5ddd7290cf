import { z } from 'zod';
import { Uuid } from '../../domain/shared/index.js';
import { type CreditApproverRole, type CreditRequest, type CreditRequestState, decisionsOf } from '../../domain/credit/index.js';
import { knownAtSql, versionAt } from '../bitemporal/timelineSql.js';
import { type At, type Page, type PageRequest, type ReadDeps, activeTables, decodeCursor, pageLimit, timePoint, toPage } from '../shared/query.js';
import { type CreditRequestRecord, nextStepOf } from './projection.js';
import { currentOwnerSql } from '../customers/owner.js';

/** The request as `GET /credit-requests/{id}` shows it: the form, its status, every decision. */
export type CreditRequestView = CreditRequest & {
  id: string;
  status: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  decisions: ReturnType<typeof decisionsOf>;
  nextStep: CreditApproverRole | null;
  effectiveAt: string | null;
  withdrawnAt: string | null;
  version: number;
};

/** The view of a request's state at a stream version; null before it was requested. */
export const creditRequestViewOf = (id: string, state: CreditRequestState, version: number): CreditRequestView | null => {
  if (state.status === 'notRequested') return null;
  return {
    ...state.request,
    id,
    status: state.status,
    decisions: decisionsOf(state),
    nextStep: nextStepOf(state) as CreditApproverRole | null,
    effectiveAt: state.status === 'approved' ? state.effectiveAt : null,
    withdrawnAt: state.status === 'withdrawn' ? state.withdrawnAt : null,
    version,
  };
};

const toView = (id: string, record: CreditRequestRecord): CreditRequestView | null => creditRequestViewOf(id, record.state, record.version);

export const creditRequest = async (deps: ReadDeps, requestId: string, at: At = {}): Promise<CreditRequestView | null> => {
  const { credit_requests: t } = await activeTables(deps.db, deps.schema, ['credit_requests']);
  const record = await versionAt<CreditRequestRecord>(deps.db, t!('requests'), requestId, timePoint(at));
  return record ? deps.keyring.reveal(toView(requestId, record)) : null;
};

export type CreditRequestFilter = {
  customerId?: string | undefined;
  status?: CreditRequestView['status'] | undefined;
  /** The approver queue: pending requests whose next step is this role. */
  nextStep?: CreditApproverRole | undefined;
  /**
   * 使用范围 of a salesperson-only reader (their user id): the requests on customers
   * they own now (the archive effective and known now, whatever the list's time
   * point: scopes follow the current owner) and those they made themselves.
   */
  visibleTo?: string | undefined;
};

const Position = z.tuple([Uuid]);

/** Requests at (asOf, knownAt), filtered, in id order (keyset paging). */
export const listCreditRequests = async (
  deps: ReadDeps,
  filter: CreditRequestFilter = {},
  at: At = {},
  page: PageRequest = {},
): Promise<Page<CreditRequestView>> => {
  const point = timePoint(at);
  const limit = pageLimit(page);
  const after = decodeCursor(page.cursor, Position)?.[0] ?? '';
  const params: unknown[] = [point.asOf, point.knownAt, after, filter.customerId ?? null, filter.status ?? null, filter.nextStep ?? null, limit + 1];
  const scoped = filter.visibleTo !== undefined;
  const t = await activeTables(deps.db, deps.schema, scoped ? ['credit_requests', 'customers'] : ['credit_requests']);
  const table = t.credit_requests!('requests');
  const scope = scoped
    ? `and (v.state->'state'->'request'->'requester'->>'id' = $8 or ${currentOwnerSql(t.customers!('archive'), 'v.customer_id', '$9')} = $8)`
    : '';
  if (scoped) params.push(filter.visibleTo, timePoint().asOf);
  const { rows } = await deps.db.query<{ id: string; state: CreditRequestRecord }>(
    `select k.entity_key as id, v.state from ${table}_keys k
       cross join lateral (
         select v.state, v.customer_id, v.status, v.next_role from ${table} v
          where v.entity_key = k.entity_key and v.valid_from <= $1::timestamptz and ${knownAtSql('v', '$2')}
          order by v.valid_from desc limit 1) v
      where k.entity_key > $3 and k.first_valid_from <= $1::timestamptz
        and ($4::text is null or v.customer_id = $4)
        and ($5::text is null or v.status = $5)
        and ($6::text is null or v.next_role = $6)
        ${scope}
      order by k.entity_key
      limit $7`,
    params,
  );
  const views = await deps.keyring.reveal(rows.flatMap((r) => toView(r.id, r.state) ?? []));
  return toPage(views, limit, (v) => [v.id]);
};

/** 审核意见 queue: the requests waiting for `role` to decide their next step. */
export const approverQueue = (deps: ReadDeps, role: CreditApproverRole, at: At = {}, page: PageRequest = {}): Promise<Page<CreditRequestView>> =>
  listCreditRequests(deps, { nextStep: role }, at, page);
