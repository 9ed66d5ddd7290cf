// test/consumers/plain.mjs — a plain ESM JavaScript consumer: the public surface is there,
// and it runs with the embedded store in memory. A missing export fails here by name.
import * as ledger from 'customer-ledger';
import * as domain from 'customer-ledger/domain';
import * as store from 'customer-ledger/store';

const expected = {
  'customer-ledger': [ledger, ['openStore', 'defaultSchema', 'customers', 'grading', 'credit', 'complaints', 'createProjectionEngine', 'allProjections', 'projectionStatus', 'customerArchive', 'listCustomers', 'listViolations', 'gradeSummary', 'auditTrail', 'createApp']],
  'customer-ledger/domain': [domain, ['customer', 'grading', 'credit', 'complaint', 'allEventTypes', 'Actor', 'Role']],
  'customer-ledger/store': [store, ['openStore', 'migrate', 'handleCommand', 'loadStream']],
};
const missing = Object.entries(expected).flatMap(([entry, [module, names]]) => names.filter((name) => module[name] === undefined).map((name) => `${entry}: ${name}`));
if (missing.length > 0) throw new Error(`missing exports: ${missing.join(', ')}`);

const opened = await ledger.openStore({});
const actor = { id: 'u-1001', name: '王芳', roles: ['archiveClerk'] };
const registered = await ledger.customers.registerCustomer({ store: opened.store })({
  customerId: '6f1c2b9e-8a4d-4e0f-b3c5-2d7e9a1f0c84',
  name: '华东精密机械有限公司',
  salespersonId: 'sp-1',
  meta: { actor, at: '2026-11-02T09:00:00+08:00', reason: '新客户建档' },
})();
if (registered._tag !== 'Right') throw new Error(`refused: ${JSON.stringify(registered.left)}`);
const events = await opened.store.readStream(domain.customer.customerStreamId(registered.right.id))();
if (events._tag !== 'Right' || events.right[0]?.metadata.reason !== '新客户建档') throw new Error('the registration was not stored with its reason');
await opened.close();
console.log('plain ESM consumer: ok');
