import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { displayWidth, gradeSummaryTable, padDisplay } from '../../src/exports/index.js';
import { gradeSummary } from './reportFixtures.js';

describe('the display width of text', () => {
  test('counts Chinese and fullwidth characters as two columns, marks as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('客户名称')).toBe(8);
    expect(displayWidth('月均销售额(元)')).toBe(14);
    expect(displayWidth('（全角）ＡＢ')).toBe(12);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('한국')).toBe(4);
  });

  test.prop([fc.string({ unit: 'grapheme' }), fc.nat(60), fc.constantFrom<'left' | 'right'>('left', 'right')], { numRuns: 300 })(
    'padding reaches the width asked, or leaves longer text as it is',
    (text, width, align) => {
      const padded = padDisplay(text, width, align);
      expect(displayWidth(padded)).toBe(Math.max(width, displayWidth(text)));
      expect(padded.trim()).toBe(text.trim());
    },
  );
});

describe('the grade summary as a terminal table', () => {
  test('aligns every column of every row at the same display column', () => {
    const report = { ...gradeSummary, rows: gradeSummary.rows.map((r) => ({ ...r, customerName: r.customerName.replace('\n', ' ') })) };
    const lines = gradeSummaryTable(report).split('\n');
    const header = lines.findIndex((l) => l.startsWith('序号'));
    const table = lines.slice(header, header + 4);
    // The third column (业务员) begins where the header says, in display columns.
    const startOf = (line: string, cell: string) => displayWidth(line.slice(0, line.indexOf(cell)));
    expect(startOf(table[2]!, '李明')).toBe(startOf(table[0]!, '业务员'));
    expect(startOf(table[3]!, 'u-wang')).toBe(startOf(table[0]!, '业务员'));
    // Money is right-aligned: both amounts end in the same display column.
    const endOf = (line: string, cell: string) => displayWidth(line.slice(0, line.indexOf(cell) + cell.length));
    expect(endOf(table[2]!, '125,000.00')).toBe(endOf(table[3]!, '1,234,567.89'));
    expect(lines).toContain('编制: 王芳 时间(北京时间): 2026-11-02 10:00');
  });
});
