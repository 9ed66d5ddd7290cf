import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Segmented, Space, Table, Tabs, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.js';
import { dataOf, useProblemText } from '../../api/problems.js';
import type { components } from '../../api/schema.js';
import { iMayCall } from '../../app/access.js';
import { useMessages } from '../../i18n/language.js';
import { formatInstant } from '../../shared/format.js';
import type { ComplaintStatus } from './flow.js';
import { NewComplaint } from './NewComplaint.js';
import { Statistics } from './Statistics.js';
import { CustomerName } from './useCustomerName.js';
import { ToneTag } from '../../shared/ToneTag.js';

type Summary = components['schemas']['ComplaintSummary'];

const states: readonly ComplaintStatus[] = [
  'received',
  'judged',
  'assessed',
  'planProposed',
  'opinionSigned',
  'approved',
  'negotiating',
  'customerSatisfied',
  'inLitigation',
  'closed',
  'reopened',
];

/** Complaints by state, newest pages on demand. */
const ComplaintList = () => {
  const t = useMessages().complaints;
  const problemText = useProblemText();
  const [state, setState] = useState<ComplaintStatus | 'all'>('all');
  const list = useInfiniteQuery({
    queryKey: ['complaints', state],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      dataOf(api.GET('/complaints', { params: { query: { ...(state === 'all' ? {} : { status: state }), ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Segmented<ComplaintStatus | 'all'>
        value={state}
        onChange={setState}
        options={[{ value: 'all', label: t.allStates }, ...states.map((s) => ({ value: s, label: t.status[s] }))]}
        style={{ flexWrap: 'wrap' }}
      />
      {list.isError && <Alert type="error" showIcon message={problemText(list.error)} />}
      <Table<Summary>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        pagination={false}
        dataSource={list.data?.pages.flatMap((p) => p.items) ?? []}
        columns={[
          { title: t.receivedAt, dataIndex: 'receivedAt', width: 150, render: (v: string) => formatInstant(v) },
          { title: t.customer, render: (_, c) => <CustomerName id={c.customerId} /> },
          {
            title: t.description,
            render: (_, c) => (
              <Link to={`/complaints/${c.id}`}>
                <Typography.Text ellipsis style={{ maxWidth: 320, color: 'inherit' }}>
                  {c.description ?? '—'}
                </Typography.Text>
              </Link>
            ),
          },
          { title: t.fields.category, render: (_, c) => (c.category ? t.category[c.category] : t.category.none) },
          { title: t.current, render: (_, c) => <ToneTag tone={c.status === 'closed' ? 'good' : 'info'}>{t.status[c.status]}</ToneTag> },
        ]}
      />
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t.more}
        </Button>
      )}
    </Space>
  );
};

/** 客诉: the complaints by state, recording a new one, and ⑨ the monthly statistics. */
export const ComplaintsPage = () => {
  const t = useMessages().complaints;
  const [search, setSearch] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const mayRecord = iMayCall('POST /complaints');
  const mayReadStatistics = iMayCall('GET /reports/complaints/monthly');
  return (
    <Card
      title={t.title}
      extra={
        mayRecord && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t.newComplaint}
          </Button>
        )
      }
    >
      <Tabs
        activeKey={search.get('tab') === 'statistics' && mayReadStatistics ? 'statistics' : 'list'}
        onChange={(key) => setSearch(key === 'list' ? {} : { tab: key })}
        items={[
          { key: 'list', label: t.list, children: <ComplaintList /> },
          ...(mayReadStatistics ? [{ key: 'statistics', label: t.statistics, children: <Statistics /> }] : []),
        ]}
      />
      {mayRecord && <NewComplaint open={creating} onClose={() => setCreating(false)} />}
    </Card>
  );
};
