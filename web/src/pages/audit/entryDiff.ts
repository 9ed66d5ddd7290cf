/**
 * What one entry of a customer's history changed, field by field. A change of archive
 * fields carries `changes: [{field, from, to}]` (ArchiveFieldsChanged, ContactChanged);
 * any other entry is shown as the values it carries (from nothing).
 */
export type FieldDiff = { field: string; from: unknown; to: unknown };

const isChangeList = (v: unknown): v is FieldDiff[] =>
  Array.isArray(v) && v.every((c) => typeof c === 'object' && c !== null && 'field' in c && 'to' in c);

/** Values of nested blocks flattened to `block.field` paths, ids left out (they say nothing to a reader). */
const flatten = (value: unknown, prefix: string, out: FieldDiff[]): void => {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) if (!/^(customerId|id)$/.test(k)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  if (value === undefined) return;
  out.push({ field: prefix, from: undefined, to: value });
};

export const entryDiff = (data: Record<string, unknown>): FieldDiff[] => {
  if (isChangeList(data['changes'])) return data['changes'].map(({ field, from, to }) => ({ field, from, to }));
  const out: FieldDiff[] = [];
  flatten(data, '', out);
  return out;
};

/** A value as text: nothing is a dash, lists and blocks as compact JSON. */
export const valueText = (v: unknown): string => {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};
