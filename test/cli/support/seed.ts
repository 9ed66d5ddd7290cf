import * as E from 'fp-ts/Either';
import { randomUUID } from 'node:crypto';
import { customerFiguresStreamId } from '../../../src/domain/grading/index.js';
import { type OpenStore, openStore } from '../../../src/store/index.js';
import { testMasterKeyFile } from './targets.js';

export type StoreAt = { dataDir?: string; databaseUrl?: string; schema?: string };

/** Opens the store a command would use, in this process, for setting up and checking. */
export const withOpenStore = async <A>(at: StoreAt, fn: (s: OpenStore) => Promise<A>): Promise<A> => {
  const opened = await openStore({ dataDir: at.dataDir, databaseUrl: at.databaseUrl, schema: at.schema, masterKey: { kind: 'file', path: testMasterKeyFile } });
  try {
    return await fn(opened);
  } finally {
    await opened.close();
  }
};

const archiveClerk = { id: 'u-clerk', name: '王芳', roles: ['archiveClerk' as const] };

/** Monthly figures of `customers` customers over `months` months: real domain events, one stream each. */
export const seedFigures = async (s: OpenStore, customers: number, months: number): Promise<number> => {
  let events = 0;
  for (let c = 0; c < customers; c += 1) {
    const customerId = randomUUID();
    const figures = Array.from({ length: months }, (_, m) => ({
      type: 'MonthlyFiguresRecorded',
      data: { customerId, period: `2026-${String(m + 1).padStart(2, '0')}`, sales: `${100000 + c * 1000 + m}.50`, creditDue: '50000.00', creditPaidOnTime: '45000.00' },
    }));
    const r = await s.store.append(customerFiguresStreamId(customerId), 'noStream', figures, { metadata: { actor: archiveClerk, reason: 'ERP 月度数据导入' } })();
    if (E.isLeft(r)) throw new Error(`seed refused: ${r.left.message}`);
    events += figures.length;
  }
  return events;
};

/** Every column that identifies an event as written, in position order. */
export const dumpEvents = async (s: OpenStore) =>
  (
    await s.db.query(
      `select position::text, id, stream_id, version, type, schema_version, data::text, metadata::text,
              to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as occurred_at,
              to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') as recorded_at, prev_hash, hash from ${s.schema}.events order by position`,
    )
  ).rows;
