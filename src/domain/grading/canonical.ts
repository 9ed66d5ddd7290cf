/**
 * Deep equality of JSON values regardless of key order: events read back from the store
 * (PostgreSQL jsonb reorders keys) must compare equal to freshly computed ones, or an
 * unchanged re-run would look like a change.
 */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
