import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeCases } from '../../support/stores.js';
import { client, type CustomersApp, expectProblem, openCustomersApp, sleep, uniqueName } from './customersApp.js';
import { archiveBody, badCreditCode } from './customersFixtures.js';

/**
 * The archive clerk registers, reads and changes archives (客户档案表): read-your-writes,
 * ETag and If-Match, the unique name, field validation naming the path, idempotent
 * retries, time travel and paging of the list.
 */
describe.each(storeCases)('customer archives on $name', ({ open }) => {
  let c: CustomersApp;
  let as: ReturnType<typeof client>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    c = await openCustomersApp(open);
    as = client(c.app);
    tokens.clerk = await c.token(['archiveClerk'], 'clerk-1');
    tokens.auditor = await c.token(['auditor'], 'auditor-1');
  });
  afterAll(() => c.close());

  const register = (body: object, key?: string) => {
    const req = as(tokens.clerk).post('/customers');
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
  };
  const registered = async (name = uniqueName('客户')) => {
    const res = await register(archiveBody(name));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };

  describe('when the archive clerk registers a customer', () => {
    test('the answer is 201 with id, version and Location, and the archive reads back at once with its ETag', async () => {
      const name = uniqueName('华东精密机械有限公司');
      const res = await register(archiveBody(name));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), version: 1 });
      expect(res.headers.location).toBe(`/customers/${res.body.id}`);
      expect(res.headers.etag).toBe('"1"');

      const read = await as(tokens.clerk).get(res.headers.location!);
      expect(read.status, JSON.stringify(read.body)).toBe(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.body).toMatchObject({
        id: res.body.id,
        name,
        salespersonId: 'sp-1',
        status: 'active',
        region: '华东',
        validUntil: '2027-12-31',
        registeredCapital: '5000000.00',
        sales: { annual: '12000000.00', offSeason: '800000.00', peakSeason: '1200000.50' },
        contacts: [{ id: expect.any(String), category: 'primary', name: '王经理', email: 'wang@example.com', mobile: '13812345678' }],
        invoicing: { bank: '中国工商银行上海分行', phone: '021-87654321' },
        grade: null,
        creditLimit: null,
        vip: false,
        enteredAt: expect.any(String),
        violations: [],
        evaluations: [],
        version: 1,
      });
    });

    test('status may be left out: the customer is a prospect (潜在客户)', async () => {
      const { status: _s, ...body } = archiveBody(uniqueName('潜在客户'));
      const res = await register(body);
      expect(res.status).toBe(201);
      expect((await as(tokens.clerk).get(`/customers/${res.body.id}`)).body.status).toBe('prospect');
    });

    test('a name a live customer holds is refused with 409, however it is spelt, and nothing is written', async () => {
      const name = uniqueName('北方重工集团');
      await registered(name);
      const before = await c.eventCount();
      for (const spelling of [name, ` ${name.toUpperCase()} `]) {
        expectProblem(await register(archiveBody(spelling)), 409, 'CustomerNameTaken');
      }
      expect(await c.eventCount()).toBe(before);
    });

    test('a retry with the same Idempotency-Key answers the first answer and registers one customer', async () => {
      const name = uniqueName('重试客户');
      const key = `register-${crypto.randomUUID()}`;
      const first = await register(archiveBody(name), key);
      expect(first.status).toBe(201);
      const before = await c.eventCount();
      const again = await register(archiveBody(name), key);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.location).toBe(first.headers.location);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await c.eventCount()).toBe(before);
      const list = await as(tokens.clerk).get(`/customers?q=${encodeURIComponent(name)}`);
      expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([first.body.id]);
    });
  });

  describe('when the archive clerk changes an archive', () => {
    test('PATCH with the ETag changes the given fields; a stale If-Match answers 412 and changes nothing', async () => {
      const id = await registered();
      const changed = await as(tokens.clerk).patch(`/customers/${id}`).set('If-Match', '"1"').send({ region: '华南', remarks: '改由华南区跟进', reason: '客户迁址' });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect(changed.body).toEqual({ version: 2 });
      expect(changed.headers.etag).toBe('"2"');

      const before = await c.eventCount();
      const stale = await as(tokens.clerk).patch(`/customers/${id}`).set('If-Match', '"1"').send({ region: '西北', reason: '旧页面上的修改' });
      expectProblem(stale, 412);
      expect(await c.eventCount()).toBe(before);

      const read = await as(tokens.clerk).get(`/customers/${id}`);
      expect(read.body).toMatchObject({ region: '华南', remarks: '改由华南区跟进', version: 2 });
      expect(read.headers.etag).toBe('"2"');
    });

    test('values equal to the current ones change nothing; null clears a field', async () => {
      const id = await registered();
      const same = await as(tokens.clerk).patch(`/customers/${id}`).send({ region: '华东', registeredCapital: '5000000.0', reason: '核对' });
      expect(same.body).toEqual({ version: 1 });
      const cleared = await as(tokens.clerk).patch(`/customers/${id}`).send({ profile: null, reason: '简介过时' });
      expect(cleared.body).toEqual({ version: 2 });
      expect((await as(tokens.clerk).get(`/customers/${id}`)).body).not.toHaveProperty('profile');
    });

    test('an unknown customer answers 404, also with If-Match: * (412)', async () => {
      const id = crypto.randomUUID();
      expectProblem(await as(tokens.clerk).patch(`/customers/${id}`).send({ region: '华南', reason: '更正' }), 404, 'CustomerNotFound');
      expectProblem(await as(tokens.clerk).patch(`/customers/${id}`).set('If-Match', '*').send({ region: '华南', reason: '更正' }), 412);
    });

    test('renaming to a live customer’s name answers 409', async () => {
      const taken = uniqueName('已占用名称');
      await registered(taken);
      const id = await registered();
      expectProblem(await as(tokens.clerk).patch(`/customers/${id}`).send({ name: taken, reason: '更名' }), 409, 'CustomerNameTaken');
    });
  });

  describe('when the input is invalid', () => {
    const withContact = (contact: object) => ({ ...archiveBody(uniqueName('x')), contacts: [{ category: 'primary', name: '李', ...contact }] });
    const cases: [string, () => object, string][] = [
      ['a bad email', () => withContact({ email: 'not-an-email' }), 'body.contacts[0].email'],
      ['a bad phone', () => withContact({ phone: '12345' }), 'body.contacts[0].phone'],
      ['a bad mobile', () => withContact({ mobile: '23812345678' }), 'body.contacts[0].mobile'],
      ['a bad credit code', () => ({ ...archiveBody(uniqueName('x')), invoicing: { taxRegistrationNumber: badCreditCode } }), 'body.invoicing.taxRegistrationNumber'],
      ['money with three decimals', () => ({ ...archiveBody(uniqueName('x')), registeredCapital: '12.345' }), 'body.registeredCapital'],
      ['money as a number', () => ({ ...archiveBody(uniqueName('x')), sales: { annual: 100 } }), 'body.sales.annual'],
      ['an unknown field', () => ({ ...archiveBody(uniqueName('x')), remraks: '拼写错误' }), 'body.remraks'],
      ['an unknown field in a group', () => ({ ...archiveBody(uniqueName('x')), sales: { yearly: '1.00' } }), 'body.sales.yearly'],
      ['no reason', () => ({ ...archiveBody(uniqueName('x')), reason: undefined }), 'body.reason'],
      ['a blank reason', () => ({ ...archiveBody(uniqueName('x')), reason: '   ' }), 'body.reason'],
      ['no name', () => ({ ...archiveBody(''), name: undefined }), 'body.name'],
      ['a status that does not exist', () => ({ ...archiveBody(uniqueName('x')), status: 'vip' }), 'body.status'],
    ];
    test.each(cases.map(([what, body, path]) => ({ what, body, path })))('$what answers 400 naming $path, and nothing is written', async ({ body, path }) => {
      const before = await c.eventCount();
      const res = await register(body());
      expectProblem(res, 400, 'RequestInvalid');
      expect(res.body.errors).toContainEqual({ path, message: expect.any(String) });
      expect(await c.eventCount()).toBe(before);
    });

    test('an archive that would contradict itself is refused whole, and nothing is written', async () => {
      const before = await c.eventCount();
      const twoPrimaries = { ...archiveBody(uniqueName('x')), contacts: [{ category: 'primary', name: '李' }, { category: 'primary', name: '王' }] };
      expectProblem(await register(twoPrimaries), 409, 'OnePrimaryContact');
      expectProblem(await register({ ...archiveBody(uniqueName('x')), companyType: 'factory', companyTypeOther: '外贸服务商' }), 422, 'CompanyTypeTextWithoutOther');
      expect(await c.eventCount()).toBe(before);
      const id = await registered();
      expectProblem(await as(tokens.clerk).patch(`/customers/${id}`).send({ companyTypeOther: '外贸服务商', reason: '补充' }), 422, 'CompanyTypeTextWithoutOther');
    });

    test('PATCH, path and query inputs are named too', async () => {
      const id = await registered();
      const patch = await as(tokens.clerk).patch(`/customers/${id}`).send({ website: 'ftp://example', reason: '更正' });
      expect(patch.body.errors).toContainEqual({ path: 'body.website', message: expect.any(String) });
      expect((await as(tokens.clerk).get('/customers/not-a-uuid')).body.errors).toContainEqual({ path: 'params.id', message: expect.any(String) });
      expect((await as(tokens.clerk).get('/customers?limit=0')).body.errors).toContainEqual({ path: 'query.limit', message: expect.any(String) });
      expect((await as(tokens.clerk).get(`/customers/${id}?asOf=yesterday`)).body.errors).toContainEqual({ path: 'query.asOf', message: expect.any(String) });
      expect((await as(tokens.clerk).get('/customers?grade=F')).body.errors).toContainEqual({ path: 'query.grade', message: expect.any(String) });
    });
  });

  describe('when another API process reads (each keeps the archives it read)', () => {
    test('it shows a change made through this one as soon as the change is answered, and its ETag', async () => {
      const other = client(c.anotherProcess());
      const id = await registered();
      const before = await other(tokens.auditor).get(`/customers/${id}`);
      expect(before.status, JSON.stringify(before.body)).toBe(200);
      expect(before.body).toMatchObject({ region: '华东', version: 1 });
      expect((await other(tokens.auditor).get(`/customers/${id}`)).body).toEqual(before.body);

      const changed = await as(tokens.clerk).patch(`/customers/${id}`).set('If-Match', '"1"').send({ region: '华南', reason: '迁址' });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      const after = await other(tokens.auditor).get(`/customers/${id}`);
      expect(after.body).toMatchObject({ region: '华南', version: 2 });
      expect(after.headers.etag).toBe('"2"');
    });

    test('one kept archive serves every reader, redacted for each', async () => {
      const other = client(c.anotherProcess());
      const id = await registered();
      const salesperson = await c.token(['salesperson'], 'sp-1');
      const own = await other(salesperson).get(`/customers/${id}`);
      expect(own.status, JSON.stringify(own.body)).toBe(200);
      expect(own.body).not.toHaveProperty('invoicing');
      expect((await other(tokens.auditor).get(`/customers/${id}`)).body).toHaveProperty('invoicing');
      expect((await other(salesperson).get(`/customers/${id}`)).body).not.toHaveProperty('invoicing');
      expectProblem(await other(await c.token(['salesperson'], 'sp-2')).get(`/customers/${id}`), 404);
    });
  });

  describe('when reading back in time', () => {
    test('asOf before a change shows the old value; knownAt before the registration answers 404', async () => {
      const beforeRegistration = new Date().toISOString();
      await sleep(5);
      const name = uniqueName('时间旅行客户');
      const id = await registered(name);
      await sleep(5);
      const between = new Date().toISOString();
      await sleep(5);
      expect((await as(tokens.clerk).patch(`/customers/${id}`).send({ region: '西南', reason: '客户迁往成都' })).status).toBe(200);

      const then = await as(tokens.clerk).get(`/customers/${id}?asOf=${encodeURIComponent(between)}`);
      expect(then.status).toBe(200);
      expect(then.body).toMatchObject({ region: '华东', version: 1 });
      expect(then.headers.etag).toBeUndefined();
      const recorded = await as(tokens.clerk).get(`/customers/${id}?knownAt=${encodeURIComponent(between)}`);
      expect(recorded.body).toMatchObject({ region: '华东', version: 1 });
      expect((await as(tokens.clerk).get(`/customers/${id}`)).body).toMatchObject({ region: '西南', version: 2 });

      expectProblem(await as(tokens.clerk).get(`/customers/${id}?knownAt=${encodeURIComponent(beforeRegistration)}`), 404, 'CustomerNotFound');
      const list = await as(tokens.clerk).get(`/customers?q=${encodeURIComponent(name)}&asOf=${encodeURIComponent(between)}`);
      expect(list.body.items).toMatchObject([{ id, region: '华东' }]);
      const listBefore = await as(tokens.clerk).get(`/customers?q=${encodeURIComponent(name)}&asOf=${encodeURIComponent(beforeRegistration)}`);
      expect(listBefore.body.items).toEqual([]);
    });
  });

  describe('when listing customers', () => {
    test('pages of `limit` follow each other by cursor, without gaps or repeats, to a null cursor', async () => {
      const prefix = uniqueName('分页');
      const ids = new Set<string>();
      for (let i = 0; i < 5; i++) ids.add(await registered(`${prefix}-${i}`));
      const seen: string[] = [];
      let cursor: string | null = null;
      const sizes: number[] = [];
      do {
        const res = await as(tokens.auditor).get(`/customers?q=${encodeURIComponent(prefix)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        sizes.push(res.body.items.length);
        seen.push(...res.body.items.map((i: { id: string }) => i.id));
        cursor = res.body.nextCursor;
      } while (cursor !== null);
      expect(sizes).toEqual([2, 2, 1]);
      expect(seen).toEqual([...ids].sort());
    });

    test('filters by status and salesperson; a cursor it did not give out is a 400', async () => {
      const prefix = uniqueName('筛选');
      const active = await registered(`${prefix}-a`);
      const res = await register({ ...archiveBody(`${prefix}-b`, 'sp-2'), status: 'prospect' });
      const prospect = res.body.id as string;
      const q = `q=${encodeURIComponent(prefix)}`;
      expect((await as(tokens.clerk).get(`/customers?${q}&status=prospect`)).body.items.map((i: { id: string }) => i.id)).toEqual([prospect]);
      expect((await as(tokens.clerk).get(`/customers?${q}&salespersonId=sp-1`)).body.items.map((i: { id: string }) => i.id)).toEqual([active]);
      expect((await as(tokens.clerk).get(`/customers?${q}&grade=A`)).body.items).toEqual([]);
      const bad = await as(tokens.clerk).get(`/customers?cursor=${Buffer.from('{"x":1}').toString('base64url')}`);
      expectProblem(bad, 400, 'RequestInvalid');
      expect(bad.body.errors).toContainEqual({ path: 'query.cursor', message: expect.any(String) });
    });
  });
});
