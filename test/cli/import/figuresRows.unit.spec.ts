import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { parseCsv } from '../../../src/cli/import/csvParse.js';
import { checkFigureRows, type CustomerIndex } from '../../../src/cli/import/figuresRows.js';
import type { RawRow } from '../../../src/cli/import/readTable.js';
import { csvLines } from '../../../src/exports/index.js';

const hengda = '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a00';
const customers: CustomerIndex = {
  byId: new Map([[hengda, '杭州恒达纺织有限公司']]),
  idsByName: new Map([['杭州恒达纺织有限公司', hengda]]),
};
const rowsOf = (...lines: string[][]): RawRow[] => lines.map((cells, i) => ({ row: i + 1, cells }));
const header = ['period', 'customer', 'sales', 'creditDue', 'creditPaidOnTime'];

describe('a CSV record reader', () => {
  test.prop([fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 })], { numRuns: 200 })(
    'reads back what an RFC 4180 writer wrote, with or without a byte-order mark',
    (lines) => {
      const width = Math.max(...lines.map((l) => l.length));
      const padded = lines.map((l) => [...l, ...Array<string>(width - l.length).fill('')]);
      expect(parseCsv(csvLines(lines))).toEqual(padded);
      expect(parseCsv(`\uFEFF${csvLines(lines).replaceAll('\r\n', '\n')}`)).toEqual(padded.map((l) => l.map((f) => f.replaceAll('\r\n', '\n'))));
    },
  );

  test('names the line of a stray quote', () => {
    expect(() => parseCsv('a,b\r\nc,d"e\r\n')).toThrow('line 2: a quote inside an unquoted field');
  });
});

describe('monthly figures rows', () => {
  test('are read under English or Chinese headers, after a title line, with ¥ and thousands separators', () => {
    const rows = rowsOf(['2026年10月 ERP 月度数据'], ['期间', '客户名称', '销售额(元)', '应收信用', '按期回款'], ['2026/10', '杭州恒达纺织有限公司', '¥1,250,000.5', '80000', '76000.00']);
    expect(checkFigureRows(rows, customers, '2026-11')).toEqual({
      errors: [],
      rows: [{ row: 3, period: '2026-10', customerId: hengda, customer: '杭州恒达纺织有限公司', sales: '1250000.5', creditDue: '80000', creditPaidOnTime: '76000.00' }],
    });
  });

  test('take numbers and dates from a workbook', () => {
    const rows: RawRow[] = [{ row: 1, cells: header }, { row: 2, cells: [new Date(Date.UTC(2026, 9, 1)), hengda.toUpperCase(), 125000.5, 80000, 0] }];
    expect(checkFigureRows(rows, customers, '2026-11').rows[0]).toMatchObject({ period: '2026-10', customerId: hengda, sales: '125000.50', creditDue: '80000.00', creditPaidOnTime: '0.00' });
  });

  test('list every problem by row and column, and keep no row of a file with one', () => {
    const rows = rowsOf(
      header,
      ['2026-10', '杭州恒达纺织有限公司', '100.00', '50.00', '40.00'],
      ['2026-13', '杭州恒达纺织有限公司', '100.00', '50.00', '40.00'],
      ['2026-09', '宁波不存在贸易公司', '100.00', '50.005', '40.00'],
      ['2026-09', '杭州恒达纺织有限公司', '-5', '50.00', '60.00'],
      ['2027-01', '杭州恒达纺织有限公司', '1.00', '1.00', '1.00'],
      ['2026-10', '杭州恒达纺织有限公司', '100.00', '50.00', '41.00'],
    );
    const checked = checkFigureRows(rows, customers, '2026-11');
    expect(checked.errors).toEqual([
      'row 3, column "period": a period is YYYY-MM, e.g. 2026-10',
      'row 4, column "customer": no customer is named "宁波不存在贸易公司" (the name must match the archive exactly)',
      'row 4, column "creditDue": money is yuan with at most two decimals, e.g. "125000.00"',
      'row 5, column "sales": money is yuan with at most two decimals, e.g. "125000.00"',
      'row 5, column "creditPaidOnTime": credit paid on time (60.00) exceeds the credit due (50.00)',
      'row 6, column "period": 2027-01 has not begun (it is 2026-11): it has no figures yet',
      "row 7: 杭州恒达纺织有限公司's figures for 2026-10 differ from those on row 2",
    ]);
  });

  test('refuse a header without the columns, naming them', () => {
    expect(checkFigureRows(rowsOf(['period', 'customer', 'sales']), customers, '2026-11').errors).toEqual([
      'the header lacks the columns "creditDue" (应收信用/信用到期), "creditPaidOnTime" (按期回款/按期信用回款)',
    ]);
  });
});
