import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Segmented, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import { dataOf, useProblemText } from '../../api/problems.js';
import { iMayCall } from '../../app/access.js';
import { readSession } from '../../auth/session.js';
import { useLanguage } from '../../i18n/language.js';
import { formatInstant, formatMoney } from '../../shared/format.js';
import { NewRequest } from './NewRequest.js';
import { approverRoles, type CreditRequest, directionColours, isMyDecision, statusColours } from './queries.js';
import { ToneTag } from '../../shared/ToneTag.js';

type Status = CreditRequest['status'];

const useColumns = (): ColumnsType<CreditRequest> => {
  const { messages, roleName } = useLanguage();
  const t = messages.credit;
  return [
    { title: t.requestedAt, dataIndex: 'requestedAt', width: 150, render: (v: string) => formatInstant(v) },
    { title: t.customer, render: (_, r) => <Link to={`/credit/${r.id}`}>{r.customer.name}</Link> },
    { title: t.currentLimit, dataIndex: 'originalLimit', align: 'right', render: (v: string) => formatMoney(v) },
    { title: t.proposedLimit, dataIndex: 'proposedLimit', align: 'right', render: (v: string) => formatMoney(v) },
    { title: t.directionTitle, dataIndex: 'direction', width: 70, render: (d: CreditRequest['direction']) => <ToneTag tone={directionColours[d]}>{t.direction[d]}</ToneTag> },
    { title: t.requester, render: (_, r) => r.requester.name },
    { title: t.nextStep, render: (_, r) => (r.nextStep ? roleName(r.nextStep) : '—') },
    { title: t.progress, dataIndex: 'status', render: (s: Status) => <ToneTag tone={statusColours[s]}>{t.status[s]}</ToneTag> },
  ];
};

/** 待我审批: the pending requests whose next step is one of my posts and that I may decide. */
const MyQueue = () => {
  const problemText = useProblemText();
  const t = useLanguage().messages.credit;
  const user = readSession()?.user;
  const mine = approverRoles.filter((r) => user?.roles.includes(r));
  const columns = useColumns();
  const queue = useQuery({
    queryKey: ['credit-requests', 'queue', mine],
    queryFn: async () => {
      const pages = await Promise.all(mine.map((role) => dataOf(api.GET('/credit-requests', { params: { query: { awaitingRole: role, status: 'pending', limit: 500 } } }))));
      return pages.flatMap((p) => p.items).filter((r) => user !== undefined && isMyDecision(r, user));
    },
  });
  if (queue.isError) return <Alert type="error" showIcon message={problemText(queue.error)} />;
  return (
    <Table<CreditRequest>
      size="small"
      rowKey="id"
      loading={queue.isLoading}
      columns={columns}
      dataSource={queue.data ?? []}
      locale={{ emptyText: <Typography.Text>{t.emptyQueue}</Typography.Text> }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      data-testid="credit-queue"
    />
  );
};

/** Every request in the reader's scope, by status, a page of 50 at a time. */
const AllRequests = () => {
  const problemText = useProblemText();
  const t = useLanguage().messages.credit;
  const columns = useColumns();
  const [status, setStatus] = useState<Status | 'all'>('pending');
  const list = useInfiniteQuery({
    queryKey: ['credit-requests', 'all', status],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      dataOf(api.GET('/credit-requests', { params: { query: { ...(status === 'all' ? {} : { status }), ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Segmented<Status | 'all'>
        value={status}
        onChange={setStatus}
        options={[
          ...(['pending', 'approved', 'rejected', 'withdrawn'] as const).map((s) => ({ value: s, label: t.status[s] })),
          { value: 'all', label: t.allStatuses },
        ]}
      />
      {list.isError && <Alert type="error" showIcon message={problemText(list.error)} />}
      <Table<CreditRequest>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.pages.flatMap((p) => p.items) ?? []}
        pagination={false}
      />
      {list.hasNextPage && (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t.more}
        </Button>
      )}
    </Space>
  );
};

/** 信用额度: my queue of decisions, every request, and a new request. */
export const CreditPage = () => {
  const t = useLanguage().messages.credit;
  const [creating, setCreating] = useState(false);
  const user = readSession()?.user;
  const approver = approverRoles.some((r) => user?.roles.includes(r));
  const mayRequest = iMayCall('POST /credit-requests');
  return (
    <Card
      title={t.title}
      extra={
        mayRequest && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t.newRequest}
          </Button>
        )
      }
    >
      <Tabs
        items={[
          ...(approver ? [{ key: 'mine', label: t.mine, children: <MyQueue /> }] : []),
          { key: 'all', label: t.all, children: <AllRequests /> },
        ]}
      />
      {mayRequest && <NewRequest open={creating} onClose={() => setCreating(false)} />}
    </Card>
  );
};
