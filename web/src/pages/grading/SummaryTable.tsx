import { EditOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api } from '../../api/client.js';
import { answered } from '../../api/problems.js';
import { useMessages } from '../../i18n/language.js';
import { formatMoney } from '../../shared/format.js';
import { fill, formatRate } from '../workflow/text.js';
import { WriteDialog } from '../workflow/WriteDialog.js';
import { gradeColours, type GradeSummary, summaryKey, type SummaryRow } from './queries.js';
import { ToneTag } from '../../shared/ToneTag.js';

/**
 * 客户等级管理汇总表 as the manual lays it out. Virtualised (antd Table `virtual`): a
 * group's 10,000 customers scroll without 10,000 rows in the page. 备注 is editable by
 * the archive clerk until 编制 is signed.
 */
export const SummaryTable = ({
  summary,
  etag,
  mayWriteNotes,
  onWritten,
}: {
  summary: GradeSummary;
  etag: string | null;
  mayWriteNotes: boolean;
  onWritten(): void;
}) => {
  const t = useMessages().grading;
  const { message } = App.useApp();
  const client = useQueryClient();
  const [editing, setEditing] = useState<SummaryRow | null>(null);
  const editable = mayWriteNotes && summary.status === 'open';

  const columns = useMemo<ColumnsType<SummaryRow>>(
    () => [
      { title: t.columns.no, dataIndex: 'no', width: 60, fixed: 'left' },
      { title: t.columns.customer, dataIndex: 'customerName', width: 200, fixed: 'left' },
      {
        title: t.columns.salesperson,
        width: 110,
        // The staff directory's name; the id when the person is not listed.
        render: (_, r) => r.salespersonName ?? r.salespersonId,
      },
      { title: t.columns.score, dataIndex: 'score', width: 64, align: 'right' },
      { title: t.columns.coefficient, dataIndex: 'coefficient', width: 84, align: 'right' },
      { title: t.columns.monthlyAverageSales, dataIndex: 'monthlyAverageSales', width: 140, align: 'right', render: (v: string) => formatMoney(v) },
      { title: t.columns.fulfilmentRate, dataIndex: 'fulfilmentRate', width: 130, align: 'right', render: (v: number) => formatRate(v) },
      {
        title: t.columns.grade,
        dataIndex: 'grade',
        width: 80,
        align: 'center',
        render: (g: SummaryRow['grade'], r) => (
          <ToneTag tone={gradeColours[g]}>
            {g}
            {r.vip ? ' VIP' : ''}
          </ToneTag>
        ),
      },
      { title: t.columns.creditLimit, dataIndex: 'creditLimit', width: 140, align: 'right', render: (v: string) => formatMoney(v) },
      {
        title: t.columns.remarks,
        width: 200,
        render: (_, r) => (
          <span data-testid={`note-${r.no}`}>
            {r.note && <Typography.Text>{r.note}</Typography.Text>}
            {r.note && r.remarks && '；'}
            {r.remarks && <Typography.Text type="secondary">{r.remarks}</Typography.Text>}
            {editable && (
              <Button type="link" size="small" icon={<EditOutlined />} aria-label={`${t.editNote}：${r.customerName}`} onClick={() => setEditing(r)} />
            )}
          </span>
        ),
      },
    ],
    [t, editable],
  );

  return (
    <>
      <Table<SummaryRow>
        virtual
        size="small"
        bordered
        rowKey="customerId"
        columns={columns}
        dataSource={summary.rows}
        pagination={false}
        scroll={{ x: 1208, y: 520 }}
        // The empty text in the body's colour: antd's default grey fails AA contrast.
        locale={{ emptyText: <Typography.Text>{t.empty}</Typography.Text> }}
        data-testid="grade-summary-table"
      />
      <WriteDialog<{ text: string }, { data: { customerId: string; note: string }; etag: string | null }>
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={fill(t.noteTitle, { customer: editing?.customerName ?? '' })}
        initialValues={{ text: editing?.note ?? '' }}
        submit={({ text, reason }, key) =>
          answered(
            api.PUT('/reports/grade-summary/{period}/notes/{customerId}', {
              params: { path: { period: summary.period, customerId: editing?.customerId ?? '' }, header: etag ? { 'If-Match': etag } : {} },
              headers: { 'Idempotency-Key': key },
              body: { text: text ?? '', reason },
            }),
          )
        }
        onDone={(written) => {
          message.success(t.noteDone);
          // The row shows the note the server answered at once (and the period's new ETag), before the summary is read again.
          client.setQueryData<{ data: GradeSummary; etag: string | null }>(summaryKey(summary.period), (old) =>
            old && {
              data: { ...old.data, rows: old.data.rows.map((r) => (r.customerId === written.data.customerId ? { ...r, note: written.data.note } : r)) },
              etag: written.etag ?? old.etag,
            },
          );
          onWritten();
        }}
      >
        <Form.Item name="text" label={t.note}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </WriteDialog>
    </>
  );
};
