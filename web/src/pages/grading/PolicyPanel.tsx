import { Alert, App, Button, Card, Descriptions, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client.js';
import { answered, dataOf, useProblemText } from '../../api/problems.js';
import type { components } from '../../api/schema.js';
import { iMayCall } from '../../app/access.js';
import { useMessages } from '../../i18n/language.js';
import { formatMoney } from '../../shared/format.js';
import { fill } from '../workflow/text.js';
import { WriteDialog } from '../workflow/WriteDialog.js';
import { type Grade, gradeColours, grades } from './queries.js';
import { ToneTag } from '../../shared/ToneTag.js';

type PolicyView = components['schemas']['GradingPolicyView'];
type Policy = Omit<PolicyView, 'version' | 'status'>;
type Simulation = components['schemas']['PolicySimulation'];
type Band = { from: number; grade: Grade };
type Draft = { bands: Band[]; coefficients: Record<Grade, string> };

const draftOf = (p: PolicyView): Draft => ({
  bands: [...p.bands].sort((a, b) => b.from - a.from).map(({ from, grade }) => ({ from, grade })),
  coefficients: Object.fromEntries(grades.map((g) => [g, p.grades[g].coefficient])) as Record<Grade, string>,
});

/** The draft as a whole policy: each band ends where the next higher one starts, the top one at 100. */
export const policyOf = ({ version: _version, status: _status, ...base }: PolicyView, draft: Draft): Policy => {
  const ascending = [...draft.bands].sort((a, b) => a.from - b.from);
  return {
    ...base,
    bands: ascending.map((b, i) => ({ from: b.from, to: ascending[i + 1]?.from ?? 100, grade: b.grade })),
    grades: Object.fromEntries(grades.map((g) => [g, { ...base.grades[g], coefficient: draft.coefficients[g] }])) as Policy['grades'],
  };
};

const policyKey = ['grading-policy'] as const;

/**
 * The policy in force (分数段, 等级系数, 评分卡) and a draft tried on the period: which
 * customers would change grade, and the totals per grade (POST /grading/policy/simulations,
 * nothing recorded). The sales admin manager may publish the draft, with the reason.
 */
export const PolicyPanel = ({ period }: { period: string }) => {
  const t = useMessages().grading;
  const problemText = useProblemText();
  const { message } = App.useApp();
  const client = useQueryClient();
  const policy = useQuery({ queryKey: policyKey, queryFn: () => answered(api.GET('/grading/policy')) });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [publishing, setPublishing] = useState(false);
  const maySimulate = iMayCall('POST /grading/policy/simulations');
  const mayPublish = iMayCall('PUT /grading/policy');

  useEffect(() => {
    if (policy.data) setDraft(draftOf(policy.data.data));
  }, [policy.data]);

  const simulation = useMutation({
    mutationFn: (p: Policy) => dataOf(api.POST('/grading/policy/simulations', { body: { period, policy: p } })),
  });

  const view = policy.data?.data;
  const changed = useMemo(() => (simulation.data?.rows ?? []).filter((r) => r.current.grade !== r.simulated.grade || r.current.creditLimit !== r.simulated.creditLimit), [simulation.data]);

  if (policy.isError) return <Alert type="error" showIcon message={problemText(policy.error)} />;
  if (!view || !draft) return <Card loading />;

  const ascending = [...draft.bands].sort((a, b) => a.from - b.from);
  const upper = (band: Band) => ascending[ascending.indexOf(band) + 1]?.from ?? 100;
  const setBand = (i: number, from: number | null) =>
    setDraft({ ...draft, bands: draft.bands.map((b, j) => (j === i ? { ...b, from: from ?? b.from } : b)) });
  const editable = maySimulate || mayPublish;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space>
            {fill(t.policyVersion, { version: view.version })}
            <ToneTag tone="neutral">{view.status === 'builtIn' ? t.builtIn : t.published}</ToneTag>
          </Space>
        }
      >
        {editable && <Typography.Paragraph type="secondary">{t.simulateHint}</Typography.Paragraph>}
        <Table<Band>
          size="small"
          bordered
          pagination={false}
          rowKey={(b) => `${b.grade}-${draft.bands.indexOf(b)}`}
          dataSource={draft.bands}
          columns={[
            {
              title: t.columns.grade,
              dataIndex: 'grade',
              render: (g: Grade) => (
                <Space>
                  <ToneTag tone={gradeColours[g]}>{g}</ToneTag>
                  {view.grades[g].label}
                </Space>
              ),
            },
            {
              title: t.bandFrom,
              render: (_, b, i) =>
                editable && b.from !== 0 ? (
                  <InputNumber aria-label={`${b.grade} ${t.bandFrom}`} min={1} max={100} value={b.from} onChange={(v) => setBand(i, v)} />
                ) : (
                  b.from
                ),
            },
            { title: t.bandTo, render: (_, b) => upper(b) },
            {
              title: t.coefficient,
              render: (_, b) =>
                editable ? (
                  <Input
                    aria-label={`${b.grade} ${t.coefficient}`}
                    style={{ width: 90 }}
                    value={draft.coefficients[b.grade]}
                    onChange={(e) => setDraft({ ...draft, coefficients: { ...draft.coefficients, [b.grade]: e.target.value.trim() } })}
                  />
                ) : (
                  view.grades[b.grade].coefficient
                ),
            },
            { title: t.vip, render: (_, b) => (view.grades[b.grade].vip ? '是' : '') },
          ]}
        />
        <Descriptions size="small" style={{ marginTop: 12 }} column={1} items={[{ key: 'window', label: t.columns.monthlyAverageSales, children: fill(t.salesWindow, { n: view.salesWindow.periods }) }]} />
        <Typography.Title level={5} style={{ marginTop: 12 }}>
          {t.scorecard}
        </Typography.Title>
        <Table
          size="small"
          bordered
          pagination={false}
          rowKey="id"
          dataSource={view.scorecard}
          columns={[
            { title: t.criterion, dataIndex: 'label' },
            { title: t.weight, dataIndex: 'weight', align: 'right' },
            { title: t.direction, dataIndex: 'direction', render: (d: string) => (d === 'higherIsBetter' ? t.higherIsBetter : t.lowerIsBetter) },
          ]}
        />
        {editable && (
          <Space style={{ marginTop: 12 }} wrap>
            {maySimulate && (
              <Button type="primary" loading={simulation.isPending} onClick={() => simulation.mutate(policyOf(view, draft))}>
                {t.simulate}（{period}）
              </Button>
            )}
            <Button onClick={() => (setDraft(draftOf(view)), simulation.reset())}>{t.resetDraft}</Button>
            {mayPublish && <Button onClick={() => setPublishing(true)}>{t.publish}</Button>}
          </Space>
        )}
      </Card>
      {simulation.isError && <Alert type="error" showIcon role="alert" message={problemText(simulation.error)} />}
      {simulation.data && <SimulationResult simulation={simulation.data} changed={changed} />}
      <WriteDialog<object, unknown>
        open={publishing}
        onClose={() => setPublishing(false)}
        title={t.publishTitle}
        submit={({ reason }, key) =>
          answered(
            api.PUT('/grading/policy', {
              params: { header: policy.data?.etag ? { 'If-Match': policy.data.etag } : {} },
              headers: { 'Idempotency-Key': key },
              body: { ...policyOf(view, draft), reason },
            }),
          )
        }
        onDone={() => {
          message.success(t.publishDone);
          void client.invalidateQueries({ queryKey: policyKey });
        }}
      />
    </Space>
  );
};

type SimRow = Simulation['rows'][number];

const SimulationResult = ({ simulation, changed }: { simulation: Simulation; changed: SimRow[] }) => {
  const t = useMessages().grading;
  return (
    <Card size="small" title={`${t.simulation} · ${simulation.period}`} data-testid="simulation">
      <Table
        size="small"
        bordered
        pagination={false}
        rowKey="grade"
        dataSource={grades.map((g) => ({ grade: g, current: simulation.totals.current[g], simulated: simulation.totals.simulated[g] }))}
        columns={[
          { title: t.columns.grade, dataIndex: 'grade', render: (g: Grade) => <ToneTag tone={gradeColours[g]}>{g}</ToneTag> },
          { title: `${t.current} · ${t.customers}`, align: 'right', render: (_, r) => r.current?.customers ?? 0 },
          { title: `${t.simulated} · ${t.customers}`, align: 'right', render: (_, r) => r.simulated?.customers ?? 0 },
          { title: `${t.current} · ${t.limitTotal}`, align: 'right', render: (_, r) => formatMoney(r.current?.creditLimit ?? '0') },
          { title: `${t.simulated} · ${t.limitTotal}`, align: 'right', render: (_, r) => formatMoney(r.simulated?.creditLimit ?? '0') },
        ]}
      />
      <Typography.Paragraph strong style={{ marginTop: 12 }}>
        {changed.length === 0 ? t.noChange : fill(t.changed, { n: changed.length })}
      </Typography.Paragraph>
      {changed.length > 0 && (
        <Table<SimRow>
          size="small"
          bordered
          rowKey="customerId"
          dataSource={changed}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t.columns.customer, dataIndex: 'customerName' },
            { title: `${t.current} · ${t.columns.score}`, align: 'right', render: (_, r) => r.current.score },
            { title: `${t.current} · ${t.columns.grade}`, render: (_, r) => <ToneTag tone={gradeColours[r.current.grade]}>{r.current.grade}</ToneTag> },
            { title: `${t.simulated} · ${t.columns.grade}`, render: (_, r) => <ToneTag tone={gradeColours[r.simulated.grade]}>{r.simulated.grade}</ToneTag> },
            { title: `${t.current} · ${t.columns.creditLimit}`, align: 'right', render: (_, r) => formatMoney(r.current.creditLimit) },
            { title: `${t.simulated} · ${t.columns.creditLimit}`, align: 'right', render: (_, r) => formatMoney(r.simulated.creditLimit) },
          ]}
        />
      )}
    </Card>
  );
};
