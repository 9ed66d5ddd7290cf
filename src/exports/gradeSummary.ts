import type { SignOffStep } from '../domain/grading/index.js';
import type { Instant, Money, Period } from '../domain/shared/index.js';
import { sheetToCsv } from './csv.js';
import { type Column, type FooterCell, type Sheet } from './sheet.js';
import { sheetToTable } from './table.js';
import { timeCutLines, type TimeCuts } from './timeCuts.js';
import { sheetToXlsx } from './xlsx.js';

/** One row of the 客户等级管理汇总表 (API.md: GET /reports/grade-summary; the grading projection's `GradeSummaryRow`). */
export type GradeSummaryRow = {
  no: number;
  customerId: string;
  customerName: string;
  salespersonId: string;
  /** Shown under 业务员 when known; the id otherwise. */
  salespersonName?: string | null | undefined;
  score: number;
  coefficient: string;
  monthlyAverageSales: Money;
  fulfilmentRate: number;
  grade: string;
  creditLimit: Money;
  remarks: string | readonly string[];
  /** 备注 written by the archive clerk: shown before the generated remarks. */
  note?: string | undefined;
};

/** A signed step; `step` is one of `SignOffStep` (prepared, reviewed, audited, approved). */
export type GradeSummarySignOff = { step: string; signerName: string; at: Instant };

export type GradeSummaryReport = TimeCuts & {
  period: Period;
  rows: readonly GradeSummaryRow[];
  signOffs: readonly GradeSummarySignOff[];
};

export const signOffLabels: Record<SignOffStep, string> = { prepared: '编制', reviewed: '复核', audited: '审核', approved: '审批' };

const columns: Column[] = [
  { header: '序号', kind: 'integer' },
  { header: '客户名称', kind: 'text' },
  { header: '业务员', kind: 'text' },
  { header: '评分', kind: 'score' },
  { header: '等级系数', kind: 'decimal' },
  { header: '月均销售额(元)', kind: 'money' },
  { header: '上期按期信用履约率', kind: 'rate' },
  { header: '客户等级', kind: 'text' },
  { header: '信用额度(元)', kind: 'money' },
  { header: '备注', kind: 'text' },
];

/** The form's sign-off block: every step, signed or blank, with who and when. */
const signOffBlock = (signOffs: readonly GradeSummarySignOff[]): FooterCell[][] =>
  (Object.keys(signOffLabels) as SignOffStep[]).map((step) => {
    const signed = signOffs.findLast((s) => s.step === step);
    return [`${signOffLabels[step]}:`, signed?.signerName ?? '', '时间(北京时间):', signed ? { instant: signed.at } : ''];
  });

export const gradeSummarySheet = (report: GradeSummaryReport): Sheet => ({
  name: '客户等级管理汇总表',
  title: '客户等级管理汇总表',
  meta: [`评估期间: ${report.period}`, ...timeCutLines(report)],
  sections: [
    {
      columns,
      rows: report.rows.map((r) => [
        r.no,
        r.customerName,
        r.salespersonName ?? r.salespersonId,
        r.score,
        r.coefficient,
        r.monthlyAverageSales,
        r.fulfilmentRate,
        r.grade,
        r.creditLimit,
        [r.note ?? '', typeof r.remarks === 'string' ? r.remarks : r.remarks.join('；')].filter((t) => t !== '').join('；'),
      ]),
    },
  ],
  footer: signOffBlock(report.signOffs),
  printTitles: true,
});

export const gradeSummaryCsv = (report: GradeSummaryReport): Buffer => sheetToCsv(gradeSummarySheet(report));
export const gradeSummaryXlsx = (report: GradeSummaryReport): Promise<Buffer> => sheetToXlsx(gradeSummarySheet(report));
export const gradeSummaryTable = (report: GradeSummaryReport): string => sheetToTable(gradeSummarySheet(report));
