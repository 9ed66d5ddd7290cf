import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { Grade } from '../../../src/domain/grading/index.js';
import { type Period, previousPeriod } from '../../../src/domain/shared/index.js';
import type { GradeSummary, GradeSummaryRow } from '../../../src/projections/grading/summary.js';

/**
 * 升/降级 over random pairs of graded periods: the two summaries gradeChanges reads are
 * given (the summary's own reading is tested on the stores), so that every combination
 * of grades, new, dropped and repeated customers is tried.
 */
const summaries = new Map<Period, GradeSummary>();
vi.mock('../../../src/projections/grading/summary.js', () => ({
  gradeSummary: async (_deps: unknown, period: Period) => summaries.get(period) ?? { period, status: 'open', rows: [], signOffs: [] },
}));
const { gradeChanges, gradeDirection } = await import('../../../src/projections/grading/gradeChanges.js');

// Grade's order in the domain: A is best, E worst (policy.ts).
const rank = (g: string) => Grade.options.indexOf(g as Grade);
const expectedDirection = (grade: string, previous: string | null) =>
  previous === null ? 'new' : rank(grade) < rank(previous) ? 'up' : rank(grade) > rank(previous) ? 'down' : 'same';

const customerIds = Array.from({ length: 12 }, (_, i) => `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`);
const gradedArb = fc.uniqueArray(fc.record({ customerId: fc.constantFrom(...customerIds), grade: fc.constantFrom(...Grade.options) }), {
  selector: (r) => r.customerId,
  maxLength: customerIds.length,
});
const periodArb = fc.record({ year: fc.integer({ min: 2020, max: 2030 }), month: fc.integer({ min: 1, max: 12 }) }).map(
  ({ year, month }) => `${year}-${String(month).padStart(2, '0')}` as Period,
);

const summaryOf = (period: Period, graded: readonly { customerId: string; grade: string }[]): GradeSummary => ({
  period,
  status: 'open',
  signOffs: [],
  rows: graded.map(
    (g, i): GradeSummaryRow => ({
      no: i + 1,
      customerId: g.customerId,
      customerName: `客户${g.customerId.slice(-2)}`,
      salespersonId: 'sp-1',
      score: 0,
      coefficient: '1',
      monthlyAverageSales: '0',
      fulfilmentRate: 0,
      grade: g.grade,
      creditLimit: '0',
      remarks: '',
      note: '',
      vip: false,
      policyVersion: 1,
    }),
  ),
});

describe('grade changes (升/降级)', () => {
  test('direction is up, down or same by the grade order, new without a previous grade (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Grade.options), fc.option(fc.constantFrom(...Grade.options), { nil: null }), (grade, previous) => {
        expect(gradeDirection(grade, previous)).toBe(expectedDirection(grade, previous));
        // Swapping the two grades turns up into down and back.
        if (previous !== null) {
          const back = gradeDirection(previous, grade);
          expect(back).toBe({ up: 'down', down: 'up', same: 'same', new: 'new' }[gradeDirection(grade, previous)]);
        }
      }),
    );
  });

  test('every customer graded this period appears once, in the summary’s order, beside its previous grade (property)', async () => {
    await fc.assert(
      fc.asyncProperty(periodArb, gradedArb, gradedArb, async (period, now, before) => {
        summaries.clear();
        summaries.set(period, summaryOf(period, now));
        summaries.set(previousPeriod(period), summaryOf(previousPeriod(period), before));
        const report = await gradeChanges({} as never, period);
        expect(report.period).toBe(period);
        expect(report.previousPeriod).toBe(previousPeriod(period));
        expect(report.rows.map((r) => r.customerId)).toEqual(now.map((g) => g.customerId));
        expect(new Set(report.rows.map((r) => r.customerId)).size).toBe(report.rows.length);
        const previous = new Map(before.map((g) => [g.customerId, g.grade]));
        for (const [i, row] of report.rows.entries()) {
          expect(row.no).toBe(i + 1);
          expect(row.grade).toBe(now[i]!.grade);
          expect(row.previousGrade).toBe(previous.get(row.customerId) ?? null);
          expect(row.direction).toBe(expectedDirection(row.grade, row.previousGrade));
        }
      }),
      { numRuns: 200 },
    );
  });

  test('January compares with December of the year before', async () => {
    summaries.clear();
    summaries.set('2026-01' as Period, summaryOf('2026-01' as Period, [{ customerId: customerIds[0]!, grade: 'B' }]));
    summaries.set('2025-12' as Period, summaryOf('2025-12' as Period, [{ customerId: customerIds[0]!, grade: 'C' }]));
    const report = await gradeChanges({} as never, '2026-01' as Period);
    expect(report.rows.map((r) => [r.previousGrade, r.direction])).toEqual([['C', 'up']]);
  });
});
