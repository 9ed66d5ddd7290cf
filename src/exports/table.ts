import { displayWidth, padDisplay } from './displayWidth.js';
import { cellText, footerText, isNumericKind, type Section, type Sheet } from './sheet.js';

/** Columns aligned in a terminal, Chinese characters counted two columns wide. */
const sectionLines = (section: Section): string[] => {
  const texts = section.rows.map((row) => section.columns.map((c, i) => cellText(row[i] ?? null, c.kind, 'display').replace(/\s+/g, ' ')));
  const widths = section.columns.map((c, i) => Math.max(displayWidth(c.header), ...texts.map((t) => displayWidth(t[i] ?? ''))));
  const line = (cells: readonly string[], header: boolean) =>
    cells
      .map((text, i) => padDisplay(text, widths[i]!, !header && isNumericKind(section.columns[i]!.kind) ? 'right' : 'left'))
      .join('  ')
      .trimEnd();
  return [
    ...(section.heading ? [section.heading] : []),
    line(section.columns.map((c) => c.header), true),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...texts.map((t) => line(t, false)),
  ];
};

export const sheetToTable = (sheet: Sheet): string => {
  const blocks = [[sheet.title, ...sheet.meta], ...sheet.sections.map(sectionLines)];
  if (sheet.footer.length > 0) blocks.push(sheet.footer.map((cells) => cells.map(footerText).filter((c) => c !== '').join(' ').trimEnd()));
  return `${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
};
