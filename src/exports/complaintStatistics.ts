import type { ComplaintStatus, MonthlyComplaintStatistics } from '../domain/complaint/index.js';
import { sheetToCsv } from './csv.js';
import type { Cell, Sheet } from './sheet.js';
import { sheetToTable } from './table.js';
import { timeCutLines, type TimeCuts } from './timeCuts.js';
import { sheetToXlsx } from './xlsx.js';

/** 月度客诉统计 (⑨) with the names of the customers it counts. */
export type ComplaintStatisticsReport = TimeCuts & {
  statistics: MonthlyComplaintStatistics;
  customerNames: Readonly<Record<string, string>>;
};

export const complaintStatusLabels: Record<ComplaintStatus, string> = {
  notReceived: '未受理',
  received: '已受理',
  judged: '已判断',
  assessed: '已初步判断',
  planProposed: '已提出处理方案',
  opinionSigned: '已签署意见',
  approved: '已审批',
  negotiating: '协商中',
  customerSatisfied: '客户满意',
  inLitigation: '诉讼中',
  closed: '已结案',
  reopened: '已重开',
};

const hours = (ms: number | null): Cell => (ms === null ? null : Math.round(ms / 36_000) / 100);
const days = (ms: number): number => Math.floor(ms / 86_400_000);

export const complaintStatisticsSheet = ({ statistics: s, customerNames, ...cuts }: ComplaintStatisticsReport): Sheet => {
  const name = (id: string) => customerNames[id] ?? id;
  const figures: [string, Cell][] = [
    ['本月受理投诉', s.received],
    ['质量问题', s.byCategory.quality],
    ['非质量问题', s.byCategory.nonQuality],
    ['尚未判断', s.byCategory.notJudged],
    ['无问题结案', s.byOutcome.noProblem],
    ['协商满意结案', s.byOutcome.satisfied],
    ['诉讼结案', s.byOutcome.litigation],
    ['月末未结', s.byOutcome.stillOpen],
    ['首次响应时间中位数(小时)', hours(s.timeToFirstResponse.medianMs)],
    ['首次响应时间P90(小时)', hours(s.timeToFirstResponse.p90Ms)],
    ['月末仍待首次响应', s.timeToFirstResponse.awaiting],
    ['本月结案数', s.timeToClose.count],
    ['结案时间中位数(小时)', hours(s.timeToClose.medianMs)],
    ['结案时间P90(小时)', hours(s.timeToClose.p90Ms)],
    ['本月重开次数', s.reopens],
    ...Object.entries(s.byGrade)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([grade, n]): [string, Cell] => [grade === 'ungraded' ? '未评级客户投诉' : `${grade}级客户投诉`, n]),
  ];
  return {
    name: '月度客诉统计',
    title: '月度客诉统计',
    meta: [`月份: ${s.month}`, ...timeCutLines(cuts)],
    sections: [
      { heading: '汇总', columns: [{ header: '项目', kind: 'text' }, { header: '数值', kind: 'number' }], rows: figures },
      {
        heading: '按客户',
        columns: [{ header: '客户名称', kind: 'text' }, { header: '投诉数', kind: 'integer' }],
        rows: s.byCustomer.map((c) => [name(c.customerId), c.count]),
      },
      {
        heading: '月末未结投诉',
        columns: [
          { header: '客户名称', kind: 'text' },
          { header: '状态', kind: 'text' },
          { header: '受理时间', kind: 'instant' },
          { header: '已历天数', kind: 'integer' },
        ],
        rows: s.backlog.map((b) => [name(b.customerId), complaintStatusLabels[b.status], b.receivedAt, days(b.ageMs)]),
      },
    ],
    footer: [],
  };
};

export const complaintStatisticsCsv = (report: ComplaintStatisticsReport): Buffer => sheetToCsv(complaintStatisticsSheet(report));
export const complaintStatisticsXlsx = (report: ComplaintStatisticsReport): Promise<Buffer> => sheetToXlsx(complaintStatisticsSheet(report));
export const complaintStatisticsTable = (report: ComplaintStatisticsReport): string => sheetToTable(complaintStatisticsSheet(report));
