import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useProblemText } from '../../api/problems.js';
import { iMayCall } from '../../app/access.js';
import { useMessages } from '../../i18n/language.js';
import { formatDate, formatMoney } from '../../shared/format.js';
import { ToneTag } from '../../shared/ToneTag.js';
import { StaffPicker } from '../workflow/StaffPicker.js';
import { type CustomerListFilters as Filters, type CustomerListItem as Item, customerListQuery } from './customerListQuery.js';

const grades = ['A', 'B', 'C', 'D', 'E'] as const;
const statuses = ['prospect', 'active', 'inactive', 'lost'] as const;

/** 客户档案: the list, searched and filtered by the API (q, grade, status, salespersonId), paged by its cursor. */
export const CustomerList = () => {
  const m = useMessages();
  const t = m.customers;
  const navigate = useNavigate();
  const problemText = useProblemText();
  const [filters, setFilters] = useState<Filters>({});
  // The cursors of the pages before this one: the API pages forward only.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const list = useQuery({ ...customerListQuery(filters, cursor), placeholderData: keepPreviousData });
  const filter = (next: Filters) => {
    setFilters(Object.fromEntries(Object.entries({ ...filters, ...next }).filter(([, v]) => v !== undefined && v !== '')) as Filters);
    setCursors([undefined]);
  };

  return (
    <Card
      title={<h1 style={{ fontSize: 18, margin: 0 }}>{m.menu.customers}</h1>}
      extra={
        iMayCall('POST /customers') ? (
          <Button type="primary" onClick={() => navigate('/customers/new')}>
            {t.register}
          </Button>
        ) : null
      }
    >
      <Flex wrap gap="small" style={{ marginBottom: 16 }}>
        <Input.Search aria-label={t.search} placeholder={t.search} allowClear style={{ width: 260 }} onSearch={(q) => filter({ q })} />
        <Select
          aria-label={t.grade}
          style={{ width: 130 }}
          allowClear
          placeholder={t.anyGrade}
          value={filters.grade}
          onChange={(grade?: Filters['grade']) => filter({ grade })}
          options={grades.map((g) => ({ value: g, label: `${g} 级` }))}
        />
        <Select
          aria-label={t.status}
          style={{ width: 140 }}
          allowClear
          placeholder={t.anyStatus}
          value={filters.status}
          onChange={(status?: Filters['status']) => filter({ status })}
          options={statuses.map((s) => ({ value: s, label: m.statuses[s] }))}
        />
        {iMayCall('GET /staff') ? (
          <StaffPicker placeholder={t.salespersonFilter} width={260} onSearch={(salespersonId) => filter({ salespersonId })} />
        ) : null}
      </Flex>
      {list.isError ? <Alert type="error" showIcon message={problemText(list.error)} style={{ marginBottom: 16 }} /> : null}
      <Table<Item>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Typography.Text type="secondary">{t.empty}</Typography.Text> }}
        columns={[
          { title: t.name, dataIndex: 'name', render: (name: string, row) => <Link to={`/customers/${row.id}`}>{name}</Link> },
          { title: t.salesperson, dataIndex: 'salespersonId', render: (sp: string, row) => row.salespersonName ?? sp },
          { title: t.status, dataIndex: 'status', render: (s: Item['status']) => m.statuses[s] },
          { title: t.region, dataIndex: 'region', render: (r: string | null) => r ?? '—' },
          { title: t.grade, dataIndex: 'grade', render: (g: Item['grade'], row) => (g ? <Space size={4}>{g}{row.vip ? <ToneTag tone="warn">{t.vip}</ToneTag> : null}</Space> : '—') },
          { title: t.creditLimit, dataIndex: 'creditLimit', align: 'right', render: (v: string | null) => formatMoney(v) },
          { title: t.validUntil, dataIndex: 'validUntil', render: (d: string | null, row) => <Space size={4}>{formatDate(d)}{row.reviewDue ? <ToneTag tone="bad">{t.reviewDue}</ToneTag> : null}</Space> },
        ]}
      />
      <Flex justify="flex-end" align="center" gap="small" style={{ marginTop: 16 }}>
        <span>{t.page.replace('{n}', String(cursors.length))}</span>
        <Button disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t.previous}
        </Button>
        <Button disabled={!list.data?.nextCursor} onClick={() => list.data?.nextCursor && setCursors([...cursors, list.data.nextCursor])}>
          {t.next}
        </Button>
      </Flex>
    </Card>
  );
};
