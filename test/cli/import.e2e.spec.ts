import ExcelJS from 'exceljs';
import * as E from 'fp-ts/Either';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerCustomer } from '../../src/app/customer/index.js';
import { freshDataDir, scratchDir, removeTestDirs } from './support/dataDirs.js';
import { e2eTimeout, runCli } from './support/runCli.js';
import { withOpenStore } from './support/seed.js';

afterAll(removeTestDirs);

const clerk = { id: 'u-wangfang', name: '王芳', roles: ['archiveClerk' as const] };
const customers = [
  { customerId: '5b0c6a1e-2f4d-4c8b-9a7e-1d2c3b4a5e01', name: '杭州恒达纺织有限公司' },
  { customerId: '5b0c6a1e-2f4d-4c8b-9a7e-1d2c3b4a5e02', name: '宁波鑫源五金制品厂' },
];

const countFigures = (dataDir: string) =>
  withOpenStore({ dataDir }, async (s) => Number((await s.db.query<{ n: number }>(`select count(*)::int as n from ${s.schema}.events where type = 'MonthlyFiguresRecorded'`)).rows[0]!.n));

describe('import monthly-figures', { timeout: e2eTimeout }, () => {
  let dataDir: string;
  const files = scratchDir('import');
  const csv = (name: string, lines: string[]) => {
    const path = join(files, name);
    writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`);
    return path;
  };
  beforeAll(async () => {
    dataDir = await freshDataDir('import');
    await withOpenStore({ dataDir }, async ({ store }) => {
      for (const c of customers) {
        const r = await registerCustomer({ store })({ ...c, salespersonId: 'sp-zhangwei', status: 'active', meta: { actor: clerk, at: '2025-01-02T02:00:00Z', reason: '新客户建档' } })();
        if (E.isLeft(r)) throw new Error(r.left.message);
      }
    });
  }, e2eTimeout);
  const importFile = (path: string) => runCli(['import', 'monthly-figures', path, '--actor-id', clerk.id, '--actor-name', clerk.name], { DATA_DIR: dataDir });

  test('records a CSV file under Chinese headers, and importing it again changes nothing', async () => {
    const file = csv('2026-09.csv', ['期间,客户名称,销售额,应收信用,按期回款', '2026-08,杭州恒达纺织有限公司,"125,000.00",80000.00,76000.00', '2026-09,杭州恒达纺织有限公司,99000.5,60000,60000', `2026-09,${customers[1]!.customerId},42000.00,30000.00,12000.00`]);
    const first = await importFile(file);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('recorded 3 new and 0 corrected figures (a correction supersedes the earlier ones), 0 rows unchanged; 2 customers changed');
    expect(await countFigures(dataDir)).toBe(3);
    const again = await importFile(file);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing changed, all 3 rows are recorded already');
    expect(await countFigures(dataDir)).toBe(3);
  });

  test('refuses a malformed file listing every error by row and column, and writes nothing', async () => {
    const before = await countFigures(dataDir);
    const file = csv('bad.csv', [
      'period,customer,sales,creditDue,creditPaidOnTime',
      '2026-07,杭州恒达纺织有限公司,1000.00,500.00,500.00',
      '2026-07,宁波鑫源五金制品厂,1000.00,500.123,100.00',
      '2026-7x,宁波鑫源五金制品厂,1000.00,500.00,100.00',
      '2026-07,不存在的公司,1000.00,500.00,600.00',
    ]);
    const run = await importFile(file);
    expect(run.code).toBe(4);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      `error: ${file}: 4 problems, nothing was imported:`,
      '  row 3, column "creditDue": money is yuan with at most two decimals, e.g. "125000.00"',
      '  row 4, column "period": a period is YYYY-MM, e.g. 2026-10',
      '  row 5, column "customer": no customer is named "不存在的公司" (the name must match the archive exactly)',
      '  row 5, column "creditPaidOnTime": credit paid on time (600.00) exceeds the credit due (500.00)',
    ]);
    expect(await countFigures(dataDir)).toBe(before);
  });

  test('reads an XLSX workbook with a title line and numeric cells, and records a correction', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('ERP');
    sheet.addRow(['ERP 月度数据 2026-09']);
    sheet.addRow(['月份', '客户', '销售额(元)', '应收信用', '按期回款']);
    sheet.addRow(['2026-09', customers[1]!.name, 42000, 30000, 15000]);
    sheet.addRow(['2026-06', customers[0]!.name, 8000.25, 0, 0]);
    const file = join(files, 'erp.xlsx');
    await workbook.xlsx.writeFile(file);
    const run = await importFile(file);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('recorded 1 new and 1 corrected figures (a correction supersedes the earlier ones), 0 rows unchanged; 2 customers changed');
  });
});
