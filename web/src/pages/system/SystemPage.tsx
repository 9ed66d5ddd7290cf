import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Table } from 'antd';
import { api } from '../../api/client.js';
import { dataOf, useProblemText } from '../../api/problems.js';
import type { components } from '../../api/schema.js';
import { iMayCall } from '../../app/access.js';
import { useMessages } from '../../i18n/language.js';
import type { Messages } from '../../i18n/zh.js';
import { formatInstant } from '../../shared/format.js';
import { ToneTag } from '../../shared/ToneTag.js';

type Readiness = components['schemas']['Readiness'];
type View = Readiness['views'][number];
type OperationState = NonNullable<components['schemas']['OperationStatus']['verify']>;

/** One command's last outcome (GET /operations), or how the operator starts it. */
const OperationCard = ({ title, state, logPosition, never, lag }: { title: string; state: OperationState | null | undefined; logPosition: number; never: string; lag: boolean }) => {
  const t = useMessages().system;
  const covered = state?.coveredPosition;
  const behind = covered === null || covered === undefined ? null : logPosition - covered;
  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{title}</h2>}>
      {state === null ? (
        <Alert type="warning" showIcon message={never} />
      ) : state ? (
        <Descriptions
          column={1}
          items={[
            { key: 'outcome', label: t.outcome, children: <ToneTag tone={state.passed ? 'good' : 'bad'}>{state.passed ? t.passed : t.notPassed}</ToneTag> },
            { key: 'run', label: t.lastRun, children: formatInstant(state.lastRunAt, true) },
            { key: 'passed', label: t.lastPassed, children: formatInstant(state.lastPassedAt, true) },
            {
              key: 'covered',
              label: t.covered,
              children: covered === null ? '—' : `${covered}${lag && behind !== null ? `（${behind > 0 ? t.behind.replace('{n}', String(behind)) : t.upToDate}）` : ''}`,
            },
            { key: 'details', label: t.details, children: <span style={{ wordBreak: 'break-all' }}>{state.summary}</span> },
          ]}
        />
      ) : null}
    </Card>
  );
};

/** What the operator's commands last found: only for the posts the API shows it to. */
const Operations = ({ t }: { t: Messages['system'] }) => {
  const status = useQuery({
    queryKey: ['operations'],
    queryFn: () => dataOf(api.GET('/operations')),
    refetchInterval: 30_000,
  });
  const problemText = useProblemText();
  if (status.isError) return <Alert type="error" showIcon message={problemText(status.error)} />;
  const d = status.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <OperationCard title={t.verification} state={d?.verify} logPosition={d?.logPosition ?? 0} never={t.verificationNever} lag={false} />
      <OperationCard title={t.backup} state={d?.backup} logPosition={d?.logPosition ?? 0} never={t.backupNever} lag />
    </Space>
  );
};

/**
 * 系统: what the API tells about itself — /ready (each view's lag), and for the auditor
 * and managers, the last verification of the log and the last backup (GET /operations).
 */
export const SystemPage = () => {
  const m = useMessages();
  const t = m.system;
  const ready = useQuery({
    queryKey: ['ready'],
    // 503 is an answer here (views behind), with the same body as 200.
    queryFn: async () => {
      const { data, error, response } = await api.GET('/ready');
      const body = (data ?? error) as Readiness | undefined;
      if (!body || !('views' in body)) throw new Error(`GET /ready answered ${response.status}`);
      return { ...body, checkedAt: new Date().toISOString() };
    },
    refetchInterval: 10_000,
  });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={<h1 style={{ fontSize: 18, margin: 0 }}>{t.readiness}</h1>}
        extra={<Button onClick={() => void ready.refetch()}>{t.refresh}</Button>}
      >
        {ready.isError ? <Alert type="error" showIcon message={ready.error.message} /> : null}
        {ready.data ? (
          <>
            <Alert
              showIcon
              type={ready.data.status === 'ready' ? 'success' : 'warning'}
              message={ready.data.status === 'ready' ? t.ready : t.notReady}
              description={`${t.checkedAt}${m.app.colon}${formatInstant(ready.data.checkedAt, true)}`}
              style={{ marginBottom: 16 }}
            />
            <Table<View>
              rowKey="name"
              size="small"
              pagination={false}
              dataSource={ready.data.views}
              columns={[
                { title: t.view, dataIndex: 'name', render: (n: string) => (t.views as Record<string, string>)[n] ?? n },
                { title: t.state, dataIndex: 'state', render: (s: View['state'], v) => <ToneTag tone={v.ready ? 'good' : 'bad'}>{t[s]}</ToneTag> },
                { title: t.lagEvents, dataIndex: 'lagEvents', align: 'right' },
                { title: t.lagSeconds, dataIndex: 'lagSeconds', align: 'right', render: (s: number) => s.toFixed(1) },
                { title: t.reason, dataIndex: 'reason', render: (r?: string) => r ?? '—' },
              ]}
            />
          </>
        ) : null}
      </Card>
      {iMayCall('GET /operations') ? <Operations t={t} /> : null}
    </Space>
  );
};
