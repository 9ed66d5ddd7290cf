import type { Period } from '../domain/shared/index.js';
import { sheetToCsv } from './csv.js';
import type { Sheet } from './sheet.js';
import { timeCutLines, type TimeCuts } from './timeCuts.js';
import { sheetToXlsx } from './xlsx.js';

/** One customer's grade beside the previous period's (API.md v1.1: GET /reports/grade-changes). */
export type GradeChangeReportRow = {
  no: number;
  customerName: string;
  salespersonId: string;
  /** Shown under 业务员 when known; the id otherwise. */
  salespersonName?: string | null | undefined;
  previousGrade: string | null;
  grade: string;
  direction: 'up' | 'down' | 'same' | 'new';
};

export type GradeChangeReport = TimeCuts & { period: Period; previousPeriod: Period; rows: readonly GradeChangeReportRow[] };

export const directionLabels: Record<GradeChangeReportRow['direction'], string> = { up: '升级', down: '降级', same: '不变', new: '新评' };

export const gradeChangesSheet = (report: GradeChangeReport): Sheet => ({
  name: '客户等级升降级',
  title: '客户等级升降级',
  meta: [`评估期间: ${report.period}（上期: ${report.previousPeriod}）`, ...timeCutLines(report)],
  sections: [
    {
      columns: [
        { header: '序号', kind: 'integer' },
        { header: '客户名称', kind: 'text' },
        { header: '业务员', kind: 'text' },
        { header: '上期等级', kind: 'text' },
        { header: '本期等级', kind: 'text' },
        { header: '升/降级', kind: 'text' },
      ],
      rows: report.rows.map((r) => [r.no, r.customerName, r.salespersonName ?? r.salespersonId, r.previousGrade ?? '', r.grade, directionLabels[r.direction]]),
    },
  ],
  footer: [],
  printTitles: true,
});

export const gradeChangesCsv = (report: GradeChangeReport): Buffer => sheetToCsv(gradeChangesSheet(report));
export const gradeChangesXlsx = (report: GradeChangeReport): Promise<Buffer> => sheetToXlsx(gradeChangesSheet(report));
