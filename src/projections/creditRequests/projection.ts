import {
  type CreditRequestEvent,
  type CreditRequestState,
  creditRequestStreamId,
  evolveCreditRequest,
  initialCreditRequestState,
} from '../../domain/credit/index.js';
import { applyTimeline, timelineTableSql, type TimelineSpec } from '../bitemporal/timelineSql.js';
import { narrowEvents } from '../../store/index.js';
import type { LogEvent, Projection } from '../engine/projection.js';

/** A request as kept: the credit context's own state (its `evolveCreditRequest`) and the stream version. */
export type CreditRequestRecord = { state: CreditRequestState; version: number };

export const creditRequestEventTypes = [
  'CreditLimitChangeRequested',
  'CreditLimitChangeStepApproved',
  'CreditLimitChangeRejected',
  'CreditLimitChangeApproved',
  'CreditLimitChangeWithdrawn',
] as const satisfies readonly CreditRequestEvent['type'][];

const creditRequestEvent = narrowEvents<CreditRequestEvent>('creditRequests projection', creditRequestEventTypes);

const evolve = (record: CreditRequestRecord | undefined, event: LogEvent): CreditRequestRecord => ({
  state: evolveCreditRequest(record?.state ?? initialCreditRequestState, creditRequestEvent(event)),
  version: Math.max(record?.version ?? 0, event.version),
});

/** Whose step is next (the queue a role works through); null unless pending. */
export const nextStepOf = (state: CreditRequestState): string | null =>
  state.status === 'pending' ? (state.request.requiredSteps[state.approvals.length] ?? null) : null;

const requestOf = (state: CreditRequestState) => (state.status === 'notRequested' ? null : state.request);

export const creditRequestTimeline: TimelineSpec<CreditRequestRecord> = {
  table: 'requests',
  eventTypes: creditRequestEventTypes,
  keyOf: (e) => (e.data as { requestId?: string }).requestId ?? null,
  streamOf: creditRequestStreamId,
  evolve,
  columns: [
    { name: 'customer_id', type: 'text', of: (r) => requestOf(r.state)?.customerId ?? null },
    { name: 'status', type: 'text', of: (r) => r.state.status },
    { name: 'next_role', type: 'text', of: (r) => nextStepOf(r.state) },
  ],
};

/** Credit-limit change requests (客户信用额度变更申请表) as bitemporal version rows. */
export const creditRequestsProjection: Projection = {
  name: 'credit_requests',
  // 2: the contact's copy kept sealed (migration 006).
  version: 2,
  eventTypes: creditRequestEventTypes,
  createTables: (t) => timelineTableSql(creditRequestTimeline, t),
  applyBatch: (context, events) => applyTimeline(context, creditRequestTimeline, events),
};
