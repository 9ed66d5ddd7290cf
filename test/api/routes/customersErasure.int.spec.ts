import * as E from 'fp-ts/Either';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inject } from 'vitest';
import { allEventTypes } from '../../../src/domain/eventTypes.js';
import { backupEventLog } from '../../../src/store/backup/index.js';
import { migrate } from '../../../src/store/index.js';
import { storeMigrations } from '../../../src/store/migrations/index.js';
import { openPgliteDb } from '../../../src/store/pglite/db.js';
import { createKeyring } from '../../../src/store/pii/keyring.js';
import { createEventStore } from '../../../src/store/sqlEventStore.js';
import { type StoreCase, postgresCases, testMasterKey } from '../../support/stores.js';
import { client, type CustomersApp, expectProblem, openCustomersApp, uniqueName } from './customersApp.js';
import { archiveBody } from './customersFixtures.js';

/** PGlite in a directory of its own, so that its files can be read after the erasure. */
const pgliteOnDisk = (dir: string): StoreCase => ({
  name: 'pglite',
  open: async () => {
    const db = await openPgliteDb(dir);
    const schema = 'ledger';
    await migrate(db, schema, storeMigrations);
    const keyring = createKeyring(db, schema, testMasterKey);
    return { db, schema, keyring, store: createEventStore(db, { schema, eventTypes: allEventTypes, keyring }), close: () => db.close() };
  },
});

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

/** Which of the values occur in the bytes (UTF-8, as PostgreSQL stores text). */
const found = (values: readonly string[], bytes: Buffer): string[] => values.filter((v) => bytes.includes(Buffer.from(v, 'utf8')));

const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');

type Case = { label: string; store: StoreCase; dataDir?: string };

const cases = (): Case[] => {
  const dataDir = mkdtempSync(join(tmpdir(), 'erasure-pglite-'));
  return [{ label: 'PGlite on disk', store: pgliteOnDisk(dataDir), dataDir }, ...postgresCases.map((c) => ({ label: 'PostgreSQL', store: c }))];
};

/**
 * 个人信息保护法 art. 47: after the sales admin manager erases a contact and the legal
 * representative, none of their values remains anywhere — views at every time point,
 * the history, the subject access answer, the database's files and a full dump, the
 * logs, a backup taken afterwards — while the hash chains verify.
 */
describe.each(cases())('erasing personal information on $label', ({ store, dataDir }) => {
  let c: CustomersApp;
  let as: ReturnType<typeof client>;
  const logs: string[] = [];
  const tokens: Record<string, string> = {};
  const erased = {
    name: `隐私联系人${digits(6)}`,
    title: `采购部 ${digits(6)}号`,
    mobile: `139${digits(8)}`,
    changedMobile: `137${digits(8)}`,
    phone: `021-${digits(8)}`,
    email: `p${digits(8)}@example.com`,
    legalRepresentative: `法人代表${digits(6)}`,
    laterRepresentative: `新法人${digits(6)}`,
  };
  const kept = { name: `留下的人${digits(6)}`, mobile: `136${digits(8)}` };
  let customerId = '';
  let erasedContact = '';
  let keptContact = '';
  let before = '';

  beforeAll(async () => {
    c = await openCustomersApp(store.open, { log: (line) => logs.push(line) });
    as = client(c.app);
    tokens.clerk = await c.token(['archiveClerk'], 'clerk-1');
    tokens.manager = await c.token(['salesAdminManager'], 'manager-1');
    tokens.auditor = await c.token(['auditor'], 'auditor-1');

    const body = {
      ...archiveBody(uniqueName('甲公司')),
      legalRepresentative: erased.legalRepresentative,
      contacts: [
        { category: 'primary', name: erased.name, departmentAndTitle: erased.title, phone: erased.phone, mobile: erased.mobile, email: erased.email },
        { category: 'secondary', name: kept.name, mobile: kept.mobile },
      ],
    };
    const res = await as(tokens.clerk).post('/customers').send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    customerId = res.body.id;
    const archive = await as(tokens.clerk).get(`/customers/${customerId}`);
    erasedContact = archive.body.contacts.find((x: { name: string }) => x.name === erased.name).id;
    keptContact = archive.body.contacts.find((x: { name: string }) => x.name === kept.name).id;
    const changed = await as(tokens.clerk)
      .patch(`/customers/${customerId}/contacts/${erasedContact}`)
      .send({ mobile: erased.changedMobile, reason: '换号' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const rep = await as(tokens.clerk).patch(`/customers/${customerId}`).send({ legalRepresentative: erased.laterRepresentative, reason: '法人变更' });
    expect(rep.status, JSON.stringify(rep.body)).toBe(200);
    before = new Date().toISOString();
  });
  afterAll(async () => {
    await c.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('before the erasure, subject access answers every value held about the contact, with who recorded it and why', async () => {
    const res = await as(tokens.auditor).get(`/customers/${customerId}/contacts/${erasedContact}/personal-data`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ subject: `contact:${erasedContact}`, erasedAt: null });
    expect(res.body.entries.map((e: { type: string }) => e.type)).toEqual(['CustomerRegistered', 'ContactChanged']);
    expect(res.body.entries[0].values).toEqual(
      expect.arrayContaining([
        { path: 'contacts.0.name', value: erased.name },
        { path: 'contacts.0.mobile', value: erased.mobile },
      ]),
    );
    expect(res.body.entries[1]).toMatchObject({ reason: '换号', values: [{ path: 'changes.0.from', value: erased.mobile }, { path: 'changes.0.to', value: erased.changedMobile }] });
  });

  test('only the sales admin manager erases, with a reason; an unknown contact is 404', async () => {
    expectProblem(await as(tokens.clerk).post(`/customers/${customerId}/contacts/${erasedContact}/erasure`).send({ reason: '本人要求' }), 403);
    expectProblem(await as(tokens.manager).post(`/customers/${customerId}/contacts/${erasedContact}/erasure`).send({}), 400);
    expectProblem(await as(tokens.manager).post(`/customers/${customerId}/contacts/${randomUUID()}/erasure`).send({ reason: '本人要求' }), 404);
  });

  describe('after the contact and the legal representative are erased', () => {
    beforeAll(async () => {
      const contact = await as(tokens.manager).post(`/customers/${customerId}/contacts/${erasedContact}/erasure`).send({ reason: '本人撤回同意（个人信息保护法第四十七条）' });
      expect(contact.status, JSON.stringify(contact.body)).toBe(200);
      const rep = await as(tokens.manager).post(`/customers/${customerId}/legal-representative/erasure`).send({ reason: '合作结束，目的已实现' });
      expect(rep.status, JSON.stringify(rep.body)).toBe(200);
    });

    test('the archive as it stood before shows 已删除 in place of every erased value; the other contact is untouched', async () => {
      for (const query of [`asOf=${before}`, `knownAt=${before}`, `asOf=${before}&knownAt=${before}`]) {
        const res = await as(tokens.clerk).get(`/customers/${customerId}?${query}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.legalRepresentative).toBe('已删除');
        expect(res.body.contacts).toEqual([
          { id: erasedContact, category: 'primary', name: '已删除', departmentAndTitle: '已删除', phone: '已删除', mobile: '已删除', email: '已删除' },
          { id: keptContact, category: 'secondary', name: kept.name, mobile: kept.mobile },
        ]);
      }
    });

    test('now the erased contact has left the archive, and a new legal representative is kept under a new key', async () => {
      const now = await as(tokens.clerk).get(`/customers/${customerId}`);
      expect(now.body.contacts).toEqual([{ id: keptContact, category: 'secondary', name: kept.name, mobile: kept.mobile }]);
      expect(now.body.legalRepresentative).toBe('已删除');
      const set = await as(tokens.clerk).patch(`/customers/${customerId}`).send({ legalRepresentative: '继任法人', reason: '法人变更' });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      expect((await as(tokens.clerk).get(`/customers/${customerId}`)).body.legalRepresentative).toBe('继任法人');
      const changeErased = await as(tokens.clerk).patch(`/customers/${customerId}/contacts/${erasedContact}`).send({ mobile: '13912345678', reason: 'x' });
      expectProblem(changeErased, 404, 'ContactNotFound');
    });

    test('the history shows who erased what and why, and 已删除 in every earlier entry', async () => {
      const res = await as(tokens.auditor).get(`/customers/${customerId}/history`);
      expect(res.status).toBe(200);
      const text = JSON.stringify(res.body);
      expect(found(Object.values(erased), Buffer.from(text))).toEqual([]);
      expect(res.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'ContactErased', actor: expect.objectContaining({ id: 'manager-1' }), reason: '本人撤回同意（个人信息保护法第四十七条）', data: { customerId, contactId: erasedContact } }),
          expect.objectContaining({ type: 'LegalRepresentativeErased', reason: '合作结束，目的已实现' }),
          expect.objectContaining({ type: 'ContactChanged', data: expect.objectContaining({ changes: [{ field: 'mobile', from: '已删除', to: '已删除' }] }) }),
        ]),
      );
    });

    test('subject access answers 已删除 for every value, and when it was erased', async () => {
      const res = await as(tokens.manager).get(`/customers/${customerId}/contacts/${erasedContact}/personal-data`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.erasedAt).toEqual(expect.any(String));
      expect(res.body.entries.map((e: { type: string }) => e.type)).toEqual(['CustomerRegistered', 'ContactChanged', 'ContactErased']);
      expect(res.body.entries.flatMap((e: { values: { value: unknown }[] }) => e.values.map((v) => v.value)).every((v: unknown) => v === '已删除')).toBe(true);
      const keptAnswer = await as(tokens.auditor).get(`/customers/${customerId}/contacts/${keptContact}/personal-data`);
      expect(keptAnswer.body.entries[0].values).toEqual(expect.arrayContaining([{ path: 'contacts.1.name', value: kept.name }]));
    });

    test('every hash chain still verifies', async () => {
      const report = await c.store.store.verify()();
      expect(E.isRight(report) && report.right.firstBroken).toBe(null);
    });

    test('no erased value is in any table of the store, nor in the logs, nor in a backup taken now', async () => {
      const { rows: tables } = await c.store.db.query<{ name: string }>(
        `select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables where table_schema = $1`,
        [c.store.schema],
      );
      const contents: string[] = [];
      for (const t of tables) contents.push(JSON.stringify((await c.store.db.query(`select * from ${t.name}`)).rows));
      expect(contents.length).toBeGreaterThan(5);
      expect(found(Object.values(erased), Buffer.from(contents.join('\n')))).toEqual([]);
      expect(found([kept.name], Buffer.from(contents.join('\n')))).toEqual([]); // kept values are sealed too

      expect(logs.length).toBeGreaterThan(5);
      expect(found(Object.values(erased), Buffer.from(logs.join('')))).toEqual([]);

      const backupDir = mkdtempSync(join(tmpdir(), 'erasure-backup-'));
      try {
        const taken = await backupEventLog(c.store.db, c.store.schema, backupDir, { source: { kind: c.store.db.kind, location: 'test', schema: c.store.schema } })();
        expect(E.isRight(taken)).toBe(true);
        const bytes = Buffer.concat(filesUnder(backupDir).map((f) => readFileSync(f)));
        expect(bytes.length).toBeGreaterThan(1000);
        expect(found(Object.values(erased), bytes)).toEqual([]);
      } finally {
        rmSync(backupDir, { recursive: true, force: true });
      }
    });

    test('no erased value is in a full pg_dump of the database (PostgreSQL) or in the PGlite data directory', async () => {
      if (dataDir) {
        await c.store.db.query('checkpoint');
        const bytes = Buffer.concat(filesUnder(dataDir).map((f) => readFileSync(f)));
        expect(bytes.length).toBeGreaterThan(1_000_000);
        expect(found(Object.values(erased), bytes)).toEqual([]);
      } else {
        const url = new URL(inject('databaseUrl'));
        const dump = execFileSync('pg_dump', ['--no-owner', '-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres', url.pathname.slice(1)], {
          maxBuffer: 1 << 30,
        });
        expect(dump.includes(Buffer.from(`CREATE SCHEMA ${c.store.schema}`))).toBe(true);
        expect(found(Object.values(erased), dump)).toEqual([]);
      }
    });
  });
});
