import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Input, List, Space, Spin, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.js';
import { dataOf, useProblemText } from '../../api/problems.js';
import type { components } from '../../api/schema.js';
import { useLanguage } from '../../i18n/language.js';
import { formatInstant } from '../../shared/format.js';
import type { Messages } from '../../i18n/zh.js';
import { type FieldDiff, entryDiff, valueText } from './entryDiff.js';

type Entry = components['schemas']['CustomerHistory']['items'][number];

/** 审计 without a customer: find one by name. */
const FindCustomer = () => {
  const { messages: m } = useLanguage();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['customers', { q }, 'audit'],
    queryFn: () => dataOf(api.GET('/customers', { params: { query: { q, limit: 20 } } })),
    enabled: q !== '',
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search aria-label={m.audit.pick} placeholder={m.audit.pick} style={{ maxWidth: 360 }} onSearch={setQ} allowClear />
      {found.data ? (
        <List
          dataSource={found.data.items}
          locale={{ emptyText: m.customers.empty }}
          renderItem={(c) => (
            <List.Item>
              <Link to={`/audit/${c.id}`}>{c.name}</Link>
            </List.Item>
          )}
        />
      ) : null}
    </Space>
  );
};

const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A value of an entry in the office's words: statuses and types named, instants in Beijing time, contacts as people. */
const auditValue = (m: Messages, field: string, v: unknown): string => {
  const last = field.split('.').pop() ?? field;
  if (last === 'status' && typeof v === 'string' && v in m.statuses) return m.statuses[v as keyof Messages['statuses']];
  if (last === 'companyType' && typeof v === 'string' && v in m.archive.companyTypes) return m.archive.companyTypes[v as keyof Messages['archive']['companyTypes']];
  if (last === 'category' && typeof v === 'string' && v in m.archive.contactCategories) return m.archive.contactCategories[v as 'primary' | 'secondary'];
  if (typeof v === 'string' && instant.test(v)) return formatInstant(v, true);
  if (Array.isArray(v) && v.every((c) => typeof c === 'object' && c !== null && 'name' in c)) {
    return (v as { name?: string | null; category?: string; mobile?: string; phone?: string }[])
      .map((c) => [c.category ? auditValue(m, 'category', c.category) : '', c.name ?? '', c.mobile ?? c.phone ?? ''].filter(Boolean).join(' '))
      .join('；') || '—';
  }
  return valueText(v);
};

/** One entry: who (name and posts), when (effective and recorded, Beijing time), why, and what changed field by field. */
const EntryCard = ({ entry }: { entry: Entry }) => {
  const { messages: m, roleName } = useLanguage();
  const t = m.audit;
  // `archive.region` reads 区域: the block names of the event's data say nothing to a reader.
  const label = (field: string) =>
    field
      .split('.')
      .filter((part) => part !== 'archive')
      .map((part) => (m.fields as Record<string, string>)[part] ?? part)
      .join(' · ');
  const text = (field: string, v: unknown) => auditValue(m, field, v);
  return (
    <Card size="small" title={(t.events as Record<string, string>)[entry.type] ?? entry.type} data-testid="history-entry">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'who', label: t.who, children: `${entry.actor.name}（${entry.actor.roles.map(roleName).join('、')}）` },
          { key: 'why', label: t.why, children: entry.reason ?? '—' },
          { key: 'effective', label: t.effective, children: formatInstant(entry.occurredAt, true) },
          { key: 'recorded', label: t.recorded, children: formatInstant(entry.recordedAt, true) },
        ]}
      />
      <Table<FieldDiff>
        size="small"
        rowKey="field"
        pagination={false}
        dataSource={entryDiff(entry.data)}
        columns={[
          { title: t.field, dataIndex: 'field', render: label },
          { title: t.from, dataIndex: 'from', render: (v: unknown, d) => <Typography.Text delete={v !== undefined && v !== null}>{text(d.field, v)}</Typography.Text> },
          { title: t.to, dataIndex: 'to', render: (v: unknown, d) => <Typography.Text strong>{text(d.field, v)}</Typography.Text> },
        ]}
      />
    </Card>
  );
};

/** 审计: a customer's history as a timeline, oldest first, paged by the API's cursor. */
export const AuditPage = () => {
  const { id } = useParams();
  const { messages: m } = useLanguage();
  const problemText = useProblemText();
  const history = useInfiniteQuery({
    queryKey: ['history', id],
    enabled: id !== undefined,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => dataOf(api.GET('/customers/{id}/history', { params: { path: { id: id ?? '' }, query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const customer = useQuery({
    queryKey: ['customer', id, null, 'name'],
    enabled: id !== undefined,
    queryFn: () => dataOf(api.GET('/customers/{id}', { params: { path: { id: id ?? '' } } })),
  });
  const name = customer.data && typeof customer.data === 'object' ? customer.data.name : '';
  const entries = history.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card
      title={
        <h1 style={{ fontSize: 18, margin: 0 }}>
          {m.audit.title}
          {name ? `：${name}` : ''}
        </h1>
      }
      extra={id ? <Link to={`/customers/${id}`}>{m.menu.customers}</Link> : null}
    >
      {id === undefined ? (
        <FindCustomer />
      ) : history.isPending ? (
        <Spin />
      ) : history.isError ? (
        <Alert type="error" showIcon message={problemText(history.error)} />
      ) : entries.length === 0 ? (
        <Empty description={m.audit.empty} />
      ) : (
        <>
          <Timeline items={entries.map((entry) => ({ key: entry.position, children: <EntryCard entry={entry} /> }))} />
          {history.hasNextPage ? (
            <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
              {m.audit.more}
            </Button>
          ) : null}
        </>
      )}
    </Card>
  );
};
