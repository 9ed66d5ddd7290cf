import { type ComplaintEvent, evolveComplaint, initialComplaintState } from '../../../src/domain/complaint/index.js';
import {
  type CreditLimitSource,
  type CreditRequestEvent,
  effectiveCreditLimit,
  evolveCreditRequest,
  initialCreditRequestState,
} from '../../../src/domain/credit/index.js';
import { type GradeSummarySignedOff, type PeriodEvent, builtInPolicy, initialPeriodState } from '../../../src/domain/grading/index.js';
import { evolvePeriod, signOffsOf } from '../../../src/domain/grading/periodState.js';
import { type CustomerEvent, type CustomerState, evolveCustomer, initialCustomerState } from '../../../src/domain/customer/index.js';
import type { StoredEvent } from '../../../src/store/index.js';

/**
 * The answers a from-scratch replay gives: the events recorded by knownAt that occurred
 * by asOf, in effective order (occurredAt, then position), folded with each context's
 * own evolve. What every read model must agree with.
 */
export type Cut = { asOf: number; knownAt: number };

export const cut = (events: readonly StoredEvent[], at: Cut): StoredEvent[] =>
  events
    .filter((e) => Date.parse(e.recordedAt) <= at.knownAt && Date.parse(e.occurredAt) <= at.asOf)
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || a.position - b.position);

const ofStream = (events: readonly StoredEvent[], streamId: string) => events.filter((e) => e.streamId === streamId);
const plain = <T>(e: StoredEvent) => ({ type: e.type, data: e.data }) as T;

/** The customer context's own fold (lists included), since when it is active, and the stream version. */
export const replayCustomer = (events: readonly StoredEvent[], streamId: string, at: Cut) => {
  const known = cut(ofStream(events, streamId), at);
  let customer: CustomerState = initialCustomerState;
  let activeSince: string | null = null;
  for (const e of known) {
    customer = evolveCustomer(customer, plain<CustomerEvent>(e));
    activeSince ??= customer.status === 'active' ? e.occurredAt : null;
  }
  if (known.length === 0) return undefined;
  if (customer.status !== 'unregistered') customer = { ...customer, violations: violationsOf(ofStream(events, streamId), at) };
  return { customer, activeSince, version: Math.max(...known.map((e) => e.version)) };
};

type ViolationData = { customerId: string; occurredAt: string; type: string; description: string };

/**
 * A violation is true from when it occurred (API.md v1.1): recorded by knownAt, its own
 * occurredAt by asOf, whenever the recording event took effect — after the registration.
 */
const violationEvents = (events: readonly StoredEvent[], at: Cut): StoredEvent[] =>
  events
    .filter((e) => e.type === 'ViolationRecorded' && Date.parse(e.recordedAt) <= at.knownAt && Date.parse((e.data as ViolationData).occurredAt) <= at.asOf)
    .sort((a, b) => Date.parse((a.data as ViolationData).occurredAt) - Date.parse((b.data as ViolationData).occurredAt) || a.position - b.position);

const violationsOf = (stream: readonly StoredEvent[], at: Cut) => {
  const registered = stream.find((e) => e.type === 'CustomerRegistered')!;
  const after = (e: StoredEvent) =>
    Date.parse(e.occurredAt) > Date.parse(registered.occurredAt) || (e.occurredAt === registered.occurredAt && e.position > registered.position);
  return violationEvents(stream, at)
    .filter(after)
    .map((e) => {
      const { customerId: _customerId, ...violation } = e.data as ViolationData;
      return violation;
    });
};

export const replayPeriod = (events: readonly StoredEvent[], streamId: string, at: Cut) =>
  cut(ofStream(events, streamId), at).reduce((s, e) => evolvePeriod(s, plain<PeriodEvent>(e)), initialPeriodState);

export const replaySignOffs = (events: readonly StoredEvent[], streamId: string, at: Cut) => signOffsOf(replayPeriod(events, streamId, at));

export const replayCreditRequest = (events: readonly StoredEvent[], streamId: string, at: Cut) => {
  const known = cut(ofStream(events, streamId), at);
  return {
    state: known.reduce((s, e) => evolveCreditRequest(s, plain<CreditRequestEvent>(e)), initialCreditRequestState),
    version: Math.max(0, ...known.map((e) => e.version)),
  };
};

export const replayComplaint = (events: readonly StoredEvent[], streamId: string, at: Cut) =>
  cut(ofStream(events, streamId), at).reduce((s, e) => evolveComplaint(s, plain<ComplaintEvent>(e)), initialComplaintState);

/** 信用额度: the credit context's own rule over the sources known at the cut. */
export const replayCreditLimit = (events: readonly StoredEvent[], customerId: string, at: Cut) => {
  const sources: CreditLimitSource[] = cut(events, at)
    .sort((a, b) => a.position - b.position)
    .flatMap((e): CreditLimitSource[] => {
      if (e.type === 'CreditLimitChangeApproved') {
        const d = e.data as { requestId: string; customerId: string; newLimit: string; effectiveAt: string };
        return d.customerId === customerId ? [{ kind: 'changeRequest', requestId: d.requestId, limit: d.newLimit, effectiveAt: d.effectiveAt }] : [];
      }
      if (e.type !== 'GradeSummarySignedOff') return [];
      const d = e.data as GradeSummarySignedOff['data'];
      if (d.step !== 'approved') return [];
      const mine = d.effective.find((g) => g.customerId === customerId);
      return mine ? [{ kind: 'gradeSummary', period: d.period, limit: mine.creditLimit, effectiveAt: e.occurredAt }] : [];
    });
  return effectiveCreditLimit(sources, new Date(at.asOf).toISOString());
};

/** 客户等级 and VIP: the latest approved summary naming the customer. */
export const replayGrade = (events: readonly StoredEvent[], customerId: string, at: Cut) => {
  const approvals = cut(events, at).flatMap((e) => {
    if (e.type !== 'GradeSummarySignedOff') return [];
    const d = e.data as GradeSummarySignedOff['data'];
    return d.step === 'approved' ? d.effective.filter((g) => g.customerId === customerId) : [];
  });
  const last = approvals.at(-1);
  return last ? { grade: last.grade, vip: last.vip } : { grade: null, vip: false };
};

export const replayPolicy = (events: readonly StoredEvent[], at: Cut) => {
  const last = cut(events, at).filter((e) => e.type === 'GradingPolicyPublished').at(-1);
  return last
    ? { version: (last.data as { version: number }).version, policy: (last.data as { policy: unknown }).policy, status: 'published' }
    : { ...builtInPolicy, status: 'builtIn' };
};

/** Each period's latest figures of a customer, oldest period first. */
export const replayFigures = (events: readonly StoredEvent[], customerId: string, at: Cut) => {
  const latest = new Map<string, unknown>();
  for (const e of cut(events, at)) {
    if (e.type !== 'MonthlyFiguresRecorded') continue;
    const { customerId: c, ...figures } = e.data as { customerId: string; period: string };
    if (c === customerId) latest.set(figures.period, figures);
  }
  return [...latest.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, f]) => f);
};

export const replayViolations = (events: readonly StoredEvent[], at: Cut) =>
  violationEvents(events, at).map((e) => {
    const d = e.data as ViolationData;
    return { customerId: d.customerId, occurredAt: new Date(d.occurredAt).toISOString(), type: d.type, description: d.description, position: e.position };
  });
