import ExcelJS from 'exceljs';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeCases } from '../../support/stores.js';
import { client, expectProblem, type GradingApp, openGradingApp } from './gradingApp.js';

/**
 * The month's grading end to end, as the manual runs it: figures in, run, the summary
 * (客户等级管理汇总表) checked against the worked example, signed 编制 → 复核 → 审核 → 审批,
 * frozen, exported.
 */
const period = '2026-10';
const months = ['2026-07', '2026-08', '2026-09'] as const;

const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe.each(storeCases)('a month of grading on $name', ({ open }) => {
  let g: GradingApp;
  let as: ReturnType<typeof client>;
  const tokens = { clerk: '', board: '', admin: '', vp: '', ggm: '', auditor: '', clerkAdmin: '' };
  const ids: Record<'worked' | 'big' | 'small', string> = { worked: '', big: '', small: '' };
  let beforeRun = '';

  beforeAll(async () => {
    g = await openGradingApp(open);
    as = client(g.app);
    tokens.clerk = await g.token(['archiveClerk'], 'clerk-1');
    tokens.board = await g.token(['reviewBoard'], 'board-1');
    tokens.admin = await g.token(['salesAdminManager'], 'admin-1');
    tokens.vp = await g.token(['salesVP'], 'vp-1');
    tokens.ggm = await g.token(['groupGM'], 'ggm-1');
    tokens.auditor = await g.token(['auditor'], 'auditor-1');
    // One person who is both archive clerk and sales admin manager.
    tokens.clerkAdmin = await g.token(['archiveClerk', 'salesAdminManager'], 'clerk-1');
    ids.worked = await g.register('华东精密机械有限公司');
    ids.big = await g.register('北方重工集团');
    ids.small = await g.register('南方小五金店');
    await g.register('新客户潜在公司', 'sp-1', 'prospect');
    await g.register('已流失客户公司', 'sp-1', 'lost');
  });
  afterAll(() => g.close());

  const figures = (id: string, month: string, sales: string, creditDue = '0', creditPaidOnTime = '0') =>
    as(tokens.clerk)
      .post(`/customers/${id}/monthly-figures`)
      .send({ period: month, sales, creditDue, creditPaidOnTime, reason: '财务月结数据' });
  const summary = (query = '') => as(tokens.auditor).get(`/reports/grade-summary?period=${period}${query}`);
  const sign = (token: string, step: string, reason?: string) =>
    as(token).post(`/reports/grade-summary/${period}/sign-offs`).send(reason === undefined ? { step } : { step, reason });

  test('monthly figures of three customers are recorded (201)', async () => {
    const sales = { worked: ['100000.00', '120000.00', '110000.00'], big: ['250000.00', '250000.00', '250000.00'], small: ['30000', '30000', '30000'] };
    for (const [who, amounts] of Object.entries(sales) as [keyof typeof ids, string[]][]) {
      for (const [i, month] of months.entries()) {
        const last = i === months.length - 1;
        const due = { worked: ['100000.00', '95000.00'], big: ['200000.00', '200000.00'], small: ['10000.00', '8000.00'] }[who];
        const res = await figures(ids[who], month, amounts[i]!, last ? due[0] : '0', last ? due[1] : '0');
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        expect(res.body).toEqual({ customerId: ids[who], period: month, recorded: true, version: i + 1 });
        expect(res.headers.etag).toBe(`"${i + 1}"`);
      }
    }
    beforeRun = new Date().toISOString();
  });

  test('the run grades all three and answers the counts', async () => {
    const res = await as(tokens.clerk).post(`/grading/periods/${period}/run`).send({ reason: '十月客户等级评估' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      period,
      policyVersion: 1,
      customers: 3,
      graded: 3,
      unchanged: 0,
      skipped: [],
      signOffsVoided: false,
      version: 3,
      notGraded: { prospect: 1, inactive: 0, lost: 1, reason: expect.stringContaining('prospect') },
    });
    expect(res.headers.etag).toBe('"3"');
    const events = await g.store.store.readStream(`gradingPeriod-${period}`)();
    expect(events).toMatchObject({ right: [{ metadata: { actor: { id: 'clerk-1', roles: ['archiveClerk'] }, reason: '十月客户等级评估' } }, {}, {}] });
  });

  test('the grade summary shows the worked example: 85 points, B, 1.2, 125400.00', async () => {
    const res = await summary();
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('"3"');
    expect(res.body).toMatchObject({ period, status: 'open', signOffs: [] });
    const worked = { customerId: ids.worked, customerName: '华东精密机械有限公司', salespersonId: 'sp-1' };
    expect(res.body.rows).toEqual([
      expect.objectContaining({ no: 1, customerId: ids.big, score: 94, grade: 'A', coefficient: '1.5', vip: true, creditLimit: '375000.00' }),
      {
        no: 2,
        ...worked,
        score: 85,
        coefficient: '1.2',
        monthlyAverageSales: '110000.00',
        fulfilmentRate: 0.95,
        grade: 'B',
        creditLimit: '125400.00',
        remarks: '',
        note: '',
        vip: false,
        policyVersion: 1,
        salespersonName: null, // sp-1 is not in the staff directory
      },
      expect.objectContaining({ no: 3, customerId: ids.small, score: 58, grade: 'E', coefficient: '1', monthlyAverageSales: '30000.00', fulfilmentRate: 0.8, creditLimit: '24000.00' }),
    ]);
  });

  test('with limit, the rows come in pages by cursor; without it, all of them', async () => {
    const first = await summary('&limit=2');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.rows.map((r: { no: number }) => r.no)).toEqual([1, 2]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await summary(`&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ rows: [{ no: 3, customerId: ids.small }], nextCursor: null, signOffs: [] });
    expect((await summary()).body).toMatchObject({ nextCursor: null, rows: [{ no: 1 }, { no: 2 }, { no: 3 }] });
    expectProblem(await summary('&cursor=bm90LWEtY3Vyc29y'), 400, 'RequestInvalid');
  });

  test('the archive clerk who signs 编制 may read the summary', async () => {
    const res = await as(tokens.clerk).get(`/reports/grade-summary?period=${period}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rows).toHaveLength(3);
  });

  test('备注: the archive clerk writes a note on a row before 编制; the summary and its files show it', async () => {
    const note = (token: string, id: string, text: string) =>
      as(token).put(`/reports/grade-summary/${period}/notes/${id}`).send({ text, reason: '补充说明' });
    expectProblem(await note(tokens.admin, ids.small, '关注回款'), 403, 'RoleNotAllowed');
    expectProblem(await note(tokens.clerk, '00000000-0000-4000-8000-000000000000', '无此客户'), 409, 'CustomerNotInSummary');
    const res = await note(tokens.clerk, ids.small, '  回款偏慢，下月重点跟进  ');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ period, customerId: ids.small, note: '回款偏慢，下月重点跟进', written: true });
    expect((await note(tokens.clerk, ids.small, '回款偏慢，下月重点跟进')).body.written).toBe(false);
    const rows = (await summary()).body.rows as { customerId: string; note: string }[];
    expect(rows.find((r) => r.customerId === ids.small)?.note).toBe('回款偏慢，下月重点跟进');
    expect(rows.find((r) => r.customerId === ids.big)?.note).toBe('');
    const csv = await summary('&format=csv').buffer(true).parse(binary);
    expect((csv.body as Buffer).toString('utf8')).toContain('回款偏慢，下月重点跟进');
  });

  test('known before the run, the summary has no rows', async () => {
    const res = await summary(`&knownAt=${encodeURIComponent(beforeRun)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: [], signOffs: [], status: 'open', knownAt: new Date(beforeRun).toISOString() });
    expect(res.headers.etag).toBeUndefined();
    expect((await summary(`&asOf=${encodeURIComponent(beforeRun)}`)).body.rows).toEqual([]);
  });

  test('sign-offs: refused out of order, then prepared, refused to the same person twice, reviewed, audited, approved', async () => {
    expectProblem(await sign(tokens.admin, 'reviewed'), 409, 'StepOutOfOrder');
    const prepared = await sign(tokens.clerk, 'prepared');
    expect(prepared.status, JSON.stringify(prepared.body)).toBe(201);
    expect(prepared.body).toEqual({ period, step: 'prepared', signerId: 'clerk-1', signerName: '测试 clerk-1', role: 'archiveClerk', status: 'signingOff', version: 5 });
    expectProblem(await sign(tokens.clerkAdmin, 'reviewed'), 409, 'SignerAlreadySigned');
    expectProblem(await sign(tokens.vp, 'approved'), 403, 'RoleNotAllowed');
    expect((await sign(tokens.admin, 'reviewed', '已复核')).status).toBe(201);
    expectProblem(await sign(tokens.ggm, 'approved'), 409, 'StepOutOfOrder');
    expect((await sign(tokens.vp, 'audited')).status).toBe(201);
    const approved = await sign(tokens.ggm, 'approved', '同意');
    expect(approved.body).toMatchObject({ step: 'approved', status: 'frozen', version: 8 });

    const res = await summary();
    expect(res.body.status).toBe('frozen');
    expect(res.body.signOffs.map((s: { step: string; signerId: string }) => `${s.step}:${s.signerId}`)).toEqual([
      'prepared:clerk-1',
      'reviewed:admin-1',
      'audited:vp-1',
      'approved:ggm-1',
    ]);
  });

  test('once prepared, the notes are signed: another answers 409', async () => {
    const res = await as(tokens.clerk).put(`/reports/grade-summary/${period}/notes/${ids.small}`).send({ text: '改', reason: '改' });
    expectProblem(res, 409, 'SummaryAlreadyPrepared');
  });

  test('the approved period is frozen: a run or an override answers 409', async () => {
    expectProblem(await as(tokens.clerk).post(`/grading/periods/${period}/run`).send({ reason: '重算' }), 409, 'PeriodIsFrozen');
    const override = await as(tokens.board).post(`/customers/${ids.small}/score-overrides`).send({ period, score: 75, reason: '评审调整' });
    expectProblem(override, 409, 'PeriodIsFrozen');
  });

  test('approval makes the A customer a VIP, seen by its salesperson only', async () => {
    const res = await as(tokens.auditor).get('/reports/vip');
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([ids.big]);
    expect(res.body.nextCursor).toBeNull();
    const owner = await g.token(['salesperson'], 'sp-1');
    expect((await as(owner).get('/reports/vip')).body.items.map((c: { id: string }) => c.id)).toEqual([ids.big]);
    const another = await g.token(['salesperson'], 'sp-2');
    expect((await as(another).get('/reports/vip')).body).toEqual({ items: [], nextCursor: null });
  });

  test('the CSV starts with a BOM and has the Chinese headers and the sign-off block', async () => {
    const res = await summary('&format=csv').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`客户等级管理汇总表-${period}.csv`)}`);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    for (const header of ['序号', '客户名称', '业务员', '评分', '等级系数', '月均销售额(元)', '上期按期信用履约率', '客户等级', '信用额度(元)', '备注']) {
      expect(text).toContain(header);
    }
    expect(text).toContain('华东精密机械有限公司');
    expect(text).toContain('125400.00');
    expect(text).toContain('审批');
    expect(text).toContain('测试 ggm-1');
  });

  test('the XLSX opens with exceljs: headers, rows and the sign-off block', async () => {
    const res = await summary('&format=xlsx').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    const header = rows.findIndex((r) => r[0] === '序号');
    expect(rows[header]).toEqual(['序号', '客户名称', '业务员', '评分', '等级系数', '月均销售额(元)', '上期按期信用履约率', '客户等级', '信用额度(元)', '备注']);
    expect(rows[header + 2]!.slice(0, 9)).toEqual(['2', '华东精密机械有限公司', 'sp-1', '85', '1.2', '110000', '0.95', 'B', '125400']);
    const block = rows.filter((r) => /^(编制|复核|审核|审批):$/.test(r[0] ?? ''));
    expect(block.map((r) => [r[0], r[1]])).toEqual([
      ['编制:', '测试 clerk-1'],
      ['复核:', '测试 admin-1'],
      ['审核:', '测试 vp-1'],
      ['审批:', '测试 ggm-1'],
    ]);
    expect(rows.some((r) => r[0]?.includes(period))).toBe(true);
  });
});
