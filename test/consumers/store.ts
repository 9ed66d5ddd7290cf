// test/consumers/store.ts — open a store and append through a use case, with the actor and the reason.
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { customers, openStore } from 'customer-ledger';
import { customer, type Actor } from 'customer-ledger/domain';

// PostgreSQL when DATABASE_URL is set; else the embedded PGlite: in `dataDir`, or in memory without one.
// A persistent store needs the master key of its personal data (PII_MASTER_KEY_FILE).
const keyFile = process.env.PII_MASTER_KEY_FILE;
const opened = await openStore({ databaseUrl: process.env.DATABASE_URL, masterKey: keyFile ? { kind: 'file', path: keyFile } : undefined });
const deps = { store: opened.store };
const clerk: Actor = { id: 'u-1001', name: '王芳', roles: ['archiveClerk'] };

const customerId = randomUUID();
const registered = await customers.registerCustomer(deps)({
  customerId,
  name: '华东精密机械有限公司',
  salespersonId: 'sp-1',
  status: 'active',
  region: '华东',
  meta: { actor: clerk, at: '2026-11-02T09:00:00+08:00', reason: '新客户建档' },
})();
if (E.isLeft(registered)) throw new Error(registered.left.message);

// Every event names who made it, when it took effect and why (审计).
const history = await opened.store.readStream(customer.customerStreamId(customerId))();
if (E.isLeft(history)) throw new Error(history.left.message);
for (const event of history.right) console.log(event.type, event.metadata.actor.name, event.metadata.reason, event.occurredAt);
await opened.close();
