import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { gradeSummaryXlsx, violationsXlsx } from '../../src/exports/index.js';
import { gradeSummary, violations } from './reportFixtures.js';

const open = async (bytes: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
};
const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);
const rowStarting = (ws: ExcelJS.Worksheet, first: string) => {
  for (let r = 1; r <= ws.rowCount; r += 1) if (ws.getRow(r).getCell(1).value === first) return r;
  throw new Error(`no row starts with ${first}`);
};

describe('the grade summary as XLSX', () => {
  test('has the title merged over the table, the period, and the manual’s headers', async () => {
    const ws = await open(await gradeSummaryXlsx(gradeSummary));
    expect(ws.name).toBe('客户等级管理汇总表');
    expect(ws.getCell('A1').value).toBe('客户等级管理汇总表');
    expect(ws.getCell('J1').isMerged).toBe(true);
    expect(ws.getCell('A2').value).toBe('评估期间: 2026-10');
    expect(ws.getCell('A3').value).toBe('生效截至(asOf): 2026-11-01 00:00 北京时间');
    const header = rowStarting(ws, '序号');
    expect(values(ws, header)).toEqual(['序号', '客户名称', '业务员', '评分', '等级系数', '月均销售额(元)', '上期按期信用履约率', '客户等级', '信用额度(元)', '备注']);
  });

  test('writes numbers as numbers with the form’s formats', async () => {
    const ws = await open(await gradeSummaryXlsx(gradeSummary));
    const first = rowStarting(ws, '序号') + 1;
    expect(values(ws, first)).toEqual([1, '浙江华东纺织有限公司', '李明', 92.5, 1.5, 125000, 0.9523, 'A', 178556, 'VIP；升级计划']);
    expect(ws.getRow(first).getCell(6).numFmt).toBe('#,##0.00');
    expect(ws.getRow(first).getCell(7).numFmt).toBe('0.00%');
    expect(values(ws, first + 1).slice(0, 3)).toEqual([2, 'Acme "East", Ltd.\nBranch', 'u-wang']);
  });

  test('ends with the sign-off block: who signed each step and when', async () => {
    const ws = await open(await gradeSummaryXlsx(gradeSummary));
    // Real dates whose wall clock is Beijing time, under a label that says so.
    expect(values(ws, rowStarting(ws, '编制:'))).toEqual(['编制:', '王芳', '时间(北京时间):', new Date('2026-11-02T10:00:00Z')]);
    expect(values(ws, rowStarting(ws, '复核:'))).toEqual(['复核:', '赵强', '时间(北京时间):', new Date('2026-11-03T11:30:00Z')]);
    expect(values(ws, rowStarting(ws, '审批:'))[0]).toBe('审批:');
    expect(values(ws, rowStarting(ws, '审批:'))[1] ?? null).toBeNull();
  });
});

describe('violation records as XLSX', () => {
  test('list each record with its Beijing time', async () => {
    const ws = await open(await violationsXlsx(violations));
    const header = rowStarting(ws, '序号');
    expect(values(ws, header)).toEqual(['序号', '时间', '客户名称', '类型', '事件描述']);
    expect(values(ws, header + 2)).toEqual([2, '2026-10-07 09:00', '=HYPERLINK("x")', '窜货', '跨区域销售, 已警告']);
  });
});
