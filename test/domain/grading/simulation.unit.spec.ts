import * as E from 'fp-ts/Either';
import { describe, expect, test } from 'vitest';
import { builtInPolicy, defaultGradingPolicy, simulatePolicy } from '../../../src/domain/grading/index.js';
import { acme, ningbo, period } from './periodFixtures.js';

const stricter = {
  ...defaultGradingPolicy,
  bands: [
    { from: 0, to: 60, grade: 'E' as const },
    { from: 60, to: 75, grade: 'D' as const },
    { from: 75, to: 88, grade: 'C' as const },
    { from: 88, to: 95, grade: 'B' as const },
    { from: 95, to: 100, grade: 'A' as const },
  ],
};

describe('simulating a draft policy', () => {
  test('shows per customer the current and the simulated grade and limit, and totals per grade', () => {
    const result = simulatePolicy(builtInPolicy, stricter, period, [ningbo, acme], {});
    if (E.isLeft(result)) throw new Error(result.left.message);
    const sim = result.right;
    expect(sim.rows[0]).toMatchObject({
      customerId: acme.customerId,
      current: { score: 85, grade: 'B', creditLimit: '125400.00' },
      simulated: { score: 85, grade: 'C', creditLimit: '104500.00' },
    });
    expect(sim.totals.current.B).toEqual({ customers: 1, creditLimit: '125400.00' });
    expect(sim.totals.simulated.B).toEqual({ customers: 0, creditLimit: '0.00' });
    expect(sim.totals.simulated.C.customers).toBe(1);
    const count = (t: typeof sim.totals.current) => Object.values(t).reduce((n, g) => n + g.customers, 0);
    expect(count(sim.totals.current)).toBe(2);
    expect(count(sim.totals.simulated)).toBe(2);
  });

  test("applies the period's overrides to both", () => {
    const result = simulatePolicy(builtInPolicy, stricter, period, [acme], { [acme.customerId]: { score: 90, reason: 'r' } });
    expect(E.map((s: { rows: { current: { grade: string }; simulated: { grade: string } }[] }) => s.rows.map((r) => [r.current.grade, r.simulated.grade]))(result)).toEqual(
      E.right([['A', 'B']]),
    );
  });

  test('refuses a draft that could not be published, with its rule', () => {
    const broken = { ...stricter, bands: stricter.bands.slice(1) };
    expect(simulatePolicy(builtInPolicy, broken, period, [acme], {})).toEqual(E.left(expect.objectContaining({ code: 'BandsLeaveGap' })));
  });
});
