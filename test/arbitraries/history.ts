import fc from 'fast-check';
import { complaintStreamId } from '../../src/domain/complaint/index.js';
import { creditRequestStreamId } from '../../src/domain/credit/index.js';
import { customerStreamId } from '../../src/domain/customer/index.js';
import { customerFiguresStreamId, defaultGradingPolicy, gradingPeriodStreamId, gradingPolicyStreamId } from '../../src/domain/grading/index.js';
import type { DomainEvent } from '../../src/domain/shared/index.js';
import { complaintHistoriesArb } from './complaint.js';
import { creditHistoryArb } from './credit.js';
import { customerId as customerArbId, customerStepsArb, eventsOf } from './customer.js';
import { figuresArb, periodHistoryArb, testPeriod } from './grading.js';

/**
 * A history across every context, as the projections see it: appends to streams, each
 * with its effective time. Each context's part is built by its own arbitrary (commands
 * run through `decide`); the parts are interleaved at random (every stream keeps its
 * order), their customers are the same few, and some appends are backdated — their
 * effective time moved before events already recorded — as corrections are.
 */
export type HistoryAppend = { streamId: string; events: DomainEvent[]; occurredAt: string };

/** The customers every part speaks of (the grading and complaint arbitraries use these ids). */
export const historyCustomers = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'] as const;

const asCustomer = <T>(value: T, from: string, to: string): T => JSON.parse(JSON.stringify(value).split(from).join(to)) as T;

type Part = { streamId: string; events: DomainEvent[]; at: string }[];

const customerPartArb = (customer: string): fc.Arbitrary<Part> =>
  customerStepsArb(25).map((steps) =>
    steps.flatMap((s) => {
      const events = eventsOf([s]);
      return events.length === 0 ? [] : [{ streamId: customerStreamId(customer), events: asCustomer(events, customerArbId, customer), at: s.command.meta.at }];
    }),
  );

const creditPartArb: fc.Arbitrary<Part> = fc.tuple(creditHistoryArb, fc.constantFrom(...historyCustomers)).map(([h, customer]) =>
  h.events.map((e) => ({
    streamId: creditRequestStreamId(h.scenario.requestId),
    events: [asCustomer(e, h.scenario.customerId, customer)],
    at: (e.data as { requestedAt?: string; decidedAt?: string; effectiveAt?: string; withdrawnAt?: string }).requestedAt ??
      (e.data as { decidedAt?: string }).decidedAt ??
      (e.data as { effectiveAt?: string }).effectiveAt ??
      (e.data as { withdrawnAt?: string }).withdrawnAt!,
  })),
);

const gradingPartArb: fc.Arbitrary<Part> = periodHistoryArb.map(({ events }) =>
  events.map((e, i) => ({ streamId: gradingPeriodStreamId(testPeriod), events: [e], at: new Date(Date.parse('2026-10-05T01:00:00Z') + i * 60_000).toISOString() })),
);

const complaintPartArb: fc.Arbitrary<Part> = complaintHistoriesArb.map((histories) =>
  histories.slice(0, 3).flatMap((events) =>
    events.map(({ occurredAt, ...e }) => ({ streamId: complaintStreamId((e.data as { complaintId: string }).complaintId), events: [e], at: occurredAt })),
  ),
);

const figuresPartArb: fc.Arbitrary<Part> = fc
  .array(fc.tuple(fc.constantFrom(...historyCustomers), fc.constantFrom('2026-07', '2026-08', '2026-09', '2026-10'), fc.nat({ max: 60 })), { maxLength: 8 })
  .chain((picks) => fc.tuple(...picks.map(([c, period, day]) => figuresArb(period).map((f) => ({ c, f, day })))))
  .map((rows) =>
    rows.map(({ c, f, day }) => ({
      streamId: customerFiguresStreamId(c),
      events: [{ type: 'MonthlyFiguresRecorded', data: { ...f, customerId: c } }],
      at: new Date(Date.parse('2026-08-01T00:00:00Z') + day * 86_400_000).toISOString(),
    })),
  );

const policyPartArb: fc.Arbitrary<Part> = fc.nat({ max: 2 }).map((n) =>
  Array.from({ length: n }, (_, i) => ({
    streamId: gradingPolicyStreamId,
    events: [{ type: 'GradingPolicyPublished', data: { version: i + 1, policy: { ...defaultGradingPolicy, upgradePlanSize: 2 + i }, reason: '年度调整' } }],
    at: new Date(Date.parse('2026-09-01T00:00:00Z') + i * 7 * 86_400_000).toISOString(),
  })),
);

/** Interleaves the parts at random, keeping each part's order, and backdates some appends by up to 20 days. */
export const crossContextHistoryArb: fc.Arbitrary<HistoryAppend[]> = fc
  .tuple(
    fc.tuple(customerPartArb(historyCustomers[0]), customerPartArb(historyCustomers[1]), creditPartArb, gradingPartArb, complaintPartArb, figuresPartArb, policyPartArb),
    fc.infiniteStream(fc.nat()),
    fc.infiniteStream(fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 * 24 * 60 }) })),
  )
  .map(([parts, picks, backdates]) => {
    const queues = parts.map((p) => [...p]);
    const out: HistoryAppend[] = [];
    for (;;) {
      const open = queues.filter((q) => q.length > 0);
      if (open.length === 0) return out;
      const next = open[picks.next().value % open.length]!.shift()!;
      const minutes = backdates.next().value;
      out.push({ streamId: next.streamId, events: next.events, occurredAt: new Date(Date.parse(next.at) - minutes * 60_000).toISOString() });
    }
  });
