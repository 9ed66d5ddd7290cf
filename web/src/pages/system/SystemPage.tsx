import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Table } from 'antd';
import { api } from '../../api/client.js';
import type { components } from '../../api/schema.js';
import { useMessages } from '../../i18n/language.js';
import { formatInstant } from '../../shared/format.js';
import { ToneTag } from '../../shared/ToneTag.js';

type Readiness = components['schemas']['Readiness'];
type View = Readiness['views'][number];

/**
 * 系统: what the API tells about itself over HTTP — /ready (each view's lag). The log's
 * verification and the backups are commands on the server with no HTTP route: said so
 * here rather than shown as if known.
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
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.verification}</h2>}>
        <Descriptions column={1} items={[{ key: 'v', label: t.state, children: t.verificationNote }]} />
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.backup}</h2>}>
        <Descriptions column={1} items={[{ key: 'b', label: t.state, children: t.backupNote }]} />
      </Card>
    </Space>
  );
};
