import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, test } from 'vitest';
import { creditRequestXlsx, customerArchiveXlsx, gradeChangesXlsx, gradeSummaryXlsx } from '../../src/exports/index.js';
import { archive, creditRequest } from './formFixtures.js';
import { gradeSummary } from './reportFixtures.js';

/**
 * The forms as printed: each workbook opened by LibreOffice (libreoffice-calc; .ci/run
 * installs it), converted to PDF, counted by pdfinfo. `KEEP_PRINTS=dir` keeps the PDFs
 * and a PNG per page (pdftoppm) to look at.
 */
const dir = mkdtempSync(join(tmpdir(), 'printed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const printed = (name: string, xlsx: Buffer): { pages: number; pdf: string } => {
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, xlsx);
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore', timeout: 120_000 });
  const pdf = join(dir, `${name}.pdf`);
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const keep = process.env.KEEP_PRINTS;
  if (keep) {
    writeFileSync(join(keep, `${name}.pdf`), readFileSync(pdf));
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(keep, name)]);
  }
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]), pdf };
};

describe('the grade summary workbook (客户等级管理汇总表)', () => {
  test('prints on one page, signed times as real dates in Beijing time, the header row repeated, 备注 wrapped', async () => {
    const signedAll = {
      ...gradeSummary,
      signOffs: [
        ...gradeSummary.signOffs,
        { step: 'audited', signerName: '孙丽', at: '2026-11-04T01:00:00Z' },
        { step: 'approved', signerName: '周总', at: '2026-11-05T08:15:00Z' },
      ],
      rows: gradeSummary.rows.map((r, i) => (i === 1 ? { ...r, remarks: '客户来函申请调整付款周期，经销售管理部核实后，本期暂按原额度执行，下期复核' } : r)),
    };
    const xlsx = await gradeSummaryXlsx(signedAll);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    let header = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '序号') header = n;
    });
    expect(ws.pageSetup.printTitlesRow).toBe(`${header}:${header}`);
    const signed: unknown[] = [];
    ws.eachRow((row) => {
      if (row.getCell(3).value === '时间(北京时间):') signed.push(row.getCell(4).value);
    });
    expect(signed).toHaveLength(4);
    // 2026-11-02T02:00Z is 10:00 in Beijing: the date's wall clock.
    expect(signed[0]).toEqual(new Date('2026-11-02T10:00:00Z'));
    const remarks = ws.getRow(header + 2).getCell(10);
    expect(remarks.alignment).toMatchObject({ wrapText: true });
    expect(printed('grade-summary', xlsx).pages).toBe(1);
  }, 180_000);
});

describe('the grade changes workbook (升/降级)', () => {
  test('prints on one page with the header row repeated and every direction spelled out', async () => {
    const xlsx = await gradeChangesXlsx({
      period: '2026-10',
      previousPeriod: '2026-09',
      rows: [
        { no: 1, customerName: '华东精密机械有限公司', salespersonId: 'sp-zhaomin', previousGrade: 'B', grade: 'A', direction: 'up' },
        { no: 2, customerName: '北方重工集团', salespersonId: 'sp-qianli', previousGrade: 'B', grade: 'B', direction: 'same' },
        { no: 3, customerName: '新评电子公司', salespersonId: 'sp-zhaomin', previousGrade: null, grade: 'C', direction: 'new' },
        { no: 4, customerName: '南方小五金店', salespersonId: 'sp-qianli', previousGrade: 'C', grade: 'D', direction: 'down' },
      ],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    let header = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === '序号') header = n;
    });
    expect(ws.pageSetup.printTitlesRow).toBe(`${header}:${header}`);
    expect([1, 2, 3, 4].map((i) => ws.getRow(header + i).getCell(6).value)).toEqual(['升级', '不变', '新评', '降级']);
    expect(printed('grade-changes', xlsx).pages).toBe(1);
  }, 180_000);
});

describe('the forms (客户档案表, 客户信用额度变更申请表)', () => {
  const valueBeside = async (xlsx: Buffer, label: string): Promise<unknown> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    let found: unknown;
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell, col) => {
      if (cell.value === label) found = row.getCell(col + 1).value;
    }));
    return found;
  };

  test('the archive prints on one A4 page, invoicing only when the reader may see it', async () => {
    const xlsx = await customerArchiveXlsx(archive, { asOf: '2026-11-30T16:00:00Z' });
    expect(await valueBeside(xlsx, '客户名称')).toBe('华东精密机械有限公司');
    expect(await valueBeside(xlsx, '帐号')).toBe('1001234567890123');
    expect(await valueBeside(xlsx, '录入时间')).toEqual(new Date('2026-01-05T10:30:00Z'));
    const { invoicing: _hidden, ...redacted } = archive;
    expect(await valueBeside(await customerArchiveXlsx(redacted, {}), '帐号')).toBeUndefined();
    expect(printed('customer-archive', xlsx).pages).toBe(1);
  }, 180_000);

  test('the credit request prints on one A4 page with each step of the chain', async () => {
    const xlsx = await creditRequestXlsx(creditRequest, {});
    expect(await valueBeside(xlsx, '拟变更信用额度')).toBe('4500000.00 元');
    expect(await valueBeside(xlsx, '销售管理部经理')).toBe('同意: 履约记录良好，同意。\n孙丽');
    expect(await valueBeside(xlsx, '集团总经理')).toBeNull();
    expect(printed('credit-request', xlsx).pages).toBe(1);
  }, 180_000);
});
