import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { dataOf } from '../../api/problems.js';
import type { components } from '../../api/schema.js';

export type CustomerItem = components['schemas']['CustomerPage']['items'][number];

/** A customer chosen by typing part of its name (GET /customers?q=, within the reader's scope). */
export const CustomerPicker = ({
  value,
  onChange,
  placeholder,
  onPicked,
  id,
}: {
  value?: string;
  onChange?: (id: string) => void;
  placeholder?: string;
  onPicked?: (customer: CustomerItem | undefined) => void;
  id?: string;
}) => {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['customer-search', q],
    queryFn: () => dataOf(api.GET('/customers', { params: { query: { limit: 20, ...(q.trim() === '' ? {} : { q: q.trim() }) } } })),
  });
  const items = found.data?.items ?? [];
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      placeholder={placeholder}
      loading={found.isFetching}
      options={items.map((c) => ({ value: c.id, label: c.name }))}
      onChange={(picked: string) => {
        onChange?.(picked);
        onPicked?.(items.find((c) => c.id === picked));
      }}
      style={{ width: '100%' }}
    />
  );
};
