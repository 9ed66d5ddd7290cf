import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import { useMessages } from '../../i18n/language.js';
import { dayjs } from '../../shared/format.js';
import { LazyChart } from '../workflow/LazyChart.js';
import { fill } from '../workflow/text.js';
import { type GradeSummary, grades, useGradeSummary } from './queries.js';

const countByGrade = (summary: GradeSummary | undefined) => grades.map((g) => summary?.rows.filter((r) => r.grade === g).length ?? 0);

/** 等级分布: how many customers each grade holds this period, beside the period before. */
export const GradeChart = ({ summary }: { summary: GradeSummary }) => {
  const t = useMessages().grading;
  const previousPeriod = dayjs(`${summary.period}-01`).subtract(1, 'month').format('YYYY-MM');
  const previous = useGradeSummary(previousPeriod);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 24, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: grades.map((g) => `${g} 类`) },
      yAxis: { type: 'value', name: t.chartCustomers, minInterval: 1 },
      series: [
        { name: fill(t.chartPrevious, { period: previousPeriod }), type: 'bar', data: countByGrade(previous.data?.data), itemStyle: { color: '#bfbfbf' } },
        { name: fill(t.chartCurrent, { period: summary.period }), type: 'bar', data: countByGrade(summary), itemStyle: { color: '#1677ff' }, label: { show: true, position: 'top' } },
      ],
    }),
    [summary, previous.data, previousPeriod, t],
  );
  return (
    <Card size="small" title={`${t.chart} · ${summary.period}`}>
      {summary.rows.length === 0 ? <Empty description={t.empty} /> : <LazyChart option={option} label={`${t.chart} ${summary.period}`} />}
    </Card>
  );
};
