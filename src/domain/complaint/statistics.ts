import { type Instant, type Period, instantMillis, periodBounds } from '../shared/index.js';
import type { ComplaintEvent, ComplaintReceived, ComplaintResolution } from './events.js';
import { evolveComplaint } from './evolve.js';
import { type ComplaintStatus, initialComplaintState } from './state.js';

/** A complaint event with its effective time, as the store gives it. */
export type TimedComplaintEvent = ComplaintEvent & { occurredAt: Instant };

/** Durations in milliseconds; null when there is nothing to measure. */
export type DurationSummary = { count: number; medianMs: number | null; p90Ms: number | null };

export type BacklogItem = { complaintId: string; customerId: string; status: ComplaintStatus; receivedAt: Instant; ageMs: number };

/** 月度客诉统计 (⑨). */
export type MonthlyComplaintStatistics = {
  month: Period;
  /** Complaints received in the month: the cohort every count below describes. */
  received: number;
  byCategory: { quality: number; nonQuality: number; notJudged: number };
  byOutcome: { noProblem: number; satisfied: number; litigation: number; stillOpen: number };
  byCustomer: { customerId: string; count: number }[];
  /** Keyed by grade; customers without one count under `ungraded`. */
  byGrade: Record<string, number>;
  /** Of the cohort: receipt to the first step taken on it; `awaiting` had none by month end. */
  timeToFirstResponse: DurationSummary & { awaiting: number };
  /** Of every complaint closed in the month (whenever received): receipt to its last closure in the month. */
  timeToClose: DurationSummary;
  /** Reopens that happened in the month. */
  reopens: number;
  /** Complaints received by month end and open then, oldest first, aged at month end. */
  backlog: BacklogItem[];
};

/**
 * Percentile by the nearest-rank method: the smallest observed value with at least
 * p % of the values at or below it (rank ⌈p·n/100⌉ in ascending order). The median
 * is the 50th: for an even count, the lower of the two middle values. Every figure
 * is thus a duration that actually occurred.
 */
export const nearestRankPercentile = (sortedAscending: readonly number[], p: number): number | null =>
  sortedAscending.length === 0 ? null : sortedAscending[Math.max(1, Math.ceil((p * sortedAscending.length) / 100)) - 1]!;

const summarize = (durations: readonly number[]): DurationSummary => {
  const sorted = [...durations].sort((a, b) => a - b);
  return { count: sorted.length, medianMs: nearestRankPercentile(sorted, 50), p90Ms: nearestRankPercentile(sorted, 90) };
};

const outcomeOf: Record<ComplaintResolution, 'noProblem' | 'satisfied' | 'litigation'> = {
  noProblem: 'noProblem',
  planExecuted: 'satisfied',
  litigationConcluded: 'litigation',
};

const countBy = <T>(items: readonly T[], key: (t: T) => string): Map<string, number> =>
  items.reduce((m, t) => m.set(key(t), (m.get(key(t)) ?? 0) + 1), new Map<string, number>());

type Complaint = { receipt: ComplaintReceived['data']; known: TimedComplaintEvent[] };

/**
 * Monthly statistics from events only. The month is a calendar month in Asia/Shanghai
 * time; a complaint is seen as it stood at month end (events effective before it).
 * `gradeOf` gives a customer's grade for the month.
 */
export const monthlyComplaintStatistics = (
  complaintHistories: readonly (readonly TimedComplaintEvent[])[],
  month: Period,
  gradeOf: (customerId: string) => string | null | undefined,
): MonthlyComplaintStatistics => {
  const { start, end } = periodBounds(month);
  const [from, to] = [instantMillis(start), instantMillis(end)];
  const inMonth = (at: Instant) => from <= instantMillis(at) && instantMillis(at) < to;

  const complaints: Complaint[] = complaintHistories.flatMap((history) => {
    const known = history.filter((e) => instantMillis(e.occurredAt) < to);
    const receipt = known.find((e): e is ComplaintReceived & { occurredAt: Instant } => e.type === 'ComplaintReceived');
    return receipt === undefined ? [] : [{ receipt: receipt.data, known }];
  });
  const cohort = complaints.filter((c) => inMonth(c.receipt.receivedAt));
  const stateAtEnd = (c: Complaint) => c.known.reduce(evolveComplaint, initialComplaintState);
  const sinceReceipt = (c: Complaint, at: Instant) => instantMillis(at) - instantMillis(c.receipt.receivedAt);

  const byCategory = { quality: 0, nonQuality: 0, notJudged: 0 };
  const byOutcome = { noProblem: 0, satisfied: 0, litigation: 0, stillOpen: 0 };
  for (const c of cohort) {
    const state = stateAtEnd(c);
    const judged = [...c.known].reverse().find((e) => e.type === 'ComplaintJudged');
    byCategory[judged?.type === 'ComplaintJudged' ? judged.data.category : 'notJudged'] += 1;
    byOutcome[state.status === 'closed' ? outcomeOf[state.resolution] : 'stillOpen'] += 1;
  }

  const firstResponses = cohort.flatMap((c) => {
    const first = c.known.find((e) => e.type !== 'ComplaintReceived');
    return first === undefined ? [] : [sinceReceipt(c, first.occurredAt)];
  });

  const closeTimes = complaints.flatMap((c) => {
    const closure = c.known.filter((e) => e.type === 'ComplaintClosed' && inMonth(e.occurredAt)).at(-1);
    return closure === undefined ? [] : [sinceReceipt(c, closure.occurredAt)];
  });

  const backlog = complaints
    .map((c) => ({ c, state: stateAtEnd(c) }))
    .filter(({ state }) => state.status !== 'closed')
    .map(({ c, state }): BacklogItem => ({
      complaintId: c.receipt.complaintId,
      customerId: c.receipt.customerId,
      status: state.status,
      receivedAt: c.receipt.receivedAt,
      ageMs: to - instantMillis(c.receipt.receivedAt),
    }))
    .sort((a, b) => b.ageMs - a.ageMs || a.complaintId.localeCompare(b.complaintId));

  return {
    month,
    received: cohort.length,
    byCategory,
    byOutcome,
    byCustomer: [...countBy(cohort, (c) => c.receipt.customerId)]
      .map(([customerId, count]) => ({ customerId, count }))
      .sort((a, b) => b.count - a.count || a.customerId.localeCompare(b.customerId)),
    byGrade: Object.fromEntries(countBy(cohort, (c) => gradeOf(c.receipt.customerId) ?? 'ungraded')),
    timeToFirstResponse: { ...summarize(firstResponses), awaiting: cohort.length - firstResponses.length },
    timeToClose: summarize(closeTimes),
    reopens: complaints.reduce((n, c) => n + c.known.filter((e) => e.type === 'ComplaintReopened' && inMonth(e.occurredAt)).length, 0),
    backlog,
  };
};
