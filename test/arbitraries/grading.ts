import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import type { Actor, Period, Role } from '../../src/domain/shared/index.js';
import { addPeriods, fromFen } from '../../src/domain/shared/index.js';
import {
  type CustomerGradingInput,
  type Grade,
  type GradingPolicy,
  type MonthlyFigures,
  type PeriodCommand,
  type PeriodEvent,
  type PeriodState,
  type PolicyProblemCode,
  type SignOffStep,
  type VersionedPolicy,
  defaultGradingPolicy,
  periodDecider,
} from '../../src/domain/grading/index.js';

/** A score with at most two decimals, built from integer hundredths (0, 59.99, 100 …). */
export const scoreArb = fc.integer({ min: 0, max: 100_00 }).map((h) => h / 100);

export const fenArb = (max = 10n ** 12n) => fc.bigInt({ min: 0n, max });
export const moneyArb = (max?: bigint) => fenArb(max).map(fromFen);

/** A decimal text with up to `decimals` decimals between 0 and `max` (whole units). */
export const decimalArb = (max: number, decimals: number) =>
  fc.integer({ min: 0, max: max * 10 ** decimals }).map((n) => {
    const s = String(n).padStart(decimals + 1, '0');
    return decimals === 0 ? s : `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
  });

export const periodArb: fc.Arbitrary<Period> = fc.integer({ min: 2020 * 12, max: 2035 * 12 }).map((i) => {
  const y = Math.floor(i / 12);
  return `${y}-${String((i % 12) + 1).padStart(2, '0')}`;
});

const gradesInOrder: Grade[] = ['E', 'D', 'C', 'B', 'A'];

/** Bands that tile 0–100 with grades never falling as the score rises, listed in any order. */
export const validBandsArb: fc.Arbitrary<GradingPolicy['bands']> = fc
  .uniqueArray(fc.integer({ min: 1, max: 100_00 - 1 }), { maxLength: 7 })
  .chain((cuts) => {
    const edges = [0, ...[...cuts].sort((a, b) => a - b), 100_00];
    const n = edges.length - 1;
    return fc
      .array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n })
      .map((ranks) => ranks.sort((a, b) => a - b).map((r, i) => ({ from: edges[i]! / 100, to: edges[i + 1]! / 100, grade: gradesInOrder[r]! })))
      .chain((bands) => fc.shuffledSubarray(bands, { minLength: n, maxLength: n }));
  });

const weightsArb = fc.integer({ min: 1, max: 6 }).chain((k) =>
  fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: k - 1, maxLength: k - 1 }).map((cuts) => {
    const edges = [0, ...cuts.sort((a, b) => a - b), 100];
    return edges.slice(1).map((e, i) => e - edges[i]!);
  }),
);

const criterionArb = (id: string, weight: number) =>
  fc.record({
    id: fc.constant(id),
    label: fc.constant(`criterion ${id}`),
    input: fc.constantFrom('monthlyAverageSales', 'fulfilmentRate', 'violations', 'complaints', 'yearsOfCooperation' as const),
    weight: fc.constant(weight),
    direction: fc.constantFrom('higherIsBetter', 'lowerIsBetter' as const),
    thresholds: fc
      .uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 5 })
      .chain((ts) =>
        fc.tuple(...ts.sort((a, b) => a - b).map((t) => decimalArb(1, 2).map((factor) => ({ threshold: String(t), factor })))),
      ),
  });

const gradeSettingArb = (g: Grade) =>
  fc.record({ label: fc.constant(`grade ${g}`), coefficient: decimalArb(3, 2), vip: fc.boolean() });

/** A policy validation accepts: every part well formed. */
export const validPolicyArb: fc.Arbitrary<GradingPolicy> = fc.record({
  bands: validBandsArb,
  grades: fc.record({ A: gradeSettingArb('A'), B: gradeSettingArb('B'), C: gradeSettingArb('C'), D: gradeSettingArb('D'), E: gradeSettingArb('E') }),
  scorecard: weightsArb.chain((ws) => fc.tuple(...ws.map((w, i) => criterionArb(`c${i}`, w)))),
  salesWindow: fc.record({ periods: fc.integer({ min: 1, max: 6 }), missingMonths: fc.constantFrom('skip', 'zero' as const) }),
  fulfilmentWhenNothingDue: decimalArb(1, 2),
  incidentsPeriod: fc.constantFrom('previous', 'evaluated' as const),
  rounding: fc.record({ unit: fc.constantFrom('fen', 'yuan', 'hundredYuan' as const), mode: fc.constantFrom('halfUp', 'down' as const) }),
  upgradePlanSize: fc.integer({ min: 0, max: 20 }),
});

const breaks: Record<PolicyProblemCode, (p: GradingPolicy, n: number) => GradingPolicy | null> = {
  BandIsEmpty: (p, n) => ({ ...p, bands: p.bands.map((b, i) => (i === n % p.bands.length ? { ...b, to: b.from } : b)) }),
  BandsLeaveGap: (p, n) => {
    const b = p.bands[n % p.bands.length]!;
    const from = (Math.round(b.from * 100) + 1) / 100;
    return from >= b.to ? null : { ...p, bands: p.bands.map((x) => (x === b ? { ...b, from } : x)) };
  },
  BandsOverlap: (p) => ({ ...p, bands: [...p.bands, { ...p.bands[0]! }] }),
  GradeFallsAsScoreRises: (p) => {
    if (p.bands.length < 2) return { ...p, bands: [{ from: 0, to: 50, grade: 'A' }, { from: 50, to: 100, grade: 'E' }] };
    const sorted = [...p.bands].sort((a, b) => a.from - b.from);
    const [lowest, highest] = [sorted[0], sorted.at(-1)];
    return { ...p, bands: p.bands.map((b) => (b === lowest ? { ...b, grade: 'A' } : b === highest ? { ...b, grade: 'E' } : b)) };
  },
  CoefficientIsNegative: (p, n) => {
    const g = (['A', 'B', 'C', 'D', 'E'] as const)[n % 5]!;
    return { ...p, grades: { ...p.grades, [g]: { ...p.grades[g], coefficient: `-0.${(n % 9) + 1}` } } };
  },
  WeightsDoNotSumTo100: (p, n) => ({ ...p, scorecard: p.scorecard.map((c, i) => (i === 0 ? { ...c, weight: (c.weight + 1 + (n % 5)) % 101 } : c)) }),
  ThresholdsNotAscending: (p) => ({ ...p, scorecard: p.scorecard.map((c, i) => (i === 0 ? { ...c, thresholds: [...c.thresholds, c.thresholds.at(-1)!] } : c)) }),
  FactorOutOfRange: (p, n) => ({ ...p, scorecard: p.scorecard.map((c, i) => (i === 0 ? { ...c, thresholds: c.thresholds.map((t, j) => (j === 0 ? { ...t, factor: `1.${(n % 9) + 1}` } : t)) } : c)) }),
  CriterionIdRepeated: (p) => ({ ...p, scorecard: [...p.scorecard.map((c) => ({ ...c, weight: 0 })), ...p.scorecard.map((c) => ({ ...c }))] }),
  FulfilmentDefaultOutOfRange: (p, n) => ({ ...p, fulfilmentWhenNothingDue: `1.0${(n % 9) + 1}` }),
};

/** A well-formed policy broken in exactly one way, with the rule that must refuse it. */
export const brokenPolicyArb: fc.Arbitrary<{ policy: GradingPolicy; code: PolicyProblemCode }> = fc
  .tuple(validPolicyArb, fc.constantFrom(...(Object.keys(breaks) as PolicyProblemCode[])), fc.nat())
  .map(([p, code, n]) => ({ policy: breaks[code](p, n), code }))
  .filter((x): x is { policy: GradingPolicy; code: PolicyProblemCode } => x.policy !== null);

export const customerIdArb = fc.constantFrom(
  '00000000-0000-4000-8000-000000000001',
  '00000000-0000-4000-8000-000000000002',
  '00000000-0000-4000-8000-000000000003',
);

export const figuresArb = (period: Period): fc.Arbitrary<MonthlyFigures> =>
  fc.tuple(moneyArb(10n ** 10n), fenArb(10n ** 9n), fc.nat({ max: 100 })).map(([sales, due, pct]) => ({
    period,
    sales,
    creditDue: fromFen(due),
    creditPaidOnTime: fromFen((due * BigInt(pct)) / 100n),
  }));

/** A customer's inputs for `period`: any subset of the 6 months before it recorded. */
export const inputArb = (period: Period, customerId: fc.Arbitrary<string> = customerIdArb): fc.Arbitrary<CustomerGradingInput> =>
  fc.record({
    customerId,
    customerName: fc.constantFrom('浙江某控股集团有限公司', '宁波贸易公司'),
    salespersonId: fc.constantFrom('sp-1', 'sp-2'),
    figures: fc.subarray([1, 2, 3, 4, 5, 6]).chain((ks) => fc.tuple(...ks.map((k) => figuresArb(addPeriods(period, -k))))),
    violations: fc.nat({ max: 4 }),
    complaints: fc.nat({ max: 4 }),
    cooperationSince: fc.option(fc.constantFrom('2015-03-01', '2022-12-31', '2024-06-15'), { nil: null }),
  });

/** Several customers' inputs, one per customer id. */
export const inputsArb = (period: Period) =>
  fc.uniqueArray(inputArb(period), { selector: (c) => c.customerId, maxLength: 3 });

export const actor = (id: string, ...roles: Role[]): Actor => ({ id, name: `person ${id}`, roles });

const people: Actor[] = [
  actor('clerk', 'archiveClerk'),
  actor('board', 'reviewBoard'),
  actor('manager', 'salesAdminManager'),
  actor('vp', 'salesVP'),
  actor('gm', 'salesGM'),
  actor('ggm', 'groupGM'),
  actor('many', 'archiveClerk', 'salesAdminManager', 'groupGM', 'reviewBoard'),
];

/** Mostly the people allowed to do it, sometimes anyone (so that refusals happen too). */
const mostly = (...allowed: Actor[]) =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...allowed) }, { weight: 1, arbitrary: fc.constantFrom(...people) });

export const testPeriod: Period = '2026-10';
const at = '2026-10-05T09:00:00+08:00';
const policyArb: fc.Arbitrary<VersionedPolicy> = fc.constantFrom(
  { version: 0, policy: defaultGradingPolicy },
  { version: 1, policy: { ...defaultGradingPolicy, rounding: { unit: 'fen', mode: 'halfUp' } } },
);

/** Any command on a period stream, by any of a few people, with or without a reason. */
export const periodCommandArb: fc.Arbitrary<PeriodCommand> = fc.oneof(
  fc.record({ actor: mostly(people[0]!, people[1]!), reason: fc.constantFrom('月度评级', '月度评级', undefined), policy: policyArb, customers: inputsArb(testPeriod) }).map(
    ({ actor: a, reason, policy, customers }): PeriodCommand => ({ type: 'RunGrading', data: { period: testPeriod, policy, customers }, meta: { actor: a, at, reason } }),
  ),
  fc.record({ actor: mostly(people[1]!), customer: inputArb(testPeriod), score: scoreArb, policy: policyArb, withInputs: fc.boolean() }).map(
    ({ actor: a, customer, score, policy, withInputs }): PeriodCommand => ({
      type: 'OverrideScore',
      data: { period: testPeriod, customerId: customer.customerId, score, policy, customer: withInputs ? customer : null },
      meta: { actor: a, at, reason: '评审小组复议' },
    }),
  ),
  fc.record({ actor: fc.constantFrom(...people), step: fc.constantFrom<SignOffStep>('prepared', 'reviewed', 'audited', 'approved') }).map(
    ({ actor: a, step }): PeriodCommand => ({ type: 'SignOffGradeSummary', data: { period: testPeriod, step }, meta: { actor: a, at } }),
  ),
);

/** The right person for each step, so that histories reach the frozen state often. */
export const signOffCommands: PeriodCommand[] = (
  [
    ['prepared', people[0]!],
    ['reviewed', people[2]!],
    ['audited', people[3]!],
    ['approved', people[5]!],
  ] as const
).map(([step, a]) => ({ type: 'SignOffGradeSummary', data: { period: testPeriod, step }, meta: { actor: a, at } }));

/** A generated command, or "the next sign-off by the right person" resolved against the state reached. */
const moveArb: fc.Arbitrary<PeriodCommand | 'signNext'> = fc.oneof(
  { weight: 3, arbitrary: periodCommandArb },
  { weight: 2, arbitrary: fc.constant('signNext' as const) },
);

const resolve = (move: PeriodCommand | 'signNext', state: PeriodState): PeriodCommand | undefined =>
  move === 'signNext' ? signOffCommands[state.status === 'open' ? 0 : state.signOffs.length] : move;

/** A reachable history: generated commands run through `decide`, keeping what it accepted. */
export const periodHistoryArb: fc.Arbitrary<{ events: PeriodEvent[]; state: PeriodState }> = fc
  .array(moveArb, { maxLength: 14 })
  .map((moves) =>
    moves.reduce(
      (acc, move) => {
        const command = resolve(move, acc.state);
        const r = command === undefined ? E.right([]) : periodDecider.decide(command, acc.state);
        return E.isLeft(r) ? acc : { events: [...acc.events, ...r.right], state: r.right.reduce(periodDecider.evolve, acc.state) };
      },
      { events: [] as PeriodEvent[], state: periodDecider.initialState },
    ),
  );
