import { fc, it } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { type CreditLimitSource, creditLimitTimeline, effectiveCreditLimit } from '../../../src/domain/credit/index.js';

const summary = (period: string, limit: string, effectiveAt: string): CreditLimitSource => ({ kind: 'gradeSummary', period, limit, effectiveAt });
const change = (requestId: string, limit: string, effectiveAt: string): CreditLimitSource => ({ kind: 'changeRequest', requestId, limit, effectiveAt });
const req1 = '11111111-1111-4111-8111-111111111111';

describe('a customer with no source', () => {
  test('has no effective limit', () => expect(effectiveCreditLimit([])).toBeNull());
});

describe('a customer graded, then given a change', () => {
  const sources = [
    summary('2026-09', '120000', '2026-10-03T02:00:00Z'),
    change(req1, '150000.00', '2026-10-12T02:40:00Z'),
  ];
  test('has the approved change as its limit, naming the request', () =>
    expect(effectiveCreditLimit(sources)).toEqual({ limit: '150000.00', source: sources[1] }));
  test('had the summary limit before the change took effect', () =>
    expect(effectiveCreditLimit(sources, '2026-10-12T10:39:59+08:00')).toEqual({ limit: '120000.00', source: sources[0] }));
  test('gets the next approved summary when it comes later', () => {
    const next = summary('2026-10', '90000', '2026-11-02T02:00:00Z');
    expect(effectiveCreditLimit([...sources, next])).toEqual({ limit: '90000.00', source: next });
  });
  test('compares instants, not their spelling', () => {
    const early = change(req1, '1', '2026-10-12T09:00:00+08:00'); // 01:00Z
    const late = summary('2026-09', '2', '2026-10-12T02:00:00Z');
    expect(effectiveCreditLimit([late, early])?.source).toBe(late);
  });
  test('at the same instant, the source listed later (committed later) wins', () => {
    const a = summary('2026-09', '1', '2026-10-12T02:00:00Z');
    const b = change(req1, '2', '2026-10-12T10:00:00+08:00');
    expect(effectiveCreditLimit([a, b])?.source).toBe(b);
    expect(effectiveCreditLimit([b, a])?.source).toBe(a);
  });
});

const source: fc.Arbitrary<CreditLimitSource> = fc.record({
  kind: fc.constantFrom('gradeSummary' as const, 'changeRequest' as const),
  limit: fc.integer({ min: 0, max: 10_000_000 }).map(String),
  effectiveAt: fc.integer({ min: 0, max: 1_000 }).map((h) => new Date(Date.UTC(2026, 0, 1) + h * 3_600_000).toISOString()),
}).map((s) => (s.kind === 'gradeSummary' ? { ...s, kind: 'gradeSummary', period: '2026-01' } : { ...s, kind: 'changeRequest', requestId: req1 }));

describe('any sources', () => {
  it.prop([fc.array(source, { maxLength: 12 })], { numRuns: 200 })('the effective limit is the last of the timeline, which is ordered by time', (sources) => {
    const timeline = creditLimitTimeline(sources);
    expect(timeline).toHaveLength(sources.length);
    timeline.forEach((s, i) => i > 0 && expect(Date.parse(s.effectiveAt)).toBeGreaterThanOrEqual(Date.parse(timeline[i - 1]!.effectiveAt)));
    expect(effectiveCreditLimit(sources)?.source ?? null).toBe(timeline.at(-1) ?? null);
  });

  it.prop([fc.array(source, { maxLength: 12 }), fc.integer({ min: 0, max: 1_000 })], { numRuns: 200 })('as of a time, no source from after it counts', (sources, h) => {
    const asOf = new Date(Date.UTC(2026, 0, 1) + h * 3_600_000).toISOString();
    const result = effectiveCreditLimit(sources, asOf);
    const before = sources.filter((s) => Date.parse(s.effectiveAt) <= Date.parse(asOf));
    expect(result === null).toBe(before.length === 0);
    if (result) expect(Date.parse(result.source.effectiveAt)).toBe(Math.max(...before.map((s) => Date.parse(s.effectiveAt))));
  });
});
