import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Dropdown, Empty, Row, Space, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api } from '../../api/client.js';
import { dataOf, useProblemText } from '../../api/problems.js';
import type { components } from '../../api/schema.js';
import { useMessages } from '../../i18n/language.js';
import { dayjs, formatInstant, officeZone } from '../../shared/format.js';
import { downloadFile } from '../workflow/download.js';
import { LazyChart } from '../workflow/LazyChart.js';
import { fill } from '../workflow/text.js';
import type { ComplaintStatus } from './flow.js';

type Stats = components['schemas']['MonthlyComplaintStatistics'];

/** A duration in ms as the office reads it: hours under two days, else days. */
const useDuration = () => {
  const t = useMessages().complaints;
  return (ms: number | null): string => {
    if (ms === null) return '—';
    const hours = ms / 3_600_000;
    return hours < 48 ? fill(t.hours, { n: hours.toFixed(1) }) : fill(t.days, { n: (hours / 24).toFixed(1) });
  };
};

/** ⑨ 月度客诉统计: the month's complaints by kind, outcome, grade and customer, how fast they were handled, and what stayed open. */
export const Statistics = () => {
  const t = useMessages().complaints;
  const { message } = App.useApp();
  const problemText = useProblemText();
  const duration = useDuration();
  const [month, setMonth] = useState(() => dayjs().tz(officeZone).format('YYYY-MM'));
  const stats = useQuery({
    queryKey: ['complaint-statistics', month],
    queryFn: async () => (await dataOf(api.GET('/reports/complaints/monthly', { params: { query: { month } } }))) as Stats,
  });
  const s = stats.data;

  const charts = useMemo(() => {
    if (!s) return null;
    const category = [
      { name: t.category.quality, value: s.byCategory.quality },
      { name: t.category.nonQuality, value: s.byCategory.nonQuality },
      { name: t.category.none, value: s.byCategory.notJudged },
    ];
    const outcomes = (['noProblem', 'satisfied', 'litigation', 'stillOpen'] as const).map((k) => ({ name: t.outcome[k], value: s.byOutcome[k] }));
    const gradesShown = Object.keys(s.byGrade).sort();
    return {
      category: {
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [{ type: 'pie', radius: ['35%', '65%'], data: category, label: { formatter: '{b}：{c}' } }],
      },
      outcome: {
        tooltip: { trigger: 'axis' },
        grid: { left: 40, right: 16, top: 16, bottom: 32 },
        xAxis: { type: 'category', data: outcomes.map((o) => o.name) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: outcomes.map((o) => o.value), itemStyle: { color: '#1677ff' }, label: { show: true, position: 'top' } }],
      },
      grade: {
        tooltip: { trigger: 'axis' },
        grid: { left: 40, right: 16, top: 16, bottom: 32 },
        xAxis: { type: 'category', data: gradesShown.map((g) => (g === 'ungraded' ? t.ungraded : `${g} 类`)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: gradesShown.map((g) => s.byGrade[g] ?? 0), itemStyle: { color: '#fa8c16' }, label: { show: true, position: 'top' } }],
      },
    };
  }, [s, t]);

  const download = async (format: 'xlsx' | 'csv') => {
    try {
      await downloadFile(api.GET('/reports/complaints/monthly', { params: { query: { month, format } }, parseAs: 'blob' }), `月度客诉统计-${month}.${format}`);
    } catch (error) {
      message.error(problemText(error));
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <label htmlFor="complaints-month">{t.month}</label>
        <DatePicker
          id="complaints-month"
          picker="month"
          allowClear={false}
          format="YYYY年MM月"
          value={dayjs(`${month}-01`)}
          disabledDate={(d) => d.format('YYYY-MM') > dayjs().tz(officeZone).format('YYYY-MM')}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        />
        <Dropdown
          menu={{
            items: [
              { key: 'xlsx', label: 'Excel（.xlsx）' },
              { key: 'csv', label: 'CSV（.csv）' },
            ],
            onClick: ({ key }) => void download(key as 'xlsx' | 'csv'),
          }}
        >
          <Button icon={<DownloadOutlined />}>{t.download}</Button>
        </Dropdown>
      </Space>
      {stats.isError && <Alert type="error" showIcon message={problemText(stats.error)} />}
      {!s || !charts ? (
        <Card loading />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t.receivedCount} value={s.received} suffix="件" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={`${t.firstResponse} · ${t.median}`} value={duration(s.timeToFirstResponse.medianMs)} />
                <Typography.Text type="secondary">
                  {t.p90} {duration(s.timeToFirstResponse.p90Ms)} · {t.awaiting} {s.timeToFirstResponse.awaiting}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={`${t.timeToClose} · ${t.median}`} value={duration(s.timeToClose.medianMs)} />
                <Typography.Text type="secondary">
                  {t.p90} {duration(s.timeToClose.p90Ms)} · {s.timeToClose.count} 件
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t.reopens} value={s.reopens} suffix="次" />
              </Card>
            </Col>
          </Row>
          {s.received === 0 ? (
            <Empty description={`${month} · ${t.receivedCount} 0`} />
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={8}>
                <Card size="small" title={t.byCategory}>
                  <LazyChart option={charts.category} label={`${t.byCategory} ${month}`} height={260} />
                </Card>
              </Col>
              <Col xs={24} lg={8}>
                <Card size="small" title={t.byOutcome}>
                  <LazyChart option={charts.outcome} label={`${t.byOutcome} ${month}`} height={260} />
                </Card>
              </Col>
              <Col xs={24} lg={8}>
                <Card size="small" title={t.byGrade}>
                  <LazyChart option={charts.grade} label={`${t.byGrade} ${month}`} height={260} />
                </Card>
              </Col>
            </Row>
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card size="small" title={t.byCustomer}>
                <Table
                  size="small"
                  rowKey="customerId"
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  dataSource={s.byCustomer}
                  columns={[
                    { title: t.customerName, render: (_, c) => c.customerName ?? c.customerId },
                    { title: t.count, dataIndex: 'count', align: 'right' },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={t.backlog}>
                <Table
                  size="small"
                  rowKey="complaintId"
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  dataSource={s.backlog}
                  columns={[
                    { title: t.customerName, render: (_, b) => b.customerName ?? b.customerId },
                    { title: t.receivedAt, render: (_, b) => formatInstant(b.receivedAt) },
                    { title: t.current, render: (_, b) => t.status[b.status as ComplaintStatus] },
                    { title: t.age, align: 'right', render: (_, b) => duration(b.ageMs) },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
};
