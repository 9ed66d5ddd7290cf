/**
 * `npm run bench:pii` — what sealing personal fields costs: the same appends and archive
 * reads on two schemas of one database, one whose store seals (AES-256-GCM, a key per
 * subject, keys read per append) and one whose store writes them in the clear, in
 * alternating rounds (this machine is shared and noisy: compare ratios). Prints JSON
 * lines. Options: --only postgres|pglite, --customers N (default 300).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { customerStreamId } from '../src/domain/customer/index.js';
import { allEventTypes } from '../src/domain/eventTypes.js';
import { customerArchive } from '../src/projections/customers/archive.js';
import { allProjections, createProjectionEngine } from '../src/projections/index.js';
import { type Db, migrate } from '../src/store/index.js';
import { storeMigrations } from '../src/store/migrations/index.js';
import { openPgliteDb } from '../src/store/pglite/db.js';
import { createKeyring, type Keyring } from '../src/store/pii/keyring.js';
import { openPostgresDb } from '../src/store/postgres/db.js';
import { createEventStore } from '../src/store/sqlEventStore.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const only = arg('only');
const customers = Number(arg('customers') ?? 300);
const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const metadata = { actor: { id: 'bench', name: '基准', roles: ['archiveClerk' as const] }, reason: 'benchmark' };
const emit = (figure: Record<string, unknown>) => console.log(JSON.stringify({ bench: 'personalData', ...figure }));

const registration = (customerId: string) => ({
  type: 'CustomerRegistered',
  data: {
    customerId,
    salespersonId: 'sp-1',
    status: 'active',
    validUntil: null,
    contacts: [
      { id: randomUUID(), category: 'primary', name: '王经理', departmentAndTitle: '采购部 经理', mobile: '13812345678', email: 'wang@example.com' },
      { id: randomUUID(), category: 'secondary', name: '李工', phone: '021-12345678' },
    ],
    archive: { name: `公司-${customerId}`, legalRepresentative: '张三', region: '华东' },
    enteredAt: new Date().toISOString(),
  },
});

const side = async (db: Db, sealing: boolean) => {
  const schema = `bench_pii_${randomBytes(4).toString('hex')}`;
  await migrate(db, schema, storeMigrations);
  const real = createKeyring(db, schema, randomBytes(32));
  const keyring: Keyring = sealing ? real : { ...real, sealAll: async (events) => events.map((e) => e.data) };
  const store = createEventStore(db, { schema, eventTypes: allEventTypes, keyring });
  const ids: string[] = [];
  return {
    schema,
    append: async (n: number) => {
      const t = performance.now();
      for (let i = 0; i < n; i += 1) {
        const id = randomUUID();
        const r = await store.append(customerStreamId(id), 'noStream', [registration(id)], { metadata })();
        if (E.isLeft(r)) throw new Error(r.left.message);
        ids.push(id);
      }
      return performance.now() - t;
    },
    project: async () => {
      const engine = createProjectionEngine({ db, schema, projections: allProjections });
      await engine.start();
      await engine.catchUp(600_000);
      await engine.stop();
    },
    read: async () => {
      const t = performance.now();
      for (const id of ids) if ((await customerArchive({ db, schema, keyring }, id)) === null) throw new Error('no archive');
      return performance.now() - t;
    },
    drop: () => db.exec(`drop schema ${schema} cascade`),
  };
};

const run = async (adapter: string, db: Db) => {
  const [sealed, plain] = [await side(db, true), await side(db, false)];
  const times = { sealedAppend: 0, plainAppend: 0, sealedRead: 0, plainRead: 0 };
  const rounds = 5;
  for (let r = 0; r < rounds; r += 1) {
    times.plainAppend += await plain.append(customers / rounds);
    times.sealedAppend += await sealed.append(customers / rounds);
  }
  await plain.project();
  await sealed.project();
  for (let r = 0; r < rounds; r += 1) {
    times.plainRead += await plain.read();
    times.sealedRead += await sealed.read();
  }
  const perSecond = (n: number, ms: number) => Math.round(n / (ms / 1000));
  emit({ adapter, figure: 'single-event appends of a registration with 2 contacts and a legal representative', unit: 'appends/s', sealed: perSecond(customers, times.sealedAppend), plain: perSecond(customers, times.plainAppend), ratio: +(times.plainAppend / times.sealedAppend).toFixed(2) });
  emit({ adapter, figure: 'archive reads (customerArchive) of those customers', unit: 'reads/s', sealed: perSecond(customers * rounds, times.sealedRead), plain: perSecond(customers * rounds, times.plainRead), ratio: +(times.plainRead / times.sealedRead).toFixed(2) });
  await sealed.drop();
  await plain.drop();
};

if (only !== 'postgres') {
  const db = await openPgliteDb();
  await run('pglite', db);
  await db.close();
}
if (only !== 'pglite') {
  const db = openPostgresDb(postgresUrl);
  await run('postgres', db);
  await db.close();
}
