import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Timeline, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.js';
import { answered, useProblemText } from '../../api/problems.js';
import { iMayCall } from '../../app/access.js';
import { readSession } from '../../auth/session.js';
import { useLanguage } from '../../i18n/language.js';
import { formatInstant } from '../../shared/format.js';
import { type Complaint, myNextSteps, type StepName } from './flow.js';
import { FlowChart } from './FlowChart.js';
import { StepDialog } from './StepDialog.js';
import { useCustomerName } from './useCustomerName.js';
import { ToneTag } from '../../shared/ToneTag.js';

/** The event types of a complaint's history as the steps' names. */
const eventStep: Record<string, StepName | 'receive' | 'close'> = {
  ComplaintReceived: 'receive',
  ComplaintJudged: 'judge',
  ComplaintAssessed: 'assess',
  ComplaintPlanProposed: 'proposePlan',
  ComplaintOpinionSigned: 'signOpinion',
  ComplaintPlanApproved: 'approve',
  ComplaintNegotiated: 'negotiate',
  ComplaintPlanExecuted: 'execute',
  ComplaintLitigationStarted: 'litigate',
  ComplaintLitigationConcluded: 'concludeLitigation',
  ComplaintReopened: 'reopen',
  ComplaintClosed: 'close',
};

/** What a history entry's data says, in the flow's words (category, outcome, plan, opinion, notes). */
const useDataText = () => {
  const t = useLanguage().messages.complaints;
  return (data: Record<string, unknown>): string => {
    const parts: string[] = [];
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    if (data.category === 'quality' || data.category === 'nonQuality') parts.push(t.category[data.category]);
    if (typeof data.problemFound === 'boolean') parts.push(data.problemFound ? t.fields.problem : t.fields.noProblem);
    if (data.outcome === 'satisfied' || data.outcome === 'notSatisfied') parts.push(t.fields[data.outcome]);
    else if (text(data.outcome)) parts.push(`${t.fields.litigationOutcome}：${text(data.outcome)}`);
    if (text(data.plan)) parts.push(`${t.fields.plan}：${text(data.plan)}`);
    if (Array.isArray(data.departments)) parts.push(data.departments.join('、'));
    if (data.resolution === 'noProblem' || data.resolution === 'planExecuted' || data.resolution === 'litigationConcluded') parts.push(t.resolution[data.resolution]);
    return parts.join('；');
  };
};

/** A complaint: where it stands in the flow ①–⑨, the next steps this person may take, and its history. */
export const ComplaintPage = () => {
  const { id = '' } = useParams();
  const { messages, roleName } = useLanguage();
  const t = messages.complaints;
  const problemText = useProblemText();
  const client = useQueryClient();
  const dataText = useDataText();
  const [step, setStep] = useState<StepName | null>(null);
  const found = useQuery({
    queryKey: ['complaint', id],
    queryFn: async () => {
      const { data, etag } = await answered(api.GET('/complaints/{id}', { params: { path: { id } } }));
      return { data: data as Complaint, etag };
    },
  });
  const customerName = useCustomerName(found.data?.data.customerId);
  if (found.isError) return <Alert type="error" showIcon message={problemText(found.error)} />;
  if (!found.data) return <Card loading />;
  const { data: complaint, etag } = found.data;
  const next = iMayCall('POST /complaints/{id}/steps') ? myNextSteps(complaint, readSession()?.user.roles ?? []) : [];
  const refresh = () => void client.invalidateQueries({ queryKey: ['complaint', id] }).then(() => client.invalidateQueries({ queryKey: ['complaints'] }));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/complaints">
        <ArrowLeftOutlined /> {t.back}
      </Link>
      <Card
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t.detail}
            </Typography.Title>
            <span data-testid="complaint-status">
              <ToneTag tone={complaint.status === 'closed' ? 'good' : 'info'}>{t.status[complaint.status]}</ToneTag>
            </span>
          </Space>
        }
      >
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'customer', label: t.customer, children: <Link to={`/customers/${complaint.customerId}`}>{customerName ?? '…'}</Link> },
            { key: 'received', label: t.receivedAt, children: formatInstant(complaint.receivedAt) },
            { key: 'category', label: t.fields.category, children: complaint.category ? t.category[complaint.category] : t.category.none },
            { key: 'resolution', label: t.status.closed, children: complaint.resolution ? t.resolution[complaint.resolution] : '—' },
            { key: 'description', label: t.description, span: 2, children: complaint.description },
            { key: 'materials', label: t.materials.split('（')[0], span: 2, children: complaint.materials.length > 0 ? complaint.materials.join('；') : '—' },
            ...(complaint.reopenCount > 0 ? [{ key: 'reopens', label: t.reopens, children: complaint.reopenCount }] : []),
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t.flow}>
            <FlowChart complaint={complaint} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={t.nextSteps}>
              {next.length === 0 ? (
                <Typography.Text type="secondary">{complaint.status === 'closed' && complaint.allowedSteps.length === 0 ? t.status.closed : t.noNextStep}</Typography.Text>
              ) : (
                <Space wrap>
                  {next.map((s) => (
                    <Button key={s} type={s === 'reopen' ? 'default' : 'primary'} onClick={() => setStep(s)}>
                      {t.steps[s]}
                    </Button>
                  ))}
                </Space>
              )}
            </Card>
            <Card size="small" title={t.history}>
              <Timeline
                items={complaint.history.map((h) => {
                  const s = eventStep[h.type];
                  const title = s === 'receive' ? t.nodes.receive : s === 'close' ? t.status.closed : s ? t.steps[s] : h.type;
                  const detail = dataText(h.data);
                  return {
                    key: h.version,
                    color: s === 'close' ? 'good' : 'info',
                    children: (
                      <div>
                        <Typography.Text strong>{title}</Typography.Text>
                        {detail && <div>{detail}</div>}
                        <div>
                          <Typography.Text type="secondary">
                            {h.actor.name}（{h.actor.roles.map(roleName).join('、')}）· {formatInstant(h.occurredAt)}
                          </Typography.Text>
                        </div>
                        {h.reason && s !== 'close' && <div>{h.reason}</div>}
                      </div>
                    ),
                  };
                })}
              />
            </Card>
          </Space>
        </Col>
      </Row>
      <StepDialog complaintId={id} step={step} etag={etag} onClose={() => setStep(null)} onDone={refresh} />
    </Space>
  );
};
