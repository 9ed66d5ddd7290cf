import type { Instant } from '../domain/shared/index.js';
import { sheetToCsv } from './csv.js';
import { beijingTime, type Sheet } from './sheet.js';
import { sheetToTable } from './table.js';
import { timeCutLines, type TimeCuts } from './timeCuts.js';
import { sheetToXlsx } from './xlsx.js';

/** One 违规记录 (时间, 类型, 事件描述) with its customer (API.md: GET /reports/violations). */
export type ViolationRecordRow = {
  customerId: string;
  customerName: string;
  occurredAt: Instant;
  type: string;
  description: string;
};

export type ViolationReport = TimeCuts & {
  from?: Instant | undefined;
  to?: Instant | undefined;
  /** The filters applied, shown on the form. */
  customerName?: string | undefined;
  type?: string | undefined;
  items: readonly ViolationRecordRow[];
};

const filterLines = (r: ViolationReport): string[] => [
  ...(r.from || r.to ? [`期间: ${r.from ? beijingTime(r.from) : '…'} 至 ${r.to ? beijingTime(r.to) : '…'}`] : []),
  ...(r.customerName ? [`客户: ${r.customerName}`] : []),
  ...(r.type ? [`类型: ${r.type}`] : []),
];

export const violationsSheet = (report: ViolationReport): Sheet => ({
  name: '违规记录',
  title: '违规记录',
  meta: [...filterLines(report), ...timeCutLines(report), `共 ${report.items.length} 条`],
  sections: [
    {
      columns: [
        { header: '序号', kind: 'integer' },
        { header: '时间', kind: 'instant' },
        { header: '客户名称', kind: 'text' },
        { header: '类型', kind: 'text' },
        { header: '事件描述', kind: 'text' },
      ],
      rows: report.items.map((v, i) => [i + 1, v.occurredAt, v.customerName, v.type, v.description]),
    },
  ],
  footer: [],
});

export const violationsCsv = (report: ViolationReport): Buffer => sheetToCsv(violationsSheet(report));
export const violationsXlsx = (report: ViolationReport): Promise<Buffer> => sheetToXlsx(violationsSheet(report));
export const violationsTable = (report: ViolationReport): string => sheetToTable(violationsSheet(report));
