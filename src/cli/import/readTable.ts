import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseCsv } from './csvParse.js';
import { decodeText, type TextEncodingName } from './decodeText.js';

/** A cell as read: text from CSV; from a workbook also numbers and dates. */
export type RawCell = string | number | Date | null;
/** `row`: the number a person sees in the spreadsheet or the line of the CSV record (1 is the first). */
export type RawRow = { row: number; cells: RawCell[] };

const isBlank = (cells: readonly RawCell[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

const fromCsv = (path: string, encoding?: TextEncodingName): RawRow[] =>
  parseCsv(decodeText(readFileSync(path), encoding).text)
    .map((cells, i) => ({ row: i + 1, cells }))
    .filter((r) => !isBlank(r.cells));

const cellValue = (value: unknown): RawCell => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as { result?: unknown; text?: unknown; richText?: { text: string }[] };
    if (v.result !== undefined) return cellValue(v.result); // a formula: its cached result
    if (typeof v.text === 'string') return v.text; // a hyperlink
    if (v.richText) return v.richText.map((t) => t.text).join('');
  }
  return String(value);
};

const fromXlsx = async (path: string): Promise<RawRow[]> => {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the workbook has no worksheet');
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, number) => {
    const cells = Array.from({ length: r.cellCount }, (_, i) => cellValue(r.getCell(i + 1).value));
    if (!isBlank(cells)) rows.push({ row: number, cells });
  });
  return rows;
};

/** The non-blank rows of a .csv file (UTF-8, GBK/GB18030 or UTF-16; detected unless given), or of an .xlsx workbook's first sheet. */
export const readTable = (path: string, encoding?: TextEncodingName): Promise<RawRow[]> => {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return Promise.resolve().then(() => fromCsv(path, encoding));
  if (ext === '.xlsx') return fromXlsx(path);
  return Promise.reject(new Error(`${ext || 'a file without extension'} is neither .csv nor .xlsx`));
};
