/** One row of a figures file, as written (amounts stay strings: money never passes through a float). */
export type FiguresLine = { line: number; customer: { id: string } | { name: string }; period: string; sales: string; creditDue: string; creditPaidOnTime: string };

/** The columns a figures file may use, Chinese or the API's names. */
const headers: Record<string, keyof Omit<FiguresLine, 'line' | 'customer'> | 'customerId' | 'customerName'> = {
  客户编号: 'customerId',
  customerid: 'customerId',
  客户名称: 'customerName',
  customername: 'customerName',
  期间: 'period',
  period: 'period',
  销售额: 'sales',
  sales: 'sales',
  应收信用: 'creditDue',
  creditdue: 'creditDue',
  按期回款: 'creditPaidOnTime',
  creditpaidontime: 'creditPaidOnTime',
};

/** RFC 4180 fields: commas, double quotes doubled inside quoted fields, CRLF or LF lines. */
export const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
};

/** Header spellings compared without spaces, brackets' units and case: `销售额（元）` is `销售额`. */
const headerKey = (h: string) => h.replace(/[\s(（][^)）]*[)）]?/g, '').replace(/\s/g, '').toLowerCase();

/**
 * The lines of a figures file (客户名称 or 客户编号, 期间, 销售额, 应收信用, 按期回款), or the
 * name of the first missing column. Amounts may carry thousands separators and ¥; the
 * API validates what remains.
 */
export const parseFigures = (text: string): { lines: FiguresLine[] } | { missing: string } => {
  const [head, ...body] = parseCsv(text);
  const index = new Map<string, number>();
  (head ?? []).forEach((h, i) => {
    const key = headers[headerKey(h)];
    if (key && !index.has(key)) index.set(key, i);
  });
  if (!index.has('customerId') && !index.has('customerName')) return { missing: '客户名称' };
  for (const [column, key] of [['期间', 'period'], ['销售额', 'sales'], ['应收信用', 'creditDue'], ['按期回款', 'creditPaidOnTime']] as const)
    if (!index.has(key)) return { missing: column };
  const cell = (row: string[], key: string) => (row[index.get(key) ?? -1] ?? '').trim();
  const amount = (s: string) => s.replace(/[¥,，\s]/g, '');
  return {
    lines: body.map((row, i) => ({
      line: i + 2,
      customer: cell(row, 'customerId') !== '' ? { id: cell(row, 'customerId') } : { name: cell(row, 'customerName') },
      period: cell(row, 'period'),
      sales: amount(cell(row, 'sales')),
      creditDue: amount(cell(row, 'creditDue')),
      creditPaidOnTime: amount(cell(row, 'creditPaidOnTime')),
    })),
  };
};
