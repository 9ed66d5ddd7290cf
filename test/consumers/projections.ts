// test/consumers/projections.ts — keep the read models current, then read the archive and a report as of a time.
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { allProjections, createProjectionEngine, customerArchive, customers, listViolations, openStore } from 'customer-ledger';
import type { Actor } from 'customer-ledger/domain';

const opened = await openStore({}); // the embedded store, in memory
const deps = { store: opened.store };
const clerk: Actor = { id: 'u-1001', name: '王芳', roles: ['archiveClerk'] };
const service: Actor = { id: 'u-2001', name: '李娜', roles: ['serviceClerk'] };
const ok = async <A>(task: () => Promise<E.Either<{ message: string }, A>>): Promise<A> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

const customerId = randomUUID();
await ok(customers.registerCustomer(deps)({ customerId, name: '华东精密机械有限公司', salespersonId: 'sp-1', status: 'active', region: '华东',
  meta: { actor: clerk, at: '2026-11-02T09:00:00+08:00', reason: '新客户建档' } }));
await ok(customers.changeArchiveFields(deps)({ customerId, changes: { region: '华南' },
  meta: { actor: clerk, at: '2026-11-20T09:00:00+08:00', reason: '客户迁址' } }));
await ok(customers.recordViolation(deps)({ customerId, occurredAt: '2026-11-15T10:00:00+08:00', type: '逾期付款', description: '10月货款逾期',
  meta: { actor: service, at: '2026-11-16T09:00:00+08:00', reason: '财务通报' } }));

// The engine runs every view on its own checkpoint; catchUp waits until they have the log's end.
const engine = createProjectionEngine({ db: opened.db, schema: opened.schema, projections: allProjections });
await engine.start();
await engine.catchUp();

const views = { db: opened.db, schema: opened.schema, keyring: opened.keyring };
const before = await customerArchive(views, customerId, { asOf: '2026-11-10T00:00:00+08:00' }); // effective time
const now = await customerArchive(views, customerId);
console.log(before?.region, now?.region); // 华东 华南
const violations = await listViolations(views, { customerId }, { asOf: '2026-11-30T00:00:00+08:00' });
console.log(violations.items.map((v) => `${v.type}: ${v.description}`)); // [ '逾期付款: 10月货款逾期' ]

await engine.stop();
await opened.close();
