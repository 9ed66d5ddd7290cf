import { z } from 'zod';

/**
 * Lists are pages (API.md): `limit` (default 50, at most 500) and an opaque `cursor`;
 * answers are `{items, nextCursor}` with `nextCursor: null` on the last page.
 *
 * A cursor is the base64url of the JSON of a position the list defines (typically
 * the sort key of the last item served, for keyset paging). Clients must treat it as
 * opaque; a cursor this API did not give out is a 400 at `query.cursor`.
 */
export const defaultLimit = 50;
export const maxLimit = 500;

export const Limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(maxLimit)
  .default(defaultLimit)
  .meta({ description: `page size, 1–${maxLimit} (default ${defaultLimit})` });

export const encodeCursor = (position: unknown): string => Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

const decodeJson = (cursor: string): unknown => {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
};

/** A cursor parameter whose decoded position must match `position`. */
export const Cursor = <T extends z.ZodType>(position: T) =>
  z
    .string()
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor this API gave out')
    .transform((cursor, ctx) => {
      const decoded = position.safeParse(decodeJson(cursor));
      if (decoded.success) return decoded.data as z.output<T>;
      ctx.addIssue({ code: 'custom', message: 'not a cursor this API gave out' });
      return z.NEVER;
    })
    .meta({ description: 'opaque: the nextCursor of the previous page' });

/** `limit` and `cursor` for a list whose position is `position`. */
export const PageQuery = <T extends z.ZodType>(position: T) =>
  z.object({ limit: Limit, cursor: Cursor(position).optional() });

export type Page<T> = { items: T[]; nextCursor: string | null };

export const PageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().meta({ description: 'pass as cursor for the next page; null on the last page' }),
  });

/**
 * Builds a page from up to `limit + 1` rows (fetch one more than asked to learn
 * whether another page follows) and the position of a row.
 */
export const toPage = <T>(rows: readonly T[], limit: number, positionOf: (row: T) => unknown): Page<T> => {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null };
};
