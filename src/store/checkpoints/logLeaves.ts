import type { Sql } from '../db.js';

/** The log's leaves after a position: each event's stored hash (32 bytes, packed), in log order, with where it stands. */
export type LogLeaves = { positions: number[]; leaves: Buffer };

const page = 50_000;

export const readLogLeaves = async (sql: Sql, s: string, afterPosition = 0): Promise<LogLeaves> => {
  const positions: number[] = [];
  const parts: Buffer[] = [];
  for (let after = afterPosition; ; ) {
    const { rows } = await sql.query<{ position: string | number; hash: string }>(
      `select position, hash from ${s}.events where position > $1 order by position limit ${page}`,
      [after],
    );
    for (const r of rows) positions.push(Number(r.position));
    parts.push(Buffer.from(rows.map((r) => r.hash).join(''), 'hex'));
    if (rows.length < page) break;
    after = positions.at(-1)!;
  }
  return { positions, leaves: Buffer.concat(parts) };
};

/** Packed 32-byte leaves, one by one (views, no copies). */
export function* eachLeaf(packed: Buffer): Generator<Buffer> {
  for (let at = 0; at < packed.length; at += 32) yield packed.subarray(at, at + 32);
}

/** The first leaf index below `upTo` where two packed leaf sequences differ, or null. */
export const firstDifference = (a: Buffer, b: Buffer, upTo: number): number | null => {
  for (let i = 0; i < upTo; i += 1) {
    const x = a.subarray(i * 32, i * 32 + 32);
    const y = b.subarray(i * 32, i * 32 + 32);
    if (x.length < 32 || y.length < 32 || !x.equals(y)) return i;
  }
  return null;
};

export const eventAtSql = async (sql: Sql, s: string, position: number) =>
  (await sql.query<{ stream_id: string; version: number }>(`select stream_id, version from ${s}.events where position = $1`, [position])).rows[0];
