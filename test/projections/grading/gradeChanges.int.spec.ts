import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Grade, gradingPeriodStreamId } from '../../../src/domain/grading/index.js';
import type { Period } from '../../../src/domain/shared/index.js';
import { gradeChanges } from '../../../src/projections/grading/gradeChanges.js';
import { storeCases, type TestStore } from '../../support/stores.js';
import { appendAt, customer, projectAll } from '../support/world.js';
import { expectedDirection } from './gradeOrder.js';

/**
 * 升/降级 over random pairs of graded periods, through the grading view: every customer
 * graded this period appears once (a re-grade replaces its grade), beside its grade of
 * the period before or null, with the direction the grade order gives.
 */
const gradedEvent = (period: string, customerId: string, grade: string, revision: number) => ({
  type: 'CustomerGraded',
  data: {
    period, customerId, customerName: `客户${customerId.slice(-2)}`, salespersonId: 'sp-1', revision, changes: [],
    score: 70, scoreSource: 'scorecard', scorecardScore: 70, scorecard: [], grade, coefficient: '1.0', vip: grade === 'A',
    monthlyAverageSales: '110000.00', salesMonths: [period], fulfilmentRate: 0.95, creditDue: '100.00', creditPaidOnTime: '95.00',
    creditLimit: '100000.00', policyVersion: 1, remarks: [],
  },
});

const customers = Array.from({ length: 8 }, (_, i) => customer(40 + i));
/** Gradings of a period in the order they were made: a customer may be graded again. */
const gradingsArb = fc.array(fc.record({ customerId: fc.constantFrom(...customers), grade: fc.constantFrom(...Grade.options) }), { maxLength: 12 });

/** The latest grade of each customer graded. */
const latest = (gradings: readonly { customerId: string; grade: string }[]) => new Map(gradings.map((g) => [g.customerId, g.grade]));

describe.each(storeCases)('grade changes over random graded periods on $name', ({ open }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(() => t.close());

  let run = 0;
  test('every customer graded this period appears once, beside its previous grade, with the direction the grade order gives (property)', async () => {
    await fc.assert(
      fc.asyncProperty(gradingsArb, gradingsArb, async (now, before) => {
        // Each run grades a pair of months of its own: January of a year and the December before it.
        run += 1;
        const period = `${2100 + run}-01` as Period;
        const previous = `${2099 + run}-12` as Period;
        const grade = async (p: Period, gradings: typeof now) => {
          for (const [i, g] of gradings.entries()) await appendAt(t, gradingPeriodStreamId(p), '2026-03-05T00:00:00.000Z', gradedEvent(p, g.customerId, g.grade, i + 1));
        };
        await grade(previous, before);
        await grade(period, now);
        await projectAll(t);

        const report = await gradeChanges({ db: t.db, schema: t.schema, keyring: t.keyring }, period);
        expect(report.previousPeriod).toBe(previous);
        const graded = latest(now);
        const then = latest(before);
        expect(report.rows.map((r) => r.customerId).sort()).toEqual([...graded.keys()].sort());
        expect(report.rows.map((r) => r.no)).toEqual(report.rows.map((_, i) => i + 1));
        for (const row of report.rows) {
          expect(row.grade).toBe(graded.get(row.customerId));
          expect(row.previousGrade).toBe(then.get(row.customerId) ?? null);
          expect(row.direction).toBe(expectedDirection(row.grade, row.previousGrade));
        }
      }),
      { numRuns: 25 },
    );
  });
});
