import type ExcelJS from 'exceljs';
import { displayWidth } from './displayWidth.js';
import { beijingDate } from './sheet.js';

/**
 * A one-page form of the manual (客户档案表, 客户信用额度变更申请表): a title, the lines
 * saying what it shows, then blocks of labelled cells in a bordered grid, two
 * label/value pairs a line (a wide value takes the whole line).
 */
export type FormValue = string | { instant: string } | null;
export type FormField = { label: string; value: FormValue; wide?: boolean };
/** `tall`: lines left room for a hand signature (审核意见). */
export type FormBlock = { heading: string; fields: FormField[]; tall?: boolean };
export type Form = { name: string; title: string; meta: string[]; blocks: FormBlock[] };

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };
// A face LibreOffice and Excel both find for Chinese; without it the PDF falls back glyph by glyph.
const font = { name: 'WenQuanYi Micro Hei', size: 10 };
const widths = [14, 30, 14, 30];
/** Characters a value column holds per line (a CJK character is two). */
const perLine = (wide: boolean) => (wide ? 84 : 28);

/** Spreadsheets do not grow a row for wrapped text on opening: the lines each value needs. */
const linesOf = (text: string, width: number): number =>
  text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / width)), 0);

const textOf = (value: FormValue): string => (value === null ? '' : typeof value === 'string' ? value : '');

export const formToXlsx = async (form: Form): Promise<Buffer> => {
  // Loaded on the first workbook, not at start: exceljs is a tenth of the server's cold start.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'customer-ledger';
  const ws = workbook.addWorksheet(form.name.slice(0, 31), {
    pageSetup: { orientation: 'portrait', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 1, horizontalCentered: true },
  });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const wide = (text: string, style: Partial<ExcelJS.Font>, height: number) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).font = { ...font, ...style };
    row.getCell(1).alignment = { horizontal: style.bold === true && (style.size ?? 0) > 12 ? 'center' : 'left', vertical: 'middle' };
    row.height = height;
    return row;
  };
  wide(form.title, { bold: true, size: 18 }, 32);
  for (const line of [...form.meta, '时间均为北京时间 (UTC+8)']) wide(line, { size: 9 }, 15);
  const put = (cell: ExcelJS.Cell, value: FormValue, bold: boolean) => {
    cell.value = value === null ? null : typeof value === 'string' ? value : beijingDate(value.instant);
    if (value !== null && typeof value !== 'string') cell.numFmt = 'yyyy-mm-dd hh:mm';
    cell.font = { ...font, bold };
    cell.border = border;
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: bold ? 'center' : 'left' };
    if (bold) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  };
  for (const block of form.blocks) {
    const heading = wide(block.heading, { bold: true, size: 11 }, 20);
    heading.getCell(1).border = border;
    let pending: FormField[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      const row = ws.addRow([]);
      const lines = Math.max(1, ...pending.map((f) => linesOf(textOf(f.value), perLine(f.wide === true))));
      row.height = Math.max(block.tall === true ? 36 : 18, 14 * lines);
      pending.forEach((f, i) => {
        put(row.getCell(2 * i + 1), f.label, true);
        put(row.getCell(2 * i + 2), f.value, false);
        if (f.wide === true) ws.mergeCells(row.number, 2, row.number, 4);
      });
      if (pending.length === 1 && pending[0]!.wide !== true) [3, 4].forEach((c) => put(row.getCell(c), c === 3 ? '' : null, c === 3));
      pending = [];
    };
    for (const field of block.fields) {
      if (field.wide === true) {
        flush();
        pending = [field];
        flush();
      } else {
        pending.push(field);
        if (pending.length === 2) flush();
      }
    }
    flush();
  }
  ws.pageSetup.printArea = `A1:D${ws.rowCount}`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
