import fc from 'fast-check';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { type ComplaintStepName, complaintStepNames } from '../../../src/domain/complaint/index.js';
import { storeCases } from '../../support/stores.js';
import { type CreditApp, client, expectHandled, type FuzzedRequest, openCreditApp } from './creditApp.js';

/**
 * Whatever a client sends to the complaint routes — any body, each step with right and
 * wrong data, queries, ids, headers — the answer is below 500, a refusal is a problem
 * document, and a refused request leaves the event log as it was.
 */
const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('鞋底开胶', '同意', 'ok') },
  { weight: 2, arbitrary: fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('', '   ', '\u0000', 'x'.repeat(4001))) },
);
const instant = fc.oneof(
  fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-10-01', '2026-10-01T08:00:00', 'yesterday', '2026-10-01T08:00:00+08:00'),
);
const anyValue = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.jsonValue());
const field = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.oneof({ weight: 5, arbitrary: arb }, { weight: 1, arbitrary: anyValue }), { nil: undefined, freq: 10 });
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const extras = fc.oneof(
  { weight: 4, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'status', 'complaintId')), fc.jsonValue(), { maxKeys: 2 }) },
);
const json = (fields: fc.Arbitrary<Record<string, unknown>>) => fc.tuple(fields, extras).map(([f, e]) => JSON.stringify({ ...e, ...f }));
const raw = fc.oneof(fc.string({ maxLength: 50 }), fc.jsonValue().map((v) => JSON.stringify(v)), fc.constantFrom('{', '[]', 'null', '{"step":null}', '{"__proto__":{"step":"judge"}}'));
const body = (fields: fc.Arbitrary<Record<string, unknown>>) => fc.oneof({ weight: 4, arbitrary: json(fields) }, { weight: 1, arbitrary: raw });

const stepData = {
  category: field(fc.constantFrom('quality', 'nonQuality')),
  problemFound: field(fc.boolean()),
  explanation: field(text),
  plan: field(text),
  departments: field(fc.array(text, { maxLength: 3 })),
  opinion: field(text),
  outcome: field(fc.constantFrom('satisfied', 'notSatisfied', '和解')),
  notes: field(text),
  reason: field(text),
};
type DataKey = keyof typeof stepData;
const fieldsOf: Record<ComplaintStepName, DataKey[]> = {
  judge: ['category'],
  assess: ['problemFound', 'explanation'],
  proposePlan: ['plan', 'departments'],
  signOpinion: ['opinion'],
  approve: ['opinion'],
  negotiate: ['outcome', 'notes'],
  execute: ['notes'],
  litigate: ['notes'],
  concludeLitigation: ['outcome', 'notes'],
  reopen: [],
};
const pick = (keys: readonly DataKey[]) => Object.fromEntries(keys.map((k) => [k, stepData[k]])) as Partial<typeof stepData>;

/** Mostly a real step with its own fields (each right most of the time), sometimes any step with every field. */
const stepFields = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .constantFrom(...complaintStepNames)
      .chain((step) => fc.record(pick([...fieldsOf[step], 'reason']), { requiredKeys: [] }).map((data) => ({ step, ...data }))),
  },
  { weight: 1, arbitrary: fc.record({ step: field(fc.constantFrom(...complaintStepNames)), ...stepData }, { requiredKeys: [] }) },
);

describe.each(storeCases)('fuzzing the complaint routes on $name', ({ open }) => {
  let c: CreditApp;
  const tokens: Record<string, string | undefined> = { none: undefined, garbage: 'eyJhbGciOiJIUzI1NiJ9.e30.invalid' };
  const ids = { customer: '', complaint: '' };

  beforeAll(async () => {
    c = await openCreditApp(open);
    const roles = { service: ['serviceClerk'], seller: ['salesperson'], sam: ['salesAdminManager'], gm: ['salesGM'], auditor: ['auditor'], clerk: ['archiveClerk'] } as const;
    for (const [name, r] of Object.entries(roles)) tokens[name] = await c.token([...r], name === 'seller' ? 'sp-1' : `${name}-1`);
    ids.customer = await c.register('模糊测试投诉客户');
    ids.complaint = (await client(c.app)(tokens.service).post('/complaints').send({ customerId: ids.customer, description: '投诉' })).body.id;
  });
  afterAll(() => c.close());

  const token = fc.oneof({ weight: 5, arbitrary: fc.constantFrom('service', 'seller', 'sam', 'gm') }, { weight: 2, arbitrary: fc.constantFrom('none', 'garbage', 'auditor', 'clerk') });
  const complaintId = fc.oneof(fc.constant(() => ids.complaint), fc.uuid().map((u) => () => u), fc.string({ maxLength: 12 }).map((s) => () => encodeURIComponent(s) || 'x'));
  const headers = fc.record({
    contentType: fc.oneof({ weight: 5, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded') }),
    ifMatch: rarely(fc.oneof(fc.nat(12).map((n) => `"${n}"`), fc.constantFrom('*', 'garbage'))),
    idempotencyKey: rarely(fc.oneof(fc.constantFrom('k1', 'k2'), fc.string({ maxLength: 8 }))),
  });

  const receive = fc
    .tuple(
      token,
      body(
        fc.record(
          {
            customerId: field(fc.oneof(fc.constant('customer'), fc.uuid())),
            description: field(text),
            receivedAt: field(instant),
            materials: field(fc.array(text, { maxLength: 3 })),
          },
          { requiredKeys: [] },
        ),
      ),
      headers,
    )
    .map(([t, b, h]) => (): FuzzedRequest => ({ method: 'post', path: '/complaints', token: tokens[t], body: b.replace('"customer"', JSON.stringify(ids.customer)), ...h }));

  const step = fc
    .tuple(token, complaintId, body(stepFields), headers)
    .map(([t, id, b, h]) => (): FuzzedRequest => ({ method: 'post', path: `/complaints/${id()}/steps`, token: tokens[t], body: b, ...h }));

  const queryKey = fc.constantFrom('month', 'format', 'asOf', 'knownAt', 'customerId', 'status', 'from', 'to', 'limit', 'cursor', 'junk');
  const queryValue = fc.oneof(text, instant, fc.constantFrom('2026-10', '2026-13', 'csv', 'xlsx', 'json', 'pdf', 'closed', '0', '501', 'eyJ4IjoxfQ'));
  const reads = fc
    .tuple(token, fc.constantFrom('one', 'list', 'monthly'), complaintId, fc.dictionary(queryKey, queryValue, { maxKeys: 3 }))
    .map(([t, which, id, query]) => (): FuzzedRequest => {
      const path = { one: `/complaints/${id()}`, list: '/complaints', monthly: '/reports/complaints/monthly' }[which];
      const qs = new URLSearchParams(which === 'monthly' ? { month: '2026-11', ...query } : query).toString();
      return { method: 'get', path: `${path}${qs ? `?${qs}` : ''}`, token: tokens[t], contentType: 'application/json' };
    });

  test('never a 5xx; refusals are problem documents and write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(receive, step, reads), async (make) => {
        await expectHandled(c, make());
      }),
      // FUZZ_RUNS=1500 for a longer hunt (that is how the NUL character's 500 was found).
      { numRuns: Number(process.env.FUZZ_RUNS ?? 120) },
    );
  });
});
