import { ArrowLeftOutlined, CheckOutlined, CloseOutlined, PrinterOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, ConfigProvider, Descriptions, Form, Input, Space, Steps, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.js';
import { answered, useProblemText } from '../../api/problems.js';
import { iMayCall } from '../../app/access.js';
import { readSession } from '../../auth/session.js';
import { useLanguage } from '../../i18n/language.js';
import { formatInstant, formatMoney } from '../../shared/format.js';
import { downloadFile } from '../workflow/download.js';
import { fill, isWritten } from '../workflow/text.js';
import { WriteDialog } from '../workflow/WriteDialog.js';
import { type CreditRequest, directionColours, isMyDecision, statusColours } from './queries.js';
import { ToneTag } from '../../shared/ToneTag.js';

const contactText = (c: CreditRequest['customer']['contact']) =>
  c ? [c.name, c.phone, c.mobile, c.email].filter((v) => v !== undefined && v !== '').join('，') : '—';

/**
 * A credit-limit change request as the manual's form (客户信用额度变更申请表): the customer
 * block, the limits, the reason; the chain of 审核意见 as steps; 同意/驳回 for the person
 * whose step it is; 撤回 for the requester; the printable workbook.
 */
export const CreditRequestPage = () => {
  const { id = '' } = useParams();
  const { messages, roleName } = useLanguage();
  const t = messages.credit;
  const { message } = App.useApp();
  const problemText = useProblemText();
  const client = useQueryClient();
  const user = readSession()?.user;
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const found = useQuery({
    queryKey: ['credit-request', id],
    queryFn: async () => {
      const { data, etag } = await answered(api.GET('/credit-requests/{id}', { params: { path: { id } } }));
      return { data: data as CreditRequest, etag };
    },
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['credit-request', id] }).then(() => client.invalidateQueries({ queryKey: ['credit-requests'] }));

  if (found.isError) return <Alert type="error" showIcon message={problemText(found.error)} />;
  if (!found.data) return <Card loading />;
  const { data: request, etag } = found.data;
  const header = etag ? { 'If-Match': etag } : {};
  const mine = user !== undefined && isMyDecision(request, user);
  const mayWithdraw = request.status === 'pending' && user?.id === request.requester.id && iMayCall('POST /credit-requests/{id}/withdrawal');
  const nextIndex = request.nextStep === null ? request.requiredSteps.length : request.decisions.length;

  const print = async () => {
    try {
      await downloadFile(api.GET('/credit-requests/{id}', { params: { path: { id }, query: { format: 'xlsx' } }, parseAs: 'blob' }), `credit-request-${id}.xlsx`);
    } catch (error) {
      message.error(problemText(error));
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/credit">
        <ArrowLeftOutlined /> {t.back}
      </Link>
      <Card
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t.requestTitle}
            </Typography.Title>
            <span data-testid="credit-status">
              <ToneTag tone={statusColours[request.status]}>{t.status[request.status]}</ToneTag>
            </span>
          </Space>
        }
        extra={
          <Button icon={<PrinterOutlined />} onClick={() => void print()}>
            {t.print}
          </Button>
        }
      >
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'at', label: t.requestedAt, children: formatInstant(request.requestedAt) },
            { key: 'customer', label: t.customer, children: <Link to={`/customers/${request.customerId}`}>{request.customer.name}</Link> },
            { key: 'principal', label: t.principal, children: request.customer.salespersonName ?? request.customer.salespersonId },
            { key: 'grade', label: t.grade, children: request.customer.grade ?? '—' },
            { key: 'address', label: t.address, children: request.customer.address ?? '—' },
            { key: 'contact', label: t.contact, children: contactText(request.customer.contact) },
            { key: 'original', label: t.currentLimit, children: formatMoney(request.originalLimit) },
            {
              key: 'proposed',
              label: t.proposedLimit,
              children: (
                <Space>
                  <Typography.Text strong>{formatMoney(request.proposedLimit)}</Typography.Text>
                  <ToneTag tone={directionColours[request.direction]}>{t.direction[request.direction]}</ToneTag>
                </Space>
              ),
            },
            { key: 'reason', label: t.requestReason, span: 2, children: request.reason },
            { key: 'requester', label: t.requester, children: request.requester.name },
            ...(request.effectiveAt ? [{ key: 'effective', label: t.effectiveAt, children: formatInstant(request.effectiveAt) }] : []),
          ]}
        />
      </Card>
      <Card title={t.progress} size="small">
        {/* A rejected step in a red dark enough to read (antd's #ff4d4f is 3.9:1 on white). */}
        <ConfigProvider theme={{ token: { colorError: '#cf1322' } }}>
        <Steps
          direction="vertical"
          current={nextIndex}
          data-testid="credit-steps"
          items={request.requiredSteps.map((role, i) => {
            const d = request.decisions.find((x) => x.step === i + 1);
            return {
              title: `${t.opinion} · ${roleName(role)}`,
              status: d ? (d.decision === 'approve' ? 'finish' : 'error') : request.status === 'pending' && i === nextIndex ? 'process' : 'wait',
              description: d ? (
                <span>
                  {d.approver.name} · <Typography.Text strong>{d.decision === 'approve' ? t.approve : t.reject}</Typography.Text> · {formatInstant(d.decidedAt)}
                  <br />
                  {d.opinion}
                </span>
              ) : request.status === 'pending' && i === nextIndex ? (
                fill(t.waitingFor, { role: roleName(role) })
              ) : undefined,
            };
          })}
        />
        </ConfigProvider>
        {(mine || mayWithdraw) && (
          <Space wrap style={{ marginTop: 12 }}>
            {mine && (
              <>
                <Button type="primary" icon={<CheckOutlined />} onClick={() => setDeciding('approve')}>
                  {t.approve}
                </Button>
                <Button danger icon={<CloseOutlined />} onClick={() => setDeciding('reject')}>
                  {t.reject}
                </Button>
              </>
            )}
            {mayWithdraw && (
              <Button icon={<RollbackOutlined />} onClick={() => setWithdrawing(true)}>
                {t.withdraw}
              </Button>
            )}
          </Space>
        )}
      </Card>
      <WriteDialog<{ opinion: string }, unknown>
        open={deciding !== null}
        onClose={() => setDeciding(null)}
        title={fill(t.decideTitle, { decision: deciding === 'reject' ? t.reject : t.approve, customer: request.customer.name })}
        okText={deciding === 'reject' ? t.reject : t.approve}
        danger={deciding === 'reject'}
        askReason={false}
        submit={({ opinion }, key) =>
          answered(
            api.POST('/credit-requests/{id}/decisions', {
              params: { path: { id }, header },
              headers: { 'Idempotency-Key': key },
              // The opinion is the written reason the API stores with the decision.
              body: { decision: deciding ?? 'approve', opinion: opinion.trim(), reason: opinion.trim() },
            }),
          )
        }
        onDone={() => {
          message.success(t.decided);
          refresh();
        }}
      >
        <Form.Item
          name="opinion"
          label={t.opinion}
          rules={[{ validator: async (_, v: string | undefined) => (isWritten(v) ? undefined : Promise.reject(new Error(t.opinionRequired))) }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </WriteDialog>
      <WriteDialog<object, unknown>
        open={withdrawing}
        onClose={() => setWithdrawing(false)}
        title={t.withdraw}
        danger
        submit={({ reason }, key) =>
          answered(api.POST('/credit-requests/{id}/withdrawal', { params: { path: { id }, header }, headers: { 'Idempotency-Key': key }, body: { reason } }))
        }
        onDone={() => {
          message.success(t.withdrawDone);
          refresh();
        }}
      />
    </Space>
  );
};
