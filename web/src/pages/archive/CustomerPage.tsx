import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Flex, List, Space, Spin, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.js';
import { useProblemText } from '../../api/problems.js';
import { iMayCall } from '../../app/access.js';
import { useMessages } from '../../i18n/language.js';
import { formatInstant, officeInstant } from '../../shared/format.js';
import { ToneTag } from '../../shared/ToneTag.js';
import { archiveSections, type Customer, differs } from './archiveFields.js';
import { ArchiveValue } from './ArchiveValue.js';
import { archiveText } from './archiveText.js';
import { downloadFile } from '../workflow/download.js';
import { AddEvaluation } from './AddEvaluation.js';
import { EditArchive } from './EditArchive.js';
import { RecordViolation } from './RecordViolation.js';
import { useCustomer } from './useCustomer.js';

type Contact = Customer['contacts'][number];

/**
 * One customer's archive, laid out like 客户档案表, with its contacts, 违规记录 and 客户评价.
 * The time machine (asOf: effective time, knownAt: record time) shows it as it was and
 * marks each field that differs from now.
 */
export const CustomerPage = () => {
  const { id = '' } = useParams();
  const m = useMessages();
  const t = m.archive;
  const problemText = useProblemText();
  const { message } = App.useApp();
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [knownAt, setKnownAt] = useState<Dayjs | null>(null);
  const [editing, setEditing] = useState(false);
  // The dialog open on the page: 登记违规 or 添加评价 (each for the posts its route allows).
  const [recording, setRecording] = useState<'violation' | 'evaluation' | null>(null);
  const travelling = asOf !== null || knownAt !== null;
  const now = useCustomer(id);
  const at = travelling ? { ...(asOf ? { asOf: officeInstant(asOf) } : {}), ...(knownAt ? { knownAt: officeInstant(knownAt) } : {}) } : undefined;
  const past = useCustomer(id, at);
  const shown = travelling ? past : now;

  if (now.isPending) return <Spin />;
  if (now.isError) return <Alert type="error" showIcon message={problemText(now.error)} />;
  const current = now.data.data;
  const customer = shown.data?.data;

  // The form as shown: at the time machine's point when it is set.
  const print = async () => {
    try {
      await downloadFile(api.GET('/customers/{id}', { params: { path: { id }, query: { format: 'xlsx', ...at } }, parseAs: 'blob' }), `客户档案表-${id}.xlsx`);
    } catch (error) {
      message.error(problemText(error));
    }
  };

  const field = (f: (typeof archiveSections)[number]['fields'][number]) => {
    const changed = travelling && customer ? differs(customer, current, f) : false;
    return {
      key: f,
      label: m.fields[f],
      children: customer ? (
        <Space direction="vertical" size={2}>
          <ArchiveValue customer={customer} field={f} />
          {changed ? (
            <span data-testid={`differs-${f}`}>
              <ToneTag tone="warn">{t.differsFromNow}</ToneTag>
              <Typography.Text type="secondary">
                {t.nowValue}
                {archiveText(m, current, f)}
              </Typography.Text>
            </span>
          ) : null}
        </Space>
      ) : (
        '—'
      ),
    };
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <h1 style={{ fontSize: 18, margin: 0 }}>
            {t.formTitle}：{current.name}
          </h1>
        }
        extra={
          <Space wrap>
            {iMayCall('GET /customers/{id}/history') ? <Link to={`/audit/${id}`}>{t.audit}</Link> : null}
            <Button onClick={() => void print()}>{t.print}</Button>
            {iMayCall('PATCH /customers/{id}') ? (
              <Button type="primary" onClick={() => setEditing(true)} disabled={travelling}>
                {t.edit}
              </Button>
            ) : null}
          </Space>
        }
      >
        <Flex wrap gap="middle" align="center" style={{ marginBottom: 16 }} role="group" aria-label={t.timeMachine}>
          <Typography.Text strong>{t.timeMachine}</Typography.Text>
          <label>
            {t.asOf}{' '}
            <DatePicker aria-label={t.asOf} showTime format="YYYY-MM-DD HH:mm:ss" value={asOf} onChange={setAsOf} placeholder={t.now} />
          </label>
          <label>
            {t.knownAt}{' '}
            <DatePicker aria-label={t.knownAt} showTime format="YYYY-MM-DD HH:mm:ss" value={knownAt} onChange={setKnownAt} placeholder={t.now} />
          </label>
          {travelling ? (
            <Button
              onClick={() => {
                setAsOf(null);
                setKnownAt(null);
              }}
            >
              {t.now}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t.timeMachineHint}</Typography.Text>
          )}
        </Flex>
        {travelling ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t.asOfShown.replace('{asOf}', asOf ? asOf.format('YYYY-MM-DD HH:mm:ss') : t.now).replace('{knownAt}', knownAt ? knownAt.format('YYYY-MM-DD HH:mm:ss') : t.now)}
          />
        ) : null}
        {shown.isError ? <Alert type="error" showIcon message={problemText(shown.error)} style={{ marginBottom: 16 }} /> : null}
        {shown.isFetching && !customer ? <Spin /> : null}
        {archiveSections.map((section) => (
          <Descriptions key={section.key} bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} items={section.fields.map(field)} style={{ marginBottom: 12 }} />
        ))}
        {customer ? (
          <Descriptions
            size="small"
            column={{ xs: 1, md: 4 }}
            items={[
              { key: 'approval', label: t.approval, children: t.approvals[customer.approval] },
              { key: 'enteredAt', label: t.enteredAt, children: formatInstant(customer.enteredAt) },
              { key: 'activeSince', label: t.activeSince, children: formatInstant(customer.activeSince) },
              { key: 'version', label: t.version, children: customer.version },
            ]}
          />
        ) : null}
      </Card>
      {customer ? (
        <>
          <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.contacts}</h2>}>
            <Table<Contact>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={customer.contacts}
              columns={[
                { title: m.fields.category, dataIndex: 'category', render: (c: Contact['category']) => t.contactCategories[c] },
                { title: m.fields.personName, dataIndex: 'name', render: (v: string | null) => v ?? '—' },
                { title: m.fields.departmentAndTitle, dataIndex: 'departmentAndTitle', render: (v?: string | null) => v ?? '—' },
                { title: m.fields.phone, dataIndex: 'phone', render: (v?: string | null) => v ?? '—' },
                { title: m.fields.mobile, dataIndex: 'mobile', render: (v?: string | null) => v ?? '—' },
                { title: m.fields.email, dataIndex: 'email', render: (v?: string | null) => v ?? '—' },
              ]}
            />
          </Card>
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.violations}</h2>}
            extra={
              iMayCall('POST /customers/{id}/violations') ? (
                <Button onClick={() => setRecording('violation')} disabled={travelling}>
                  {t.recordViolation}
                </Button>
              ) : null
            }
          >
            <Table
              rowKey={(v) => `${v.occurredAt}-${v.type}`}
              size="small"
              pagination={false}
              locale={{ emptyText: <Typography.Text type="secondary">{t.noViolations}</Typography.Text> }}
              dataSource={customer.violations}
              columns={[
                { title: t.occurredAt, dataIndex: 'occurredAt', render: (v: string) => formatInstant(v) },
                { title: t.violationType, dataIndex: 'type' },
                { title: t.description, dataIndex: 'description' },
              ]}
            />
          </Card>
          <Card
            title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.evaluations}</h2>}
            extra={
              iMayCall('POST /customers/{id}/evaluations') ? (
                <Button onClick={() => setRecording('evaluation')} disabled={travelling}>
                  {t.addEvaluation}
                </Button>
              ) : null
            }
          >
            {customer.evaluations.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Typography.Text type="secondary">{t.noEvaluations}</Typography.Text>} />
            ) : (
              <List
                dataSource={customer.evaluations}
                renderItem={(e) => (
                  <List.Item>
                    <List.Item.Meta title={`${e.evaluatorName} · ${formatInstant(e.at)}`} description={e.text} />
                  </List.Item>
                )}
              />
            )}
          </Card>
        </>
      ) : null}
      {editing ? <EditArchive customer={current} etag={now.data.etag} open={editing} onClose={() => setEditing(false)} /> : null}
      <RecordViolation customerId={id} etag={now.data.etag} open={recording === 'violation'} onClose={() => setRecording(null)} />
      <AddEvaluation customerId={id} etag={now.data.etag} open={recording === 'evaluation'} onClose={() => setRecording(null)} />
    </Space>
  );
};
