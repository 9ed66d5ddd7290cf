import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeCases } from '../../support/stores.js';
import { binary, type CreditApp, client, expectProblem, openCreditApp } from './creditApp.js';

/**
 * 客户投诉处理流程 over HTTP, in October 2026: one complaint through every step (litigation,
 * reopening, renegotiation, execution), one closed at the preliminary judgement, one left
 * open; then 月度客诉统计 for the month.
 */
const month = '2026-10';
const at = (day: number, hour: number) => `2026-10-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`;

describe.each(storeCases)('complaints over HTTP on $name', ({ open }) => {
  let c: CreditApp;
  let as: ReturnType<typeof client>;
  const t = { service: '', seller: '', otherSeller: '', sam: '', gm: '', ggm: '', auditor: '', deptManager: '' };
  const ids = { customer: '', other: '', full: '', noProblem: '', open: '' };

  beforeAll(async () => {
    c = await openCreditApp(open);
    as = client(c.app);
    t.service = await c.token(['serviceClerk'], 'svc-1');
    t.seller = await c.token(['salesperson'], 'sp-1');
    t.otherSeller = await c.token(['salesperson'], 'sp-2');
    t.sam = await c.token(['salesAdminManager'], 'sam-1');
    t.gm = await c.token(['salesGM'], 'gm-1');
    t.ggm = await c.token(['groupGM'], 'ggm-1');
    t.auditor = await c.token(['auditor'], 'auditor-1');
    t.deptManager = await c.token(['salesDeptManager'], 'sdm-1');
    ids.customer = await c.register('温州鞋材有限公司', 'sp-1');
    ids.other = await c.register('台州塑料制品厂', 'sp-2');
  });
  afterAll(() => c.close());

  const receive = (token: string, body: Record<string, unknown>) => as(token).post('/complaints').send(body);
  const step = (token: string, id: string, body: Record<string, unknown>) => as(token).post(`/complaints/${id}/steps`).send(body);
  /** Takes the step at the given time and expects the state it leads to. */
  const advance = async (when: string, token: string, id: string, body: Record<string, unknown>, status: string) => {
    c.setNow(when);
    const res = await step(token, id, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ id, status });
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    return res;
  };

  test('a complaint is recorded with when it was received and its material (201)', async () => {
    c.setNow(at(5, 9));
    const res = await receive(t.service, { customerId: ids.customer, description: '十月批次鞋底开胶', receivedAt: at(5, 8), materials: ['质检报告-1005.pdf'] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.full = res.body.id;
    expect(res.body).toEqual({ id: ids.full, status: 'received', version: 1 });
    expect(res.headers.location).toBe(`/complaints/${ids.full}`);

    const view = await as(t.seller).get(`/complaints/${ids.full}`);
    expect(view.status).toBe(200);
    expect(view.headers.etag).toBe('"1"');
    expect(view.body).toMatchObject({
      id: ids.full,
      customerId: ids.customer,
      status: 'received',
      category: null,
      resolution: null,
      receivedAt: at(5, 8),
      reopenCount: 0,
      description: '十月批次鞋底开胶',
      materials: ['质检报告-1005.pdf'],
      allowedSteps: ['judge'],
    });
    expect(view.body.history).toEqual([
      expect.objectContaining({ version: 1, type: 'ComplaintReceived', occurredAt: expect.any(String), actor: { id: 'svc-1', name: '测试 svc-1', roles: ['serviceClerk'] }, reason: '十月批次鞋底开胶' }),
    ]);
  });

  test('a step out of order is refused with the steps allowed (409 StepOutOfOrder)', async () => {
    const res = await step(t.service, ids.full, { step: 'assess', problemFound: true });
    expectProblem(res, 409, 'StepOutOfOrder');
    expect(res.body.detail).toContain('allowed now: judge');
    expect(res.body.allowedSteps).toEqual(['judge']);
  });

  test('every step of the flow, by the roles that take it, through litigation to closed', async () => {
    const id = ids.full;
    await advance(at(5, 10), t.service, id, { step: 'judge', category: 'quality' }, 'judged');
    await advance(at(5, 14), t.sam, id, { step: 'assess', problemFound: true, explanation: '确认胶水批次问题' }, 'assessed');
    expectProblem(await step(t.sam, id, { step: 'proposePlan', plan: '退换', departments: ['质量部'] }), 403, 'RoleNotAllowed');
    await advance(at(6, 10), t.service, id, { step: 'proposePlan', plan: '退换该批次并赔付运费', departments: ['质量部', '生产部'] }, 'planProposed');
    expectProblem(await step(t.service, id, { step: 'signOpinion', opinion: '同意' }), 403, 'RoleNotAllowed');
    await advance(at(6, 15), t.sam, id, { step: 'signOpinion', opinion: '已与客户初步沟通，同意方案' }, 'opinionSigned');
    await advance(at(7, 9), t.gm, id, { step: 'approve' }, 'approved');
    expectProblem(await step(t.otherSeller, id, { step: 'negotiate', outcome: 'satisfied' }), 404, 'NotFound');
    const notSatisfied = await advance(at(8, 9), t.seller, id, { step: 'negotiate', outcome: 'notSatisfied', notes: '客户要求加倍赔偿' }, 'negotiating');
    expect(notSatisfied.body.allowedSteps).toEqual(['negotiate', 'litigate']);
    await advance(at(9, 9), t.ggm, id, { step: 'litigate', notes: '提交法务' }, 'inLitigation');
    const concluded = await advance(at(20, 9), t.gm, id, { step: 'concludeLitigation', outcome: '庭外和解' }, 'closed');
    expect(concluded.body.allowedSteps).toEqual(['reopen']);
    expect((await as(t.auditor).get(`/complaints/${id}`)).body).toMatchObject({ status: 'closed', resolution: 'litigationConcluded', category: 'quality' });
  });

  test('reopened, it goes round again to an executed plan; the history keeps who did what and why', async () => {
    const id = ids.full;
    expectProblem(await step(t.service, id, { step: 'reopen', reason: '客户再次投诉' }), 403, 'RoleNotAllowed');
    expectProblem(await step(t.sam, id, { step: 'reopen', reason: '   ' }), 400, 'RequestInvalid');
    await advance(at(21, 9), t.sam, id, { step: 'reopen', reason: '和解条款未履行' }, 'reopened');
    await advance(at(21, 10), t.service, id, { step: 'judge', category: 'quality', reason: '同一问题' }, 'judged');
    await advance(at(21, 11), t.service, id, { step: 'assess', problemFound: true }, 'assessed');
    await advance(at(22, 9), t.service, id, { step: 'proposePlan', plan: '全额退款', departments: ['财务部'] }, 'planProposed');
    await advance(at(22, 10), t.sam, id, { step: 'signOpinion', opinion: '同意退款' }, 'opinionSigned');
    await advance(at(22, 11), t.ggm, id, { step: 'approve', opinion: '批准' }, 'approved');
    await advance(at(23, 9), t.service, id, { step: 'negotiate', outcome: 'satisfied' }, 'customerSatisfied');
    await advance(at(24, 9), t.service, id, { step: 'execute', notes: '已退款' }, 'closed');

    const view = (await as(t.auditor).get(`/complaints/${id}`)).body;
    expect(view).toMatchObject({ status: 'closed', resolution: 'planExecuted', reopenCount: 1, allowedSteps: ['reopen'] });
    const reopen = view.history.find((h: { type: string }) => h.type === 'ComplaintReopened');
    expect(reopen).toMatchObject({ actor: { id: 'sam-1' }, reason: '和解条款未履行', occurredAt: expect.stringContaining('2026-10-21') });
    expect(view.history.find((h: { type: string; version: number }) => h.type === 'ComplaintJudged' && h.version > 10)).toMatchObject({ reason: '同一问题' });

    // As it was effective on the 10th: in litigation.
    const then = await as(t.auditor).get(`/complaints/${id}?asOf=${encodeURIComponent(at(10, 0))}`);
    expect(then.body).toMatchObject({ status: 'inLitigation', allowedSteps: ['concludeLitigation'] });
    expect(then.headers.etag).toBeUndefined();
  });

  test('no problem found closes a complaint at the preliminary judgement', async () => {
    c.setNow(at(12, 9));
    ids.noProblem = (await receive(t.seller, { customerId: ids.customer, description: '颜色与样品不符' })).body.id;
    await advance(at(12, 10), t.service, ids.noProblem, { step: 'judge', category: 'nonQuality' }, 'judged');
    const closed = await advance(at(13, 10), t.service, ids.noProblem, { step: 'assess', problemFound: false, explanation: '颜色在色差范围内，已向客户解释' }, 'closed');
    expect(closed.body.allowedSteps).toEqual(['reopen']);
    c.setNow(at(28, 9));
    ids.open = (await receive(t.service, { customerId: ids.other, description: '交货延迟', receivedAt: at(27, 16) })).body.id;
  });

  test('the list filters by customer and status', async () => {
    c.setNow(undefined);
    const closed = await as(t.auditor).get(`/complaints?customerId=${ids.customer}&status=closed`);
    expect(closed.status).toBe(200);
    expect(closed.body.items.map((i: { id: string }) => i.id).sort()).toEqual([ids.full, ids.noProblem].sort());
    expect((await as(t.seller).get('/complaints')).body.items.map((i: { id: string }) => i.id)).not.toContain(ids.open);
    expect((await as(t.otherSeller).get('/complaints')).body.items.map((i: { id: string }) => i.id)).toEqual([ids.open]);
  });

  describe('月度客诉统计', () => {
    const report = (token: string, query = '') => as(token).get(`/reports/complaints/monthly?month=${month}${query}`);

    test('counts the month’s complaints by category, outcome and customer, with the backlog at month end', async () => {
      c.setNow('2026-11-02T09:00:00+08:00');
      const res = await report(t.deptManager);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({
        month,
        received: 3,
        byCategory: { quality: 1, nonQuality: 1, notJudged: 1 },
        byOutcome: { noProblem: 1, satisfied: 1, litigation: 0, stillOpen: 1 },
        byGrade: { ungraded: 3 },
        reopens: 1,
        timeToFirstResponse: { count: 2, awaiting: 1, medianMs: 3600_000, p90Ms: 2 * 3600_000 },
        timeToClose: { count: 2 },
      });
      expect(res.body.byCustomer).toEqual([
        { customerId: ids.customer, customerName: '温州鞋材有限公司', count: 2 },
        { customerId: ids.other, customerName: '台州塑料制品厂', count: 1 },
      ]);
      expect(res.body.backlog).toEqual([expect.objectContaining({ complaintId: ids.open, customerName: '台州塑料制品厂', status: 'received' })]);
    });

    test('as effective on the 10th, the first complaint was still open', async () => {
      const res = await report(t.auditor, `&asOf=${encodeURIComponent(at(10, 0))}`);
      expect(res.body).toMatchObject({ received: 1, byOutcome: { stillOpen: 1 }, reopens: 0, asOf: '2026-10-09T16:00:00.000Z' });
    });

    test('the CSV starts with a BOM and has the Chinese headers', async () => {
      const res = await report(t.auditor, '&format=csv').buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`月度客诉统计-${month}.csv`)}`);
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      for (const header of ['月度客诉统计', `月份: ${month}`, '项目', '数值', '本月受理投诉', '质量问题', '客户名称', '投诉数', '月末未结投诉', '状态']) {
        expect(text).toContain(header);
      }
      expect(text).toContain('温州鞋材有限公司');
      expect(text).toContain('已受理');
    });

    test('the XLSX opens with exceljs', async () => {
      const res = await report(t.auditor, '&format=xlsx').buffer(true).parse(binary);
      expect(res.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as ArrayBuffer);
      const rows: string[][] = [];
      workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
      expect(rows).toContainEqual(['本月受理投诉', '3']);
      expect(rows).toContainEqual(['温州鞋材有限公司', '2']);
    });

    test('is for the managers and the auditor; a bad month or format names the parameter', async () => {
      expectProblem(await report(t.seller), 403, 'RoleNotAllowed');
      expectProblem(await report(t.service), 403, 'RoleNotAllowed');
      const bad = await as(t.auditor).get('/reports/complaints/monthly?month=2026-13&format=pdf');
      expectProblem(bad, 400, 'RequestInvalid');
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.format', 'query.month']);
    });
  });

  describe('refusals', () => {
    test('a complaint received later than now is refused (422 ReceivedInTheFuture)', async () => {
      c.setNow(at(15, 9));
      expectProblem(await receive(t.service, { customerId: ids.customer, description: '未来投诉', receivedAt: at(16, 9) }), 422, 'ReceivedInTheFuture');
    });

    test('a salesperson records complaints of their own customers only; an unknown customer is a 404', async () => {
      expectProblem(await receive(t.otherSeller, { customerId: ids.customer, description: '越权' }), 404, 'CustomerNotFound');
      expectProblem(await receive(t.service, { customerId: randomUUID(), description: '无此客户' }), 404, 'CustomerNotFound');
      expectProblem(await as(t.otherSeller).get(`/complaints/${ids.full}`), 404, 'NotFound');
      expectProblem(await step(t.service, randomUUID(), { step: 'judge', category: 'quality' }), 404, 'ComplaintNotFound');
    });

    test.each([
      [{ step: 'judge', category: 'medium' }, ['body.category']],
      [{ step: 'fly' }, ['body.step']],
      [{ step: 'proposePlan', plan: '方案', departments: [] }, ['body.departments']],
      [{ step: 'judge', category: 'quality', plan: '多余' }, ['body.plan']],
      [{ step: 'assess', problemFound: 'yes' }, ['body.problemFound']],
      [{ step: 'execute', notes: '已\u0000执行' }, ['body.notes']],
    ])('step %j → 400 at %j', async (body, paths) => {
      const res = await step(t.service, ids.full, body);
      expectProblem(res, 400, 'RequestInvalid');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(paths);
    });

    test('a receipt without a description or with a date for an instant names the fields', async () => {
      const res = await receive(t.service, { customerId: ids.customer, receivedAt: '2026-10-01', materials: 'a.pdf' });
      expectProblem(res, 400, 'RequestInvalid');
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.description', 'body.materials', 'body.receivedAt']);
    });
  });

  describe('retries and stale reads', () => {
    test('a retried step with its Idempotency-Key answers the first answer and writes nothing', async () => {
      c.setNow(at(29, 9));
      const received = await receive(t.service, { customerId: ids.customer, description: '包装破损' }).set('Idempotency-Key', 'complaint-1');
      const events = await c.eventCount();
      const again = await receive(t.service, { customerId: ids.customer, description: '包装破损' }).set('Idempotency-Key', 'complaint-1');
      expect(again.body).toEqual(received.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const judge = () => step(t.service, received.body.id, { step: 'judge', category: 'nonQuality' }).set('Idempotency-Key', 'judge-1');
      const first = await judge();
      expect(first.body).toMatchObject({ status: 'judged', version: 2 });
      const second = await judge();
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(await c.eventCount()).toBe(events + 1);
      // The key of the judgement sent with another step is not answered as if it were that step.
      expectProblem(await step(t.service, received.body.id, { step: 'assess', problemFound: false }).set('Idempotency-Key', 'judge-1'), 422, 'IdempotencyKeyReused');
    });

    test('a step with a stale If-Match is refused (412) and changes nothing', async () => {
      c.setNow(at(30, 9));
      const id = (await receive(t.service, { customerId: ids.customer, description: '标签错误' })).body.id as string;
      const etag = (await as(t.service).get(`/complaints/${id}`)).headers.etag as string;
      expect((await step(t.service, id, { step: 'judge', category: 'quality' }).set('If-Match', etag)).status).toBe(201);
      const events = await c.eventCount();
      expectProblem(await step(t.service, id, { step: 'assess', problemFound: true }).set('If-Match', etag), 412, 'VersionConflict');
      expect(await c.eventCount()).toBe(events);
      expect((await step(t.service, id, { step: 'assess', problemFound: true }).set('If-Match', '"2"')).status).toBe(201);
    });
  });
});
