import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { z } from 'zod';
import { encodeCursor, PageQuery, toPage } from '../../src/api/pagination.js';

const Position = z.object({ name: z.string(), id: z.string() });
const Query = PageQuery(Position);

describe('a cursor', () => {
  test.prop([fc.record({ name: fc.string(), id: fc.string() })])('round-trips the position it encodes', (position) => {
    const parsed = Query.parse({ cursor: encodeCursor(position) });
    expect(parsed.cursor).toEqual(position);
  });

  test.prop([fc.string()])('that the API did not give out is refused, never thrown', (junk) => {
    const r = Query.safeParse({ cursor: junk });
    if (r.success) expect(Position.safeParse(r.data.cursor).success).toBe(true);
    else expect(r.error.issues[0]?.path).toEqual(['cursor']);
  });

  test('is base64url, safe in a query string', () => {
    expect(encodeCursor({ name: '客户?&=/+', id: '1' })).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe('limit', () => {
  test('defaults to 50', () => {
    expect(Query.parse({}).limit).toBe(50);
  });

  test.each(['0', '501', '1.5', 'ten', ''])('%s is refused', (limit) => {
    expect(Query.safeParse({ limit }).success).toBe(false);
  });

  test('500 is the most', () => {
    expect(Query.parse({ limit: '500' }).limit).toBe(500);
  });
});

describe('paging through a list', () => {
  test.prop([fc.uniqueArray(fc.nat(1000)), fc.integer({ min: 1, max: 20 })])(
    'visits every item once, in order, and ends with a null cursor',
    (values, limit) => {
      const sorted = [...values].sort((a, b) => a - b);
      const fetch = (after: number | undefined) => sorted.filter((v) => after === undefined || v > after).slice(0, limit + 1);
      const seen: number[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages <= sorted.length + 1; pages++) {
        const after = cursor === undefined ? undefined : PageQuery(z.number()).parse({ cursor }).cursor;
        const page = toPage(fetch(after), limit, (v) => v);
        seen.push(...page.items);
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(sorted);
    },
  );
});
