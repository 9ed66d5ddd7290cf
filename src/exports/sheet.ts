import { type Instant, instantMillis } from '../domain/shared/index.js';

/**
 * One form of the manual (客户等级管理汇总表, 违规记录, 月度客诉统计) as a format-free
 * sheet: a title, a few lines saying what it covers, one or more tables, and a footer
 * (the sign-off block). csv.ts, xlsx.ts and table.ts render any sheet.
 */
export type CellKind =
  | 'text'
  | 'integer'
  /** Any other number (counts with hours beside them). */
  | 'number'
  /** 0–100 with up to two decimals. */
  | 'score'
  /** A decimal string, e.g. a grade coefficient "1.5". */
  | 'decimal'
  /** Yuan as a decimal string, "125000.00". */
  | 'money'
  /** 0–1, shown as a percentage. */
  | 'rate'
  /** An ISO instant, shown in Beijing time. */
  | 'instant';

export type Column = { header: string; kind: CellKind };
export type Cell = string | number | null;
export type Section = { heading?: string; columns: Column[]; rows: Cell[][] };

export type Sheet = {
  /** The worksheet's tab (at most 31 characters). */
  name: string;
  title: string;
  /** What the sheet covers, one line each: period, time cuts, filters. */
  meta: string[];
  sections: Section[];
  /** Lines below the tables, as cells: the sign-off block (编制/复核/审核/审批). */
  footer: FooterCell[][];
  /** Repeat the (single) table's header row on every printed page. */
  printTitles?: boolean;
};

/** A footer cell: text, or an instant (a real date in the workbook, Beijing time in text). */
export type FooterCell = string | { instant: Instant };

export const footerText = (cell: FooterCell): string => (typeof cell === 'string' ? cell : beijingTime(cell.instant));

/** The instant as a date whose wall clock is Beijing time: Excel dates have no zone, so the form's zone is in its label. */
export const beijingDate = (instant: Instant): Date => new Date(instantMillis(instant) + SHANGHAI_OFFSET_MS);

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Beijing time (UTC+8, no daylight saving), to the minute: what the forms show. */
export const beijingTime = (instant: Instant): string =>
  new Date(instantMillis(instant) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

const groupThousands = (money: string): string => {
  const [whole = '', frac] = money.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
};

/** A cell as text. `plain` (CSV) keeps numbers as machines read them; otherwise as people read them. */
export const cellText = (cell: Cell, kind: CellKind, style: 'plain' | 'display'): string => {
  if (cell === null || cell === '') return '';
  switch (kind) {
    case 'money':
      return style === 'display' ? groupThousands(String(cell)) : String(cell);
    case 'rate':
      return style === 'display' && typeof cell === 'number' ? `${(cell * 100).toFixed(2)}%` : String(cell);
    case 'instant':
      return typeof cell === 'string' ? beijingTime(cell) : String(cell);
    case 'text':
    case 'integer':
    case 'number':
    case 'score':
    case 'decimal':
      return String(cell);
  }
};

export const isNumericKind = (kind: CellKind): boolean => kind !== 'text' && kind !== 'instant';
