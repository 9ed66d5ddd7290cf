import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { customerArchive } from '../../src/projections/customers/archive.js';
import { listCustomers, listVipCustomers } from '../../src/projections/customers/list.js';
import { customerNamesAt } from '../../src/projections/customers/names.js';
import { listViolations } from '../../src/projections/customers/violations.js';
import { ProjectionQueryError } from '../../src/projections/shared/query.js';
import { storeCases, type TestStore } from '../support/stores.js';
import { appendAt, approvedSummary, customer, projectAll, registered } from './support/world.js';

const [a, b, c] = [customer(1), customer(2), customer(3)];

describe.each(storeCases)('customer views on $name', ({ open }) => {
  let t: TestStore;
  let recordedBeforeCorrection: string;
  const deps = () => ({ db: t.db, schema: t.schema, keyring: t.keyring });
  beforeAll(async () => {
    t = await open();
    await appendAt(t, `customer-${a}`, '2026-01-05T02:00:00.000Z', registered(a, '浙江华美控股有限公司', { region: '浙江', validUntil: '2026-03-31' }));
    await appendAt(t, `customer-${b}`, '2026-01-06T02:00:00.000Z', registered(b, '宁波贸易公司', { salespersonId: 'sp-2', region: '浙江' }));
    await appendAt(t, `customer-${c}`, '2026-01-07T02:00:00.000Z', registered(c, '上海华美贸易', { status: 'prospect', region: '上海' }));
    await appendAt(t, `customer-${a}`, '2026-02-01T02:00:00.000Z', { type: 'ArchiveFieldsChanged', data: { customerId: a, changes: [{ field: 'region', from: '浙江', to: '江苏' }] } });
    await appendAt(t, `customer-${a}`, '2026-02-10T02:00:00.000Z', { type: 'ViolationRecorded', data: { customerId: a, occurredAt: '2026-02-08T02:00:00.000Z', type: '逾期付款', description: '逾期十五天' } });
    await appendAt(t, `customer-${b}`, '2026-02-11T02:00:00.000Z', { type: 'ViolationRecorded', data: { customerId: b, occurredAt: '2026-02-09T02:00:00.000Z', type: '窜货', description: '跨区销售' } });
    await appendAt(t, 'gradingPeriod-2026-01', '2026-02-15T02:00:00.000Z', approvedSummary('2026-01', [{ customerId: a, grade: 'A', creditLimit: '300000.00' }, { customerId: b, grade: 'C', creditLimit: '80000.00' }]));
    // An evaluation backdated before the registration: the archive's fold ignores it.
    await appendAt(t, `customer-${c}`, '2026-01-01T00:00:00.000Z', { type: 'EvaluationAdded', data: { customerId: c, evaluator: { id: 'u-s', name: '李娜' }, text: '早于建档', at: '2026-01-01T00:00:00.000Z' } });
    const before = await appendAt(t, `customer-${c}`, '2026-03-01T02:00:00.000Z', { type: 'EvaluationAdded', data: { customerId: c, evaluator: { id: 'u-s', name: '李娜' }, text: '合作良好', at: '2026-03-01T02:00:00.000Z' } });
    recordedBeforeCorrection = before[0]!.recordedAt;
    await new Promise((r) => setTimeout(r, 5));
    // A correction recorded now, effective in January: the region was 上海 then too, but spelled 上海市.
    await appendAt(t, `customer-${c}`, '2026-01-20T00:00:00.000Z', { type: 'ArchiveFieldsChanged', data: { customerId: c, changes: [{ field: 'region', from: '上海', to: '上海市' }] } });
    await projectAll(t);
  });
  afterAll(() => t.close());

  describe('when asked for names (the reports name the customers the views keep as ids)', () => {
    test('names the given customers, or all, that existed at the time point', async () => {
      expect(await customerNamesAt(deps(), null)).toEqual(new Map([[a, '浙江华美控股有限公司'], [b, '宁波贸易公司'], [c, '上海华美贸易']]));
      expect(await customerNamesAt(deps(), [a, c, customer(99), a])).toEqual(new Map([[a, '浙江华美控股有限公司'], [c, '上海华美贸易']]));
      expect(await customerNamesAt(deps(), [a, b, c], { asOf: '2026-01-06T12:00:00Z' })).toEqual(new Map([[a, '浙江华美控股有限公司'], [b, '宁波贸易公司']]));
      expect(await customerNamesAt(deps(), null, { knownAt: '2020-01-01T00:00:00Z' })).toEqual(new Map());
    });
  });

  describe('when asked for the archive', () => {
    test('shows the state as of a time, and as it was known at a time', async () => {
      expect(await customerArchive(deps(), a, { asOf: '2026-01-31T00:00:00Z' })).toMatchObject({ region: '浙江', grade: null, creditLimit: null, violations: [] });
      expect(await customerArchive(deps(), a)).toMatchObject({
        region: '江苏',
        grade: 'A',
        vip: true,
        creditLimit: '300000.00',
        creditLimitSource: { kind: 'gradeSummary', period: '2026-01' },
        violations: [{ type: '逾期付款', occurredAt: '2026-02-08T02:00:00.000Z' }],
        version: 3,
      });
      expect(await customerArchive(deps(), c, { asOf: '2026-02-01T00:00:00Z', knownAt: recordedBeforeCorrection })).toMatchObject({ region: '上海' });
      expect(await customerArchive(deps(), c, { asOf: '2026-02-01T00:00:00Z' })).toMatchObject({ region: '上海市' });
    });

    test('leaves out list entries effective before the registration', async () => {
      expect((await customerArchive(deps(), c))!.evaluations.map((e) => e.text)).toEqual(['合作良好']);
    });

    test('answers null before the customer existed or was recorded', async () => {
      expect(await customerArchive(deps(), a, { asOf: '2025-12-31T00:00:00Z' })).toBeNull();
      expect(await customerArchive(deps(), a, { knownAt: '2020-01-01T00:00:00Z' })).toBeNull();
      expect(await customerArchive(deps(), customer(99))).toBeNull();
    });
  });

  describe('when listing customers', () => {
    test('filters by status, salesperson, name and grade', async () => {
      const ids = async (filter: Parameters<typeof listCustomers>[1]) => (await listCustomers(deps(), filter)).items.map((i) => i.id);
      expect(await ids({})).toEqual([a, b, c]);
      expect(await ids({ status: 'prospect' })).toEqual([c]);
      expect(await ids({ salespersonId: 'sp-2' })).toEqual([b]);
      expect(await ids({ q: '华美' })).toEqual([a, c]);
      expect(await ids({ grade: 'C' })).toEqual([b]);
      expect((await listVipCustomers(deps())).items.map((i) => i.id)).toEqual([a]);
    });

    test('pages with a cursor and refuses one it did not give out', async () => {
      const first = await listCustomers(deps(), {}, {}, { limit: 2 });
      expect(first.items.map((i) => i.id)).toEqual([a, b]);
      const second = await listCustomers(deps(), {}, {}, { limit: 2, cursor: first.nextCursor });
      expect(second).toEqual({ items: [expect.objectContaining({ id: c })], nextCursor: null });
      await expect(listCustomers(deps(), {}, {}, { cursor: 'bm9wZQ' })).rejects.toBeInstanceOf(ProjectionQueryError);
    });

    test('says when a review is due', async () => {
      const items = (await listCustomers(deps(), {}, { asOf: '2026-03-15T00:00:00Z' })).items;
      expect(items.find((i) => i.id === a)).toMatchObject({ validUntil: '2026-03-31', reviewDue: true, region: '江苏', grade: 'A', creditLimit: '300000.00' });
      expect((await listCustomers(deps(), {}, { asOf: '2026-02-15T00:00:01Z' })).items.find((i) => i.id === a)).toMatchObject({ reviewDue: false });
    });
  });

  describe('when listing violation records', () => {
    test('filters by customer, type and time, in the order they happened', async () => {
      const types = async (filter: Parameters<typeof listViolations>[1]) => (await listViolations(deps(), filter)).items.map((v) => v.type);
      expect(await types({})).toEqual(['逾期付款', '窜货']);
      expect(await types({ customerId: b })).toEqual(['窜货']);
      expect(await types({ type: '逾期付款' })).toEqual(['逾期付款']);
      expect(await types({ from: '2026-02-09T00:00:00Z', to: '2026-03-01T00:00:00Z' })).toEqual(['窜货']);
      const page = await listViolations(deps(), {}, {}, { limit: 1 });
      expect((await listViolations(deps(), {}, {}, { limit: 1, cursor: page.nextCursor })).items.map((v) => v.type)).toEqual(['窜货']);
    });
  });
});
