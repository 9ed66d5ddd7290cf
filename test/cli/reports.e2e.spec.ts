import ExcelJS from 'exceljs';
import { salespeople } from '../../src/cli/demo/people.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freshDataDir, scratchDir, removeTestDirs } from './support/dataDirs.js';
import { e2eTimeout, runCli } from './support/runCli.js';
import { withOpenStore } from './support/seed.js';
import { allProjections } from '../../src/projections/index.js';

afterAll(removeTestDirs);

const demo = ['demo', '--seed', '5', '--customers', '10', '--months', '6', '--until', '2026-09'];

/**
 * What the demo wrote, without the record times and event ids (the clock's and the store's),
 * personal fields revealed: their ciphertext differs run by run (a fresh key and IV each).
 */
const history = (dataDir: string) =>
  withOpenStore({ dataDir }, async (s) =>
    s.keyring.reveal(
      (await s.db.query(`select stream_id, version, type, data, metadata::text, occurred_at from ${s.schema}.events order by stream_id, version`)).rows,
    ),
  );

describe('reports on the demo data set', { timeout: e2eTimeout }, () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await freshDataDir('reports');
    const run = await runCli(demo, { DATA_DIR: dataDir });
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
  }, e2eTimeout);
  const report = (...args: string[]) => runCli(['report', ...args], { DATA_DIR: dataDir });

  test('the demo is the same data set for the same seed, and fills an empty store only', async () => {
    const again = await freshDataDir('reports-again');
    expect((await runCli(demo, { DATA_DIR: again })).code).toBe(0);
    expect(await history(again)).toEqual(await history(dataDir));
    const twice = await runCli(demo, { DATA_DIR: again });
    expect(twice.code).toBe(4);
    expect(twice.stderr).toMatch(/^error: the store already holds \d+ events: the demo fills an empty store only/);
  });

  test('the grade summary prints as an aligned table with its sign-off block, and as JSON at an earlier effective time', async () => {
    const table = await report('grade-summary', '--period', '2026-08');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('客户等级管理汇总表\n评估期间: 2026-08');
    expect(table.stdout).toMatch(/^序号 +客户名称 +业务员 +评分 +等级系数 +月均销售额\(元\) +上期按期信用履约率 +客户等级 +信用额度\(元\) +备注$/m);
    expect(table.stdout).toMatch(/^审批: 胡建国 时间\(北京时间\): 2026-09-0\d \d\d:\d\d$/m);

    const now = JSON.parse((await report('grade-summary', '--period', '2026-08', '--format', 'json')).stdout) as {
      rows: { salespersonId: string; salespersonName: string | null }[];
      signOffs: unknown[];
      status: string;
    };
    expect(now.rows.length).toBeGreaterThan(5);
    // The demo lists its people in the staff directory: 业务员 prints by name (赵敏, 杨磊, …), never by id.
    const directory = new Map(salespeople.map((p) => [p.id, p.name]));
    for (const r of now.rows) expect(r.salespersonName).toBe(directory.get(r.salespersonId));
    expect(table.stdout).not.toMatch(/ sp-[a-z]+ /);
    expect(now.status).toBe('frozen');
    const before = JSON.parse((await report('grade-summary', '--period', '2026-08', '--as-of', '2026-09-02T03:00:00Z', '--format', 'json')).stdout) as typeof now;
    expect(before).toMatchObject({ status: 'open', signOffs: [] });
    expect(before.rows).toHaveLength(now.rows.length);
  });

  test('the grade summary exports as CSV with a BOM and as an XLSX workbook', async () => {
    const csv = await report('grade-summary', '--period', '2026-09', '--format', 'csv');
    expect(csv.stdout.startsWith('\uFEFF客户等级管理汇总表')).toBe(true);
    const out = join(scratchDir('xlsx'), '汇总表.xlsx');
    const xlsx = await report('grade-summary', '--period', '2026-09', '--out', out);
    expect(xlsx.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('客户等级管理汇总表');
    const values: unknown[][] = [];
    sheet.eachRow((r) => values.push((r.values as unknown[]).slice(1)));
    expect(values.find((v) => v[0] === '序号')).toEqual(['序号', '客户名称', '业务员', '评分', '等级系数', '月均销售额(元)', '上期按期信用履约率', '客户等级', '信用额度(元)', '备注']);
    expect(values.find((v) => v[0] === '复核:')?.[1]).toBe('孙丽');
  });

  test('violations and monthly complaint statistics print, and a bad period is refused naming the option', async () => {
    const violations = await report('violations', '--format', 'csv');
    expect(violations.code).toBe(0);
    expect(violations.stdout).toContain('序号,时间,客户名称,类型,事件描述');
    const complaints = await report('complaints', '--period', '2026-09');
    expect(complaints.code).toBe(0);
    expect(complaints.stdout).toMatch(/^本月受理投诉 +\d+$/m);
    const bad = await report('complaints', '--period', '2026-13');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("option '--period <YYYY-MM>' argument '2026-13' is invalid. a period is YYYY-MM");
  });

  test('a backup restored into a fresh store answers the same reports', async () => {
    const dir = scratchDir('reports-backup');
    expect((await runCli(['backup', '--to', dir, '--allow-same-disk'], { DATA_DIR: dataDir })).code).toBe(0);
    const restored = await freshDataDir('reports-restored');
    const restore = await runCli(['restore', '--from', dir], { DATA_DIR: restored });
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('views rebuilt from the restored log');
    for (const args of [
      ['grade-summary', '--period', '2026-09', '--format', 'json'],
      ['complaints', '--period', '2026-08', '--format', 'json'],
      ['violations', '--format', 'json'],
    ]) {
      const [original, copy] = [await report(...args), await runCli(['report', ...args], { DATA_DIR: restored })];
      expect(copy.code).toBe(0);
      expect(JSON.parse(copy.stdout)).toEqual(JSON.parse(original.stdout));
    }
    const verify = await runCli(['verify'], { DATA_DIR: restored });
    expect(verify.stdout).toContain(`views: ${allProjections.length} serving, every checkpoint within the log`);
  });
});
