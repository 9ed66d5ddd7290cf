import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { csvLines, gradeChangesCsv, gradeSummaryCsv, violationsCsv } from '../../src/exports/index.js';
import { readCsv } from './csvReader.js';
import { gradeSummary, violations } from './reportFixtures.js';

const text = (b: Buffer) => b.toString('utf8');

describe('a CSV export', () => {
  test('starts with a UTF-8 byte-order mark', () => {
    const bytes = gradeSummaryCsv(gradeSummary);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  test.prop([fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 })], { numRuns: 200 })(
    'reads back field for field under RFC 4180, every record as wide as the widest',
    (lines) => {
      const width = Math.max(...lines.map((l) => l.length));
      expect(readCsv(csvLines(lines))).toEqual(lines.map((l) => [...l, ...Array<string>(width - l.length).fill('')]));
    },
  );

  test('quotes commas, quotes and line breaks, and nothing else', () => {
    expect(csvLines([['a,b', 'say "hi"', 'two\nlines', '客户']])).toBe('"a,b","say ""hi""","two\nlines",客户\r\n');
  });
});

describe('the grade summary as CSV', () => {
  const records = readCsv(text(gradeSummaryCsv(gradeSummary)).slice(1));

  test('has the title, the period, the manual’s headers and one record per customer', () => {
    expect(records[0]![0]).toBe('客户等级管理汇总表');
    expect(records[1]![0]).toBe('评估期间: 2026-10');
    const header = records.findIndex((r) => r[0] === '序号');
    expect(records[header]).toEqual(['序号', '客户名称', '业务员', '评分', '等级系数', '月均销售额(元)', '上期按期信用履约率', '客户等级', '信用额度(元)', '备注']);
    expect(records[header + 1]).toEqual(['1', '浙江华东纺织有限公司', '李明', '92.5', '1.5', '125000.00', '0.9523', 'A', '178556.00', 'VIP；升级计划']);
    expect(records[header + 2]!.slice(0, 3)).toEqual(['2', 'Acme "East", Ltd.\nBranch', 'u-wang']);
  });

  test('ends with the sign-off block, signed steps with who and when (Beijing time)', () => {
    const block = records.slice(-4).map((r) => r.slice(0, 4));
    expect(block).toEqual([
      ['编制:', '王芳', '时间(北京时间):', '2026-11-02 10:00'],
      ['复核:', '赵强', '时间(北京时间):', '2026-11-03 11:30'],
      ['审核:', '', '时间(北京时间):', ''],
      ['审批:', '', '时间(北京时间):', ''],
    ]);
  });
});

describe('violation records as CSV', () => {
  test('list time, customer, type and description, and never let a cell become a formula', () => {
    const records = readCsv(text(violationsCsv(violations)).slice(1));
    const header = records.findIndex((r) => r[0] === '序号');
    expect(records[header]).toEqual(['序号', '时间', '客户名称', '类型', '事件描述']);
    expect(records[header + 1]).toEqual(['1', '2026-10-05 14:30', '宁波海曙贸易公司', '逾期付款', '货款逾期 45 天']);
    expect(records[header + 2]![2]).toBe(`'=HYPERLINK("x")`);
  });
});

describe('the grade changes as CSV', () => {
  test('print 业务员 by name, by id when the directory does not list them', () => {
    const report = {
      period: '2026-10',
      previousPeriod: '2026-09',
      rows: [
        { no: 1, customerName: '浙江华东纺织有限公司', salespersonId: 'sp-zhaomin', salespersonName: '赵敏', previousGrade: 'B', grade: 'A', direction: 'up' as const },
        { no: 2, customerName: '宁波贸易公司', salespersonId: 'sp-x', salespersonName: null, previousGrade: null, grade: 'C', direction: 'new' as const },
      ],
    };
    const records = readCsv(text(gradeChangesCsv(report)).slice(1));
    const header = records.findIndex((r) => r[0] === '序号');
    expect(records[header + 1]).toEqual(['1', '浙江华东纺织有限公司', '赵敏', 'B', 'A', '升级']);
    expect(records[header + 2]).toEqual(['2', '宁波贸易公司', 'sp-x', '', 'C', '新评']);
  });
});
