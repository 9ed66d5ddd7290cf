import { DownloadOutlined, PlayCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Dropdown, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.js';
import { answered, useProblemText } from '../../api/problems.js';
import { iMayCall } from '../../app/access.js';
import { useMessages } from '../../i18n/language.js';
import { dayjs, officeZone } from '../../shared/format.js';
import { downloadFile } from '../workflow/download.js';
import { fill } from '../workflow/text.js';
import { WriteDialog } from '../workflow/WriteDialog.js';
import { FiguresImport } from './FiguresImport.js';
import { GradeChart } from './GradeChart.js';
import { PolicyPanel } from './PolicyPanel.js';
import { useGradeSummary, useRefreshPeriod } from './queries.js';
import { SignOffs } from './SignOffs.js';
import { SummaryTable } from './SummaryTable.js';
import { ToneTag } from '../../shared/ToneTag.js';

const periodPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month in Beijing now: the period the office is working on. */
const thisPeriod = () => dayjs().tz(officeZone).format('YYYY-MM');

/**
 * 等级评估: a period's 客户等级管理汇总表 — its figures imported, graded, annotated (备注),
 * signed off in four steps and downloaded — with the grade distribution and the policy.
 */
export const GradingPage = () => {
  const t = useMessages().grading;
  const { message } = App.useApp();
  const problemText = useProblemText();
  const [search, setSearch] = useSearchParams();
  const asked = search.get('period') ?? '';
  const period = periodPattern.test(asked) ? asked : thisPeriod();
  const summary = useGradeSummary(period);
  const refresh = useRefreshPeriod();
  const [importing, setImporting] = useState(false);
  const [running, setRunning] = useState(false);
  const mayImport = iMayCall('POST /customers/{id}/monthly-figures');
  const mayRun = iMayCall('POST /grading/periods/{period}/run');
  const mayWriteNotes = iMayCall('PUT /reports/grade-summary/{period}/notes/{customerId}');
  const etag = summary.data?.etag ?? null;
  const current = summary.data?.data;

  const download = async (format: 'xlsx' | 'csv') => {
    try {
      await downloadFile(api.GET('/reports/grade-summary', { params: { query: { period, format } }, parseAs: 'blob' }), `客户等级管理汇总表-${period}.${format}`);
    } catch (error) {
      message.error(problemText(error));
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t.summary}
            </Typography.Title>
            {current && <ToneTag tone={current.status === 'frozen' ? 'good' : current.status === 'signingOff' ? 'info' : 'neutral'}>{t.status[current.status]}</ToneTag>}
          </Space>
        }
        extra={
          <Space wrap>
            <label htmlFor="grading-period">{t.period}</label>
            <DatePicker
              id="grading-period"
              picker="month"
              allowClear={false}
              value={dayjs(`${period}-01`)}
              format="YYYY年MM月"
              disabledDate={(d) => d.format('YYYY-MM') > thisPeriod()}
              onChange={(d) => d && setSearch({ period: d.format('YYYY-MM') })}
            />
          </Space>
        }
      >
        <Space wrap>
          {mayImport && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              {t.importFigures}
            </Button>
          )}
          {mayRun && current?.status !== 'frozen' && (
            <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setRunning(true)}>
              {t.run}
            </Button>
          )}
          <Dropdown
            menu={{
              items: [
                { key: 'xlsx', label: t.xlsx },
                { key: 'csv', label: t.csv },
              ],
              onClick: ({ key }) => void download(key as 'xlsx' | 'csv'),
            }}
            disabled={!current || current.rows.length === 0}
          >
            <Button icon={<DownloadOutlined />}>{t.download}</Button>
          </Dropdown>
          {current && <Typography.Text type="secondary">{fill(t.rows, { n: current.rows.length })}</Typography.Text>}
        </Space>
      </Card>

      {summary.isError && <Alert type="error" showIcon message={problemText(summary.error)} />}
      {current && <SignOffs summary={current} etag={etag} onSigned={() => void refresh(period)} />}

      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'summary',
            label: t.summary,
            children: current ? (
              <SummaryTable summary={current} etag={etag} mayWriteNotes={mayWriteNotes} onWritten={() => void refresh(period)} />
            ) : (
              <Card loading />
            ),
          },
          { key: 'chart', label: t.chart, children: current ? <GradeChart summary={current} /> : <Card loading /> },
          { key: 'policy', label: t.policy, children: <PolicyPanel period={period} /> },
        ]}
      />

      {mayImport && <FiguresImport open={importing} onClose={() => setImporting(false)} onImported={() => void refresh(period)} />}
      <WriteDialog<object, { graded: number; unchanged: number | null; signOffsVoided: boolean }>
        open={running}
        onClose={() => setRunning(false)}
        title={`${t.run}：${period}`}
        okText={t.run}
        submit={async ({ reason }, key) =>
          (
            await answered(
              api.POST('/grading/periods/{period}/run', {
                params: { path: { period }, header: etag ? { 'If-Match': etag } : {} },
                headers: { 'Idempotency-Key': key },
                body: { reason },
              }),
            )
          ).data
        }
        onDone={(r) => {
          message.success(fill(t.runDone, { graded: r.graded, unchanged: r.unchanged ?? 0 }));
          if (r.signOffsVoided) message.warning(t.runVoided);
          void refresh(period);
        }}
      />
    </Space>
  );
};
