/**
 * The ledger `bench:api` serves: N active customers registered (name reserved), three
 * months of figures each, then the grading of the current period and its four
 * sign-offs (so archives carry a grade and a credit limit). Registrations and figures are
 * decided by the domain's own deciders and appended as prepared events in large
 * `appendMany` batches (each still validated by the store); the grading goes through the
 * period decider over the projections' inputs (see gradePeriod).
 */
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { policyInForce } from '../src/app/grading/index.js';
import {
  type CustomerEvent,
  customerDecider,
  customerNameStreamId,
  customerStreamId,
  nameReservationDecider,
} from '../src/domain/customer/index.js';
import {
  type CustomerGraded,
  type PeriodEvent,
  type PeriodState,
  type SignOffStep,
  customerFiguresStreamId,
  figuresDecider,
  gradingPeriodStreamId,
  initialPeriodState,
  periodDecider,
} from '../src/domain/grading/index.js';
import { type Actor, type CommandMeta, type Period, type Role, addPeriods, periodBounds, periodOf, periodsBefore } from '../src/domain/shared/index.js';
import { loadGradingInputs } from '../src/projections/index.js';
import type { ProjectionEngine } from '../src/projections/index.js';
import { type OpenStore, type StreamWrite, toMetadata } from '../src/store/index.js';

export type Seeded = { customerIds: string[]; period: Period; events: number; seconds: { append: number; catchUp: number; grading: number } };

const uuid = (...parts: (string | number)[]): string => {
  const h = createHash('sha1').update(parts.join('/')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** A small seeded generator (mulberry32): the same figures on every run. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const yuan = (x: number) => (Math.round(x * 100) / 100).toFixed(2);
const actor = (role: Role, id: string = `bench-${role}`): Actor => ({ id, name: `基准${role}`, roles: [role] });
const clerk = actor('archiveClerk');
const meta = (at: string, by: Actor = clerk): CommandMeta => ({ actor: by, at, reason: '基准测试数据 (bench:api seed)' });

const must = <A>(r: E.Either<{ message: string }, A>, what: string): A => {
  if (E.isLeft(r)) throw new Error(`${what}: ${r.left.message}`);
  return r.right;
};

const plus = (instant: string, ms: number) => new Date(Date.parse(instant) + ms).toISOString();

/** One customer's three streams as prepared writes, each decided from the empty state. */
const customerWrites = (c: number, registeredAt: string, figures: { period: Period; at: string }[], rnd: () => number): StreamWrite[] => {
  const customerId = uuid('bench-api-customer', c);
  const name = `基准客户${c}有限公司`;
  const registered = must(
    customerDecider.decide(
      {
        type: 'RegisterCustomer',
        data: {
          customerId, salespersonId: `sp-${c % 50}`, status: 'active', validUntil: '2027-12-31',
          contacts: [
            { id: uuid('bench-api-contact', c, 1), category: 'primary', name: '陈明', departmentAndTitle: '采购部 经理', mobile: '13812345678', email: 'chen@example.com' },
            { id: uuid('bench-api-contact', c, 2), category: 'secondary', name: '王芳', departmentAndTitle: '财务部 会计', phone: '0571-88886666' },
          ],
          name, region: ['浙江', '上海', '江苏', '广东'][c % 4]!, address: `杭州市西湖区文三路${c}号`, website: 'https://example.com',
          companyType: 'factory', companyNature: '民营', legalRepresentative: '李强', industry: '纺织',
          profile: '华东地区中型纺织企业，主营棉纺面料，合作稳定。', products: '棉纺面料、混纺面料', registeredCapital: '5000000.00',
          sales: { annual: '12000000.00', offSeason: '600000.00', peakSeason: '1500000.00' },
          invoicing: { bank: '中国工商银行杭州分行', accountNumber: '1202 0210 0900 1234 567', specialRequirements: '增值税专用发票' },
          remarks: '基准测试客户',
        },
        meta: meta(registeredAt),
      },
      customerDecider.initialState,
    ),
    'register',
  ) as CustomerEvent[];
  const reserved = must(nameReservationDecider.decide({ type: 'ReserveCustomerName', data: { customerId, name } }, nameReservationDecider.initialState), 'reserve');
  let state = figuresDecider.initialState;
  const recorded = figures.flatMap(({ period, at }) => {
    const due = 20_000 + rnd() * 200_000;
    const events = must(
      figuresDecider.decide(
        { type: 'RecordMonthlyFigures', data: { customerId, period, sales: yuan(50_000 + rnd() * 400_000), creditDue: yuan(due), creditPaidOnTime: yuan(due * (0.6 + rnd() * 0.4)) }, meta: meta(at) },
        state,
      ),
      'figures',
    );
    state = events.reduce(figuresDecider.evolve, state);
    return events.map((e) => ({ type: e.type, data: e.data, occurredAt: at }));
  });
  return [
    { streamId: customerStreamId(customerId), expectedVersion: 'noStream', events: registered.map((e) => ({ type: e.type, data: e.data, occurredAt: registeredAt })) },
    { streamId: customerNameStreamId(name), expectedVersion: 'noStream', events: reserved.map((e) => ({ type: e.type, data: e.data, occurredAt: registeredAt })) },
    { streamId: customerFiguresStreamId(customerId), expectedVersion: 'noStream', events: recorded },
  ];
};

const signers: [SignOffStep, Role][] = [['prepared', 'archiveClerk'], ['reviewed', 'salesAdminManager'], ['audited', 'salesVP'], ['approved', 'groupGM']];

/**
 * The period's grading as `POST /grading/periods/{period}/run` decides it (the policy in
 * force, every active customer's inputs from the projections, the period decider), then
 * the four sign-offs. Not through runGrading/signOffGradeSummary: they fold the period
 * stream with evolvePeriod, which copies the evaluations record per event — quadratic,
 * ~77 s per fold at 10,000 customers, so each sign-off would take minutes. Here the state
 * after the run is built in one pass and handed to the same decider.
 */
const gradePeriod = async (opened: OpenStore, period: Period, at: string): Promise<number> => {
  const streamId = gradingPeriodStreamId(period);
  const policy = must(await policyInForce({ store: opened.store })()(), 'policy in force');
  const customers = await loadGradingInputs({ db: opened.db, schema: opened.schema, keyring: opened.keyring })(period, policy);
  const run = { type: 'RunGrading' as const, data: { period, policy: { version: policy.version, policy: policy.policy }, customers }, meta: meta(at) };
  const graded = must(periodDecider.decide(run, initialPeriodState), 'grading run').filter((e): e is CustomerGraded => e.type === 'CustomerGraded');
  if (graded.length !== customers.length) throw new Error(`the grading run graded ${graded.length} of ${customers.length} customers`);
  let version = 0;
  const append = async (events: readonly PeriodEvent[], by: Actor) => {
    const written = events.map((e) => ({ type: e.type, data: e.data, occurredAt: at }));
    must(await opened.store.append(streamId, version === 0 ? 'noStream' : version, written, { metadata: toMetadata(meta(at, by)) })(), `append to ${streamId}`);
    version += events.length;
  };
  for (let i = 0; i < graded.length; i += 2000) await append(graded.slice(i, i + 2000), clerk);
  let state: PeriodState = { status: 'open', evaluations: Object.fromEntries(graded.map((e) => [e.data.customerId, e.data])), overrides: {}, notes: {} };
  for (const [step, role] of signers) {
    const signed: PeriodEvent[] = must(periodDecider.decide({ type: 'SignOffGradeSummary', data: { period, step }, meta: meta(at, actor(role)) }, state), `sign-off ${step}`);
    await append(signed, actor(role));
    state = signed.reduce(periodDecider.evolve, state);
  }
  return version;
};

const seconds = (since: number) => +((performance.now() - since) / 1000).toFixed(1);

/**
 * Seeds `opened` and leaves every projection caught up. `engine` runs the product's
 * projections over the same store (started and stopped by the caller).
 */
export const seedLedger = async (opened: OpenStore, engine: ProjectionEngine, customers: number, now: Date, batch = 500): Promise<Seeded> => {
  const nowIso = now.toISOString();
  const period = periodOf(nowIso);
  const figurePeriods = periodsBefore(period, 3);
  const registeredAt = plus(periodBounds(addPeriods(period, -4)).start, 86_400_000);
  // Each month's figures are recorded early in the next month (never after now).
  const figures = figurePeriods.map((p) => ({ period: p, at: new Date(Math.min(Date.parse(plus(periodBounds(p).end, 3_600_000)), now.getTime() - 60_000)).toISOString() }));
  const rnd = seeded(7);
  const customerIds = Array.from({ length: customers }, (_, c) => uuid('bench-api-customer', c));

  const started = performance.now();
  let events = 0;
  for (let from = 0; from < customers; from += batch) {
    const writes = Array.from({ length: Math.min(batch, customers - from) }, (_, i) => customerWrites(from + i, registeredAt, figures, rnd)).flat();
    events += writes.reduce((n, w) => n + w.events.length, 0);
    must(await opened.store.appendMany(writes, { metadata: toMetadata(meta(nowIso)) })(), 'appendMany');
  }
  const appended = seconds(started);

  const catching = performance.now();
  const caught = await engine.catchUp(30 * 60_000);
  if (!caught.reached) throw new Error(`projections did not catch up: ${JSON.stringify(caught)}`);
  const catchUp = seconds(catching);

  const grading = performance.now();
  events += await gradePeriod(opened, period, nowIso);
  const regraded = await engine.catchUp(30 * 60_000);
  if (!regraded.reached) throw new Error(`projections did not catch up after grading: ${JSON.stringify(regraded)}`);
  return { customerIds, period, events, seconds: { append: appended, catchUp, grading: seconds(grading) } };
};
