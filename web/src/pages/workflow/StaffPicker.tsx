import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Input } from 'antd';
import { api } from '../../api/client.js';
import { dataOf } from '../../api/problems.js';
import type { components } from '../../api/schema.js';

type StaffMember = components['schemas']['StaffMember'];

/** The whole staff directory (a group's staff is hundreds of entries: a few pages at most). */
const wholeDirectory = async (): Promise<StaffMember[]> => {
  const members: StaffMember[] = [];
  let cursor: string | undefined;
  do {
    const page = await dataOf(api.GET('/staff', { params: { query: { limit: 500, ...(cursor ? { cursor } : {}) } } }));
    members.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return members;
};

/**
 * A person's id (`sub`) picked by typing part of their name or id, from the staff
 * directory (GET /staff); an id the directory does not list yet may still be typed.
 * With `onSearch`, Enter and the search button submit what is typed (a filter).
 */
export const StaffPicker = ({
  id,
  value,
  onChange,
  onSearch,
  placeholder,
  width,
}: {
  id?: string;
  value?: string;
  onChange?: (id: string) => void;
  onSearch?: (id: string) => void;
  placeholder: string;
  width?: number;
}) => {
  const staff = useQuery({ queryKey: ['staff'], queryFn: wholeDirectory, staleTime: 60_000 });
  const options = (staff.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.id}${s.title ? ` · ${s.title}` : ''}）` }));
  return (
    <AutoComplete
      value={value}
      options={options}
      onChange={(v: string) => onChange?.(v)}
      onSelect={(v: string) => onSearch?.(v)}
      filterOption={(typed, option) => (option?.label ?? '').toLowerCase().includes(typed.trim().toLowerCase())}
      style={{ width: width ?? '100%' }}
    >
      {onSearch ? (
        // A filter has no label of its own: its placeholder names it.
        <Input.Search id={id} aria-label={placeholder} placeholder={placeholder} allowClear onSearch={(v) => onSearch(v.trim())} />
      ) : (
        <Input id={id} placeholder={placeholder} />
      )}
    </AutoComplete>
  );
};
