import { describe, expect, test } from 'vitest';
import { parseCsv, parseFigures } from './csv.js';

describe('a figures file (导入月度数据)', () => {
  test('reads Chinese headers with units, a BOM, quoted amounts with separators and CRLF lines', () => {
    const text = '\uFEFF客户名称,期间,销售额（元）,应收信用（元）,按期回款（元）\r\n"华东精密, 有限公司",2026-09,"¥560,000.00",300000.00,300000\r\n\r\n';
    expect(parseFigures(text)).toEqual({
      lines: [{ line: 2, customer: { name: '华东精密, 有限公司' }, period: '2026-09', sales: '560000.00', creditDue: '300000.00', creditPaidOnTime: '300000' }],
    });
  });

  test('a customer id column is used when present', () => {
    const parsed = parseFigures('customerId,period,sales,creditDue,creditPaidOnTime\nabc,2026-10,1,2,3');
    expect(parsed).toEqual({ lines: [{ line: 2, customer: { id: 'abc' }, period: '2026-10', sales: '1', creditDue: '2', creditPaidOnTime: '3' }] });
  });

  test('names the first missing column', () => {
    expect(parseFigures('客户名称,期间,销售额\nA,2026-09,1')).toEqual({ missing: '应收信用' });
    expect(parseFigures('期间,销售额,应收信用,按期回款\n')).toEqual({ missing: '客户名称' });
  });

  test('doubled quotes inside a quoted field are one quote', () => {
    expect(parseCsv('a,"say ""hi""",c')).toEqual([['a', 'say "hi"', 'c']]);
  });
});
