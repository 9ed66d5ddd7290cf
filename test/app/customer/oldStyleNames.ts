import * as E from 'fp-ts/Either';
import { randomUUID } from 'node:crypto';
import { allEventTypes } from '../../../src/domain/eventTypes.js';
import { customerDecider, customerNameStreamId, customerStreamId } from '../../../src/domain/customer/index.js';
import { type EventStore, logStart } from '../../../src/store/index.js';
import { createEventStore } from '../../../src/store/sqlEventStore.js';
import type { TestStore } from '../../support/stores.js';
import { clerk, meta, ok } from './support.js';

/**
 * A customer registered the way it was before look-alike reservations existed: its
 * stream and its customerName reservation in one append, and nothing on a
 * customerLookalike stream (what runCustomerCommand wrote before issue 12 §3).
 */
export const registerOldStyle = async (store: EventStore, name: string, customerId: string = randomUUID()): Promise<string> => {
  const command = { type: 'RegisterCustomer' as const, data: { customerId, name, salespersonId: 'u-sales', status: 'active' as const }, meta: meta(clerk, '新客户建档') };
  const decided = customerDecider.decide(command, customerDecider.initialState);
  if (E.isLeft(decided)) throw new Error(`refused: ${JSON.stringify(decided.left)}`);
  const written = await ok(
    store.appendMany(
      [
        { streamId: customerStreamId(customerId), expectedVersion: 'noStream', events: decided.right.map((e) => ({ type: e.type, data: e.data, occurredAt: command.meta.at })) },
        { streamId: customerNameStreamId(name), expectedVersion: 'noStream', events: [{ type: 'CustomerNameReserved', data: { customerId, name } }] },
      ],
      { metadata: { actor: clerk, reason: '新客户建档' } },
    ),
  );
  await untilInLog(store, Math.max(...written.map((w) => w.position)));
  return customerId;
};

/**
 * The global log hands out an event only once every transaction older than it has
 * ended (sql/readLog.ts); on a server shared with other test files that can be a
 * moment after its commit. Names from before the upgrade were committed long before
 * it; a test's old-style name is waited for, as the back-fill reads the log.
 */
const untilInLog = async (store: EventStore, position: number): Promise<void> => {
  for (let waited = 0; waited < 10_000; waited += 20) {
    let cursor = logStart;
    for (;;) {
      const page = await ok(store.readLog(cursor, 1000));
      if (page.events.some((e) => e.position >= position)) return;
      if (page.events.length === 0) break;
      cursor = page.cursor;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`position ${position} did not reach the log in 10 s`);
};

/** The same store as another process opens it after the upgrade: nothing of this process's memory (its back-fill done) carries over. */
export const anotherProcess = (t: TestStore): EventStore =>
  createEventStore(t.db, { schema: t.schema, eventTypes: allEventTypes, keyring: t.keyring });
