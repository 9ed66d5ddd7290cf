import { Money, type Period, Period as PeriodSchema, comparePeriods, toFen, Uuid } from '../../domain/shared/index.js';
import type { RawCell, RawRow } from './readTable.js';

/** The ERP export's columns, by their names in English (the API's) and as Chinese exports head them. */
const columnNames = {
  period: ['period', '期间', '月份', '会计期间', '年月'],
  customer: ['customer', 'customerid', 'customername', '客户', '客户名称', '客户编号'],
  sales: ['sales', '销售额', '月销售额', '销售金额'],
  creditDue: ['creditdue', '应收信用', '信用到期', '到期应收', '应收账款'],
  creditPaidOnTime: ['creditpaidontime', '按期回款', '按期信用回款', '按期收回'],
} as const;
type ColumnName = keyof typeof columnNames;
const required = Object.keys(columnNames) as ColumnName[];

const normalise = (header: string) => header.toLowerCase().replace(/[\s_]/g, '').replace(/[(（]元[)）]$/, '');
const columnOf = (header: string): ColumnName | undefined => required.find((c) => (columnNames[c] as readonly string[]).includes(normalise(header)));

export type FigureRow = { row: number; period: Period; customerId: string; customer: string; sales: Money; creditDue: Money; creditPaidOnTime: Money };
export type CustomerIndex = { byId: ReadonlyMap<string, string>; idsByName: ReadonlyMap<string, string> };

type Checked<T> = { ok: T } | { error: string };

const periodOfCell = (cell: RawCell): Checked<Period> => {
  if (cell instanceof Date) return { ok: `${cell.getUTCFullYear()}-${String(cell.getUTCMonth() + 1).padStart(2, '0')}` };
  const text = String(cell ?? '').trim();
  const m = /^(\d{4})(?:[-/.年](\d{1,2})月?|(\d{2}))$/.exec(text);
  const period = m ? `${m[1]}-${(m[2] ?? m[3] ?? '').padStart(2, '0')}` : text;
  const parsed = PeriodSchema.safeParse(period);
  return parsed.success ? { ok: parsed.data } : { error: parsed.error.issues[0]!.message };
};

/** Yuan as the ERP writes it: a number, or text with an optional ¥ and thousands separators. */
const moneyOfCell = (cell: RawCell): Checked<Money> => {
  let text: string;
  if (typeof cell === 'number') {
    const fen = Math.round(cell * 100);
    text = Math.abs(fen - cell * 100) < 1e-6 && cell >= 0 ? (fen / 100).toFixed(2) : String(cell);
  } else {
    text = String(cell ?? '').trim().replace(/^[¥￥]\s*/, '');
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replaceAll(',', '');
  }
  const parsed = Money.safeParse(text);
  return parsed.success ? { ok: parsed.data } : { error: parsed.error.issues[0]!.message };
};

const customerOfCell = (cell: RawCell, customers: CustomerIndex): Checked<string> => {
  const text = String(cell ?? '').trim();
  if (text === '') return { error: 'the customer (id or exact name) is missing' };
  if (Uuid.safeParse(text.toLowerCase()).success) {
    return customers.byId.has(text.toLowerCase()) ? { ok: text.toLowerCase() } : { error: `no customer has the id ${text}` };
  }
  const id = customers.idsByName.get(text);
  return id ? { ok: id } : { error: `no customer is named "${text}" (the name must match the archive exactly)` };
};

/** The header: the first of the top rows naming every column (a title line may come before it). */
const findHeader = (rows: readonly RawRow[]): { index: number; at: Record<ColumnName, number> } | { missing: ColumnName[] } => {
  let fewest: ColumnName[] = required;
  for (const [index, r] of rows.slice(0, 10).entries()) {
    const at: Partial<Record<ColumnName, number>> = {};
    r.cells.forEach((c, i) => {
      const name = typeof c === 'string' ? columnOf(c) : undefined;
      if (name && at[name] === undefined) at[name] = i;
    });
    const missing = required.filter((c) => at[c] === undefined);
    if (missing.length === 0) return { index, at: at as Record<ColumnName, number> };
    if (missing.length < fewest.length) fewest = missing;
  }
  return { missing: fewest };
};

/**
 * Every row checked, and every problem listed by row and column. `current` is this
 * month: figures of a month that has not begun are refused.
 */
export const checkFigureRows = (rows: readonly RawRow[], customers: CustomerIndex, current: Period): { rows: FigureRow[]; errors: string[] } => {
  const header = findHeader(rows);
  if ('missing' in header) {
    return { rows: [], errors: [`the header lacks the columns ${header.missing.map((c) => `"${c}" (${columnNames[c].slice(1, 3).join('/')})`).join(', ')}`] };
  }
  const errors: string[] = [];
  const valid: FigureRow[] = [];
  const seen = new Map<string, FigureRow>();
  for (const r of rows.slice(header.index + 1)) {
    const cell = (c: ColumnName) => r.cells[header.at[c]] ?? null;
    const problems: string[] = [];
    const take = <T>(c: ColumnName, checked: Checked<T>): T | undefined => {
      if ('error' in checked) problems.push(`row ${r.row}, column "${c}": ${checked.error}`);
      return 'ok' in checked ? checked.ok : undefined;
    };
    const period = take('period', periodOfCell(cell('period')));
    const customerId = take('customer', customerOfCell(cell('customer'), customers));
    const sales = take('sales', moneyOfCell(cell('sales')));
    const creditDue = take('creditDue', moneyOfCell(cell('creditDue')));
    const creditPaidOnTime = take('creditPaidOnTime', moneyOfCell(cell('creditPaidOnTime')));
    if (period && comparePeriods(period, current) > 0) problems.push(`row ${r.row}, column "period": ${period} has not begun (it is ${current}): it has no figures yet`);
    if (creditDue && creditPaidOnTime && toFen(creditPaidOnTime) > toFen(creditDue)) {
      problems.push(`row ${r.row}, column "creditPaidOnTime": credit paid on time (${creditPaidOnTime}) exceeds the credit due (${creditDue})`);
    }
    if (problems.length > 0 || !period || !customerId || !sales || !creditDue || !creditPaidOnTime) {
      errors.push(...problems);
      continue;
    }
    const row: FigureRow = { row: r.row, period, customerId, customer: customers.byId.get(customerId) ?? customerId, sales, creditDue, creditPaidOnTime };
    const twin = seen.get(`${customerId} ${period}`);
    if (twin && (toFen(twin.sales) !== toFen(sales) || toFen(twin.creditDue) !== toFen(creditDue) || toFen(twin.creditPaidOnTime) !== toFen(creditPaidOnTime))) {
      errors.push(`row ${r.row}: ${row.customer}'s figures for ${period} differ from those on row ${twin.row}`);
      continue;
    }
    seen.set(`${customerId} ${period}`, row);
    valid.push(row);
  }
  if (valid.length === 0 && errors.length === 0) errors.push('the file has a header but no rows');
  return { rows: valid, errors };
};
