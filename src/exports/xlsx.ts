import type ExcelJS from 'exceljs';
import { displayWidth } from './displayWidth.js';
import { beijingDate, beijingTime, type Cell, type CellKind, cellText, type Column, type Sheet } from './sheet.js';

/**
 * A sheet as an Excel workbook laid out like the manual's printed forms: the title
 * merged across the table, the lines saying what it covers, bordered tables with bold
 * headers, numbers as numbers (money to the fen, rates as percentages), the sign-off
 * block below.
 */
const numberFormats: Partial<Record<CellKind, string>> = {
  integer: '0',
  score: '0.00',
  decimal: '0.0#',
  money: '#,##0.00',
  rate: '0.00%',
};

const thin = { style: 'thin' as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** Yuan below 10^13 (15 significant digits with the fen) are exact as an Excel number; larger stay text. */
const excelValue = (cell: Cell, kind: CellKind): string | number | null => {
  if (cell === null || cell === '') return null;
  if (kind === 'instant') return typeof cell === 'string' ? beijingTime(cell) : cell;
  if ((kind === 'money' || kind === 'decimal') && typeof cell === 'string') {
    return /^-?\d{1,13}(\.\d+)?$/.test(cell) ? Number(cell) : cell;
  }
  return cell;
};

/** Long text wraps (备注) rather than widening the page past one printed width. */
const columnWidth = (column: Column, rows: readonly Cell[][], index: number): number =>
  Math.min(column.kind === 'text' ? 30 : 60, Math.max(displayWidth(column.header), ...rows.map((r) => displayWidth(cellText(r[index] ?? null, column.kind, 'display')))) + 2);

export const sheetToXlsx = async (sheet: Sheet): Promise<Buffer> => {
  // Loaded on the first workbook, not at start: exceljs is a tenth of the server's cold start.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'customer-ledger';
  const ws = workbook.addWorksheet(sheet.name.slice(0, 31), {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  const width = Math.max(1, ...sheet.sections.map((s) => s.columns.length), ...sheet.footer.map((f) => f.length));
  const wideRow = (text: string, font: Partial<ExcelJS.Font>, align: 'center' | 'left') => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).font = font;
    row.getCell(1).alignment = { horizontal: align, vertical: 'middle' };
    return row;
  };
  wideRow(sheet.title, { bold: true, size: 16 }, 'center').height = 28;
  for (const line of sheet.meta) wideRow(line, { size: 11 }, 'left');

  const widths: number[] = Array<number>(width).fill(8);
  const wrapped: { row: ExcelJS.Row; texts: (string | null)[] }[] = [];
  for (const section of sheet.sections) {
    ws.addRow([]);
    if (section.heading) wideRow(section.heading, { bold: true, size: 12 }, 'left');
    const header = ws.addRow(section.columns.map((c) => c.header));
    header.eachCell((cell) => {
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
      cell.border = border;
    });
    if (sheet.sections.length === 1) ws.views = [{ state: 'frozen', ySplit: header.number }];
    if (sheet.printTitles === true && sheet.sections.length === 1) ws.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
    for (const values of section.rows) {
      const row = ws.addRow(section.columns.map((c, i) => excelValue(values[i] ?? null, c.kind)));
      wrapped.push({ row, texts: section.columns.map((c, i) => (c.kind === 'text' ? cellText(values[i] ?? null, c.kind, 'display') : null)) });
      section.columns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        cell.border = border;
        const format = numberFormats[c.kind];
        if (format && typeof cell.value === 'number') cell.numFmt = format;
        if (c.kind === 'text') cell.alignment = { wrapText: true, vertical: 'top' };
      });
    }
    section.columns.forEach((c, i) => {
      widths[i] = Math.max(widths[i]!, columnWidth(c, section.rows, i));
    });
  }
  if (sheet.footer.length > 0) {
    ws.addRow([]);
    for (const line of sheet.footer) {
      const row = ws.addRow(line.map((cell) => (cell === '' ? null : typeof cell === 'string' ? cell : beijingDate(cell.instant))));
      line.forEach((cell, i) => {
        if (typeof cell === 'string') {
          widths[i] = Math.max(widths[i]!, displayWidth(cell) + 2);
          return;
        }
        row.getCell(i + 1).numFmt = 'yyyy-mm-dd hh:mm';
        widths[i] = Math.max(widths[i]!, 18);
      });
    }
  }
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  // Spreadsheets do not grow a row for wrapped text on opening: give each row the lines its text needs.
  for (const { row, texts } of wrapped) {
    const lines = Math.max(1, ...texts.map((t, i) => (t === null ? 1 : t.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / Math.max(1, widths[i]! - 2))), 0))));
    if (lines > 1) row.height = 15 * lines;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
};
