import { fc, it } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { type TimedComplaintEvent, monthlyComplaintStatistics, nearestRankPercentile } from '../../../src/domain/complaint/index.js';
import { complaintHistoriesArb, customerIdOf } from '../../arbitraries/complaint.js';

const H = 3_600_000;
const monthStart = Date.parse('2026-09-30T16:00:00.000Z'); // 2026-10-01 00:00 in Asia/Shanghai
const monthEnd = Date.parse('2026-10-31T16:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A hand-written history: each step at the given hour after `receivedAt`. */
const complaint = (id: number, customer: number, receivedAt: number, steps: [number, Omit<TimedComplaintEvent, 'occurredAt'>][]): TimedComplaintEvent[] => {
  const complaintId = `00000000-0000-4000-8000-0000000001${String(id).padStart(2, '0')}`;
  const customerId = customerIdOf(customer);
  return [
    { type: 'ComplaintReceived', data: { complaintId, customerId, description: '破损', receivedAt: iso(receivedAt), materials: [] }, occurredAt: iso(receivedAt) },
    ...steps.map(([h, e]) => ({ ...e, data: { ...e.data, complaintId }, occurredAt: iso(receivedAt + h * H) }) as TimedComplaintEvent),
  ];
};
const judged = (category: 'quality' | 'nonQuality') => ({ type: 'ComplaintJudged', data: { category } }) as never;
const assessed = (problemFound: boolean) => ({ type: 'ComplaintAssessed', data: { problemFound } }) as never;
const closed = (resolution: string) => ({ type: 'ComplaintClosed', data: { resolution } }) as never;
const reopened = { type: 'ComplaintReopened', data: { reason: '再次投诉' } } as never;

describe('nearest-rank percentiles', () => {
  test('take an observed value: the lower middle for the median of an even count', () => {
    expect(nearestRankPercentile([1, 2, 3, 4], 50)).toBe(2);
    expect(nearestRankPercentile([1, 2, 3, 4, 5], 50)).toBe(3);
    expect(nearestRankPercentile([...Array(10).keys()].map((i) => i + 1), 90)).toBe(9);
    expect(nearestRankPercentile([...Array(11).keys()].map((i) => i + 1), 90)).toBe(10);
    expect(nearestRankPercentile([7], 90)).toBe(7);
    expect(nearestRankPercentile([], 50)).toBeNull();
  });
});

describe('the statistics of October 2026', () => {
  const histories = [
    // Received on 1 Oct 00:30 Shanghai (30 Sep UTC): counts in October. No problem, closed after 2 h.
    complaint(1, 0, monthStart + 0.5 * H, [[1, judged('nonQuality')], [2, assessed(false)], [2, closed('noProblem')]]),
    // Received in September, closed in October after 5 days, then reopened in October and still open.
    complaint(2, 1, monthStart - 3 * 24 * H, [[4, judged('quality')], [120, closed('planExecuted')], [130, reopened]]),
    // Received in October, judged, still open at month end.
    complaint(3, 1, monthStart + 10 * 24 * H, [[48, judged('quality')]]),
    // Received on 31 Oct 23:30 Shanghai: October; not yet responded by month end; judged in November.
    complaint(4, 2, monthEnd - 0.5 * H, [[10, judged('quality')]]),
    // Received on 1 Nov 00:00 Shanghai: November, not October.
    complaint(5, 0, monthEnd, []),
  ];
  const stats = monthlyComplaintStatistics(histories, '2026-10', (c) => (c === customerIdOf(1) ? 'A' : c === customerIdOf(0) ? 'C' : undefined));

  test('counts the complaints received in the month, by Shanghai time', () => expect(stats.received).toBe(3));
  test('counts them by category as of month end', () => expect(stats.byCategory).toEqual({ quality: 1, nonQuality: 1, notJudged: 1 }));
  test('counts them by outcome as of month end', () => expect(stats.byOutcome).toEqual({ noProblem: 1, satisfied: 0, litigation: 0, stillOpen: 2 }));
  test('counts them by customer and by grade', () => {
    expect(stats.byCustomer).toEqual([
      { customerId: customerIdOf(0), count: 1 },
      { customerId: customerIdOf(1), count: 1 },
      { customerId: customerIdOf(2), count: 1 },
    ]);
    expect(stats.byGrade).toEqual({ C: 1, A: 1, ungraded: 1 });
  });
  test('measures time to first response for the month’s complaints', () =>
    expect(stats.timeToFirstResponse).toEqual({ count: 2, medianMs: 1 * H, p90Ms: 48 * H, awaiting: 1 }));
  test('measures time to close for every closure in the month', () => expect(stats.timeToClose).toEqual({ count: 2, medianMs: 2 * H, p90Ms: 120 * H }));
  test('counts the reopens in the month', () => expect(stats.reopens).toBe(1));
  test('lists the open backlog at month end, oldest first, with ages', () =>
    expect(stats.backlog.map((b) => [b.complaintId.slice(-3), b.status, b.ageMs])).toEqual([
      ['102', 'reopened', monthEnd - (monthStart - 3 * 24 * H)],
      ['103', 'judged', monthEnd - (monthStart + 10 * 24 * H)],
      ['104', 'received', 0.5 * H],
    ]));
});

/** A straightforward recount from the events, sharing nothing with the implementation. */
const recount = (histories: readonly TimedComplaintEvent[][], gradeOf: (c: string) => string | undefined) => {
  const within = (t: string) => Date.parse(t) >= monthStart && Date.parse(t) < monthEnd;
  const percentile = (values: number[], p: number) => {
    for (const v of [...values].sort((a, b) => a - b)) if (values.filter((x) => x <= v).length * 100 >= p * values.length) return v;
    return null;
  };
  const result = {
    received: 0,
    byCategory: { quality: 0, nonQuality: 0, notJudged: 0 } as Record<string, number>,
    byOutcome: { noProblem: 0, satisfied: 0, litigation: 0, stillOpen: 0 } as Record<string, number>,
    byCustomer: {} as Record<string, number>,
    byGrade: {} as Record<string, number>,
    firstResponses: [] as number[],
    awaiting: 0,
    closeTimes: [] as number[],
    reopens: 0,
    backlog: [] as [string, string, number][],
  };
  for (const history of histories) {
    const events = history.filter((e) => Date.parse(e.occurredAt) < monthEnd);
    const receipt = events[0];
    if (receipt?.type !== 'ComplaintReceived') continue;
    const receivedAt = Date.parse(receipt.occurredAt);
    let status = 'received';
    let category = 'notJudged';
    let outcome = 'stillOpen';
    let lastCloseInMonth: number | null = null;
    for (const e of events.slice(1)) {
      if (e.type === 'ComplaintJudged') { category = e.data.category; status = 'judged'; }
      if (e.type === 'ComplaintClosed') {
        status = 'closed';
        outcome = { noProblem: 'noProblem', planExecuted: 'satisfied', litigationConcluded: 'litigation' }[e.data.resolution];
        if (within(e.occurredAt)) lastCloseInMonth = Date.parse(e.occurredAt);
      }
      if (e.type === 'ComplaintReopened') { status = 'reopened'; outcome = 'stillOpen'; if (within(e.occurredAt)) result.reopens += 1; }
    }
    if (lastCloseInMonth !== null) result.closeTimes.push(lastCloseInMonth - receivedAt);
    if (status !== 'closed') result.backlog.push([receipt.data.complaintId, receipt.data.receivedAt, monthEnd - receivedAt]);
    if (!within(receipt.occurredAt)) continue;
    result.received += 1;
    result.byCategory[category]! += 1;
    result.byOutcome[outcome]! += 1;
    result.byCustomer[receipt.data.customerId] = (result.byCustomer[receipt.data.customerId] ?? 0) + 1;
    const grade = gradeOf(receipt.data.customerId) ?? 'ungraded';
    result.byGrade[grade] = (result.byGrade[grade] ?? 0) + 1;
    if (events[1] === undefined) result.awaiting += 1;
    else result.firstResponses.push(Date.parse(events[1].occurredAt) - receivedAt);
  }
  return { ...result, percentile };
};

describe('any complaints around a month', () => {
  it.prop([complaintHistoriesArb, fc.dictionary(fc.constantFrom(...[0, 1, 2, 3].map(customerIdOf)), fc.constantFrom('A', 'B', 'C', 'D', 'E'))], { numRuns: 200 })(
    'have monthly statistics equal to a straightforward recount from their events',
    (histories, grades) => {
      const gradeOf = (c: string) => grades[c];
      const stats = monthlyComplaintStatistics(histories, '2026-10', gradeOf);
      const expected = recount(histories, gradeOf);
      expect(stats.received).toBe(expected.received);
      expect(stats.byCategory).toEqual(expected.byCategory);
      expect(stats.byOutcome).toEqual(expected.byOutcome);
      expect(Object.fromEntries(stats.byCustomer.map((c) => [c.customerId, c.count]))).toEqual(expected.byCustomer);
      expect(stats.byGrade).toEqual(expected.byGrade);
      expect(stats.timeToFirstResponse).toEqual({
        count: expected.firstResponses.length,
        medianMs: expected.percentile(expected.firstResponses, 50),
        p90Ms: expected.percentile(expected.firstResponses, 90),
        awaiting: expected.awaiting,
      });
      expect(stats.timeToClose).toEqual({
        count: expected.closeTimes.length,
        medianMs: expected.percentile(expected.closeTimes, 50),
        p90Ms: expected.percentile(expected.closeTimes, 90),
      });
      expect(stats.reopens).toBe(expected.reopens);
      expect(stats.backlog.map((b) => [b.complaintId, b.receivedAt, b.ageMs]).sort()).toEqual(expected.backlog.sort());
      stats.backlog.forEach((b, i) => i > 0 && expect(b.ageMs).toBeLessThanOrEqual(stats.backlog[i - 1]!.ageMs));
      stats.backlog.forEach((b) => expect(b.status).not.toBe('closed'));
    },
  );
});
