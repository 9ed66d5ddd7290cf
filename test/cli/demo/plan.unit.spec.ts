import { describe, expect, test } from 'vitest';
import { planDemo } from '../../../src/cli/demo/plan.js';
import { cutoffOf } from '../../../src/cli/demo/timeline.js';
import { Money, toFen } from '../../../src/domain/shared/index.js';

const options = { seed: 11, customers: 60, months: 12, until: '2026-09' };
const plan = planDemo(options);
const instantsOf = (value: unknown): string[] =>
  typeof value === 'string' ? (/^\d{4}-\d{2}-\d{2}T/.test(value) ? [value] : []) : typeof value === 'object' && value !== null ? Object.values(value).flatMap(instantsOf) : [];

describe('the demo plan', () => {
  test('is the same for the same seed, and another for another seed', () => {
    expect(planDemo(options)).toEqual(plan);
    expect(planDemo({ ...options, seed: 12 }).customers.map((c) => c.name)).not.toEqual(plan.customers.map((c) => c.name));
  });

  test('gives every customer a name of its own, and figures in yuan with no more paid on time than due', () => {
    expect(new Set(plan.customers.map((c) => c.name)).size).toBe(options.customers);
    const figures = plan.customers.flatMap((c) => c.figures);
    expect(figures.length).toBeGreaterThan(options.customers * 6);
    for (const f of figures) {
      for (const m of [f.sales, f.creditDue, f.creditPaidOnTime]) expect(Money.safeParse(m).success).toBe(true);
      expect(toFen(f.creditPaidOnTime) <= toFen(f.creditDue)).toBe(true);
    }
  });

  test('has every credit request outcome, gradings of the last six months, and open and closed complaints', () => {
    expect(new Set(plan.creditRequests.map((r) => r.outcome.kind))).toEqual(new Set(['approved', 'rejected', 'withdrawn', 'pending']));
    expect(new Set(plan.creditRequests.map((r) => r.customerId)).size).toBe(plan.creditRequests.length);
    expect(plan.gradings.map((g) => g.period)).toEqual(['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
    expect(plan.gradings.at(-1)!.signOffs.map((s) => s.step)).toEqual(['prepared', 'reviewed']);
    const closes = (c: (typeof plan.complaints)[number]) => {
      const last = c.steps.at(-1)?.action;
      return last?.step === 'execute' || last?.step === 'concludeLitigation' || (last?.step === 'assess' && !last.problemFound);
    };
    expect(plan.complaints.filter(closes).length).toBeGreaterThan(plan.complaints.length / 2);
    expect(plan.complaints.some((c) => !closes(c))).toBe(true);
    expect(plan.complaints.length).toBeGreaterThanOrEqual(2 * options.months);
  });

  test('happens entirely before its cutoff, ten days into the month after the last', () => {
    const cutoff = Date.parse(cutoffOf(options.until));
    const instants = instantsOf(plan);
    expect(instants.length).toBeGreaterThan(1000);
    for (const at of instants) expect(Date.parse(at)).toBeLessThan(cutoff);
  });
});
