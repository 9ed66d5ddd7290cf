import { cellText, footerText, type Sheet } from './sheet.js';

/**
 * RFC 4180 CSV, UTF-8 with a byte-order mark (so that Excel opens Chinese text as
 * UTF-8), CRLF line ends, every line as wide as the widest. A field is quoted when it
 * holds a quote, comma or line break; quotes inside are doubled.
 */
const bom = '\uFEFF';

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) is
 * prefixed with an apostrophe: a customer name must never become a formula.
 */
const defuse = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

export const csvField = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

export const csvLines = (lines: readonly (readonly string[])[]): string => {
  const width = Math.max(1, ...lines.map((l) => l.length));
  return lines.map((l) => [...l, ...Array<string>(width - l.length).fill('')].map(csvField).join(',')).join('\r\n') + '\r\n';
};

export const sheetToCsv = (sheet: Sheet): Buffer => {
  const lines: string[][] = [[sheet.title], ...sheet.meta.map((m) => [m])];
  for (const section of sheet.sections) {
    lines.push([]);
    if (section.heading) lines.push([section.heading]);
    lines.push(section.columns.map((c) => c.header));
    for (const row of section.rows) {
      lines.push(row.map((cell, i) => {
        const kind = section.columns[i]?.kind ?? 'text';
        const text = cellText(cell, kind, 'plain');
        return kind === 'text' ? defuse(text) : text;
      }));
    }
  }
  if (sheet.footer.length > 0) lines.push([], ...sheet.footer.map((l) => l.map((c) => defuse(footerText(c)))));
  return Buffer.from(bom + csvLines(lines), 'utf8');
};
