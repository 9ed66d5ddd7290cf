import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildEvidenceBundle } from '../../../src/app/evidence/index.js';
import { createCheckpointer, readSigningKey } from '../../../src/store/checkpoints/index.js';
import { newKeyPem, resealAfterEdit, tempDir } from '../../support/checkpoints.js';
import { storeCases, type TestStore } from '../../support/stores.js';
import { appendAt, customer, projectAll, registered } from '../../projections/support/world.js';

const figures = (customerId: string, period: string, sales: string) => ({
  type: 'MonthlyFiguresRecorded',
  data: { customerId, period, sales, creditDue: '50000.00', creditPaidOnTime: '45000.00' },
});

/** Runs the bundle's verifier as an auditor would: plain node, in a directory outside the project. */
const runVerifier = (dir: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, ['verify.mjs', ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, out: r.stdout + r.stderr };
};

/** A copy of the bundle with one byte of one file changed (`at` picks the byte's offset). */
const tampered = (bundle: string, file: string, at: (text: string) => number, by: (c: string) => string) => {
  const copy = tempDir('tampered');
  cpSync(bundle, copy, { recursive: true });
  const text = readFileSync(join(copy, file), 'utf8');
  const i = at(text);
  writeFileSync(join(copy, file), text.slice(0, i) + by(text[i]!) + text.slice(i + 1));
  return copy;
};
const nextHex = (c: string) => '0123456789abcdef'[('0123456789abcdef'.indexOf(c) + 1) % 16]!;

describe.each(storeCases)('an evidence bundle on $name', ({ open }) => {
  let t: TestStore;
  let checkpoints: string;
  let bundle: string;
  const key = newKeyPem();
  const made: string[] = [];
  const alice = customer(1);

  beforeAll(async () => {
    t = await open();
    checkpoints = tempDir('checkpoints');
    await appendAt(t, `customer-${alice}`, '2026-01-05T02:00:00.000Z', registered(alice, '华东精密机械有限公司'));
    await appendAt(t, `customer-${customer(2)}`, '2026-01-06T02:00:00.000Z', registered(customer(2), '华南电子有限公司'));
    for (const [i, period] of ['2026-01', '2026-02', '2026-03'].entries()) {
      await appendAt(t, `customerFigures-${alice}`, `2026-0${i + 2}-01T00:00:00.000Z`, figures(alice, period, `${120000 + i}.00`));
      await appendAt(t, `customerFigures-${customer(2)}`, `2026-0${i + 2}-01T00:00:00.000Z`, figures(customer(2), period, '80000.00'));
    }
    await projectAll(t);
    await createCheckpointer({ db: t.db, store: t.store, schema: t.schema, key: readSigningKey(key.privatePem), dir: checkpoints }).take('2026-12-04T08:00:00.000Z');
    const built = await buildEvidenceBundle({ db: t.db, schema: t.schema, keyring: t.keyring, checkpointDir: checkpoints }, { customerId: alice });
    bundle = tempDir('bundle');
    made.push(checkpoints, bundle);
    for (const [name, content] of Object.entries(built.files)) writeFileSync(join(bundle, name), content);
    writeFileSync(join(bundle, '..', `${bundle.split('/').at(-1)}.pub.pem`), key.publicPem);
  });
  afterAll(async () => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
    await t.close();
  });
  const publicKey = () => join(bundle, '..', `${bundle.split('/').at(-1)}.pub.pem`);

  test("holds the customer's events, their proofs, the checkpoint, its key, the report and verify.mjs", () => {
    const events = readFileSync(join(bundle, 'events.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { hashed: string });
    expect(events.map((e) => (JSON.parse(e.hashed) as { streamId: string }).streamId)).toEqual([`customer-${alice}`, ...Array(3).fill(`customerFigures-${alice}`)]);
    const report = JSON.parse(readFileSync(join(bundle, 'report.json'), 'utf8')) as { logPosition: number; report: { id: string; name: string } };
    expect(report.report).toMatchObject({ id: alice, name: '华东精密机械有限公司' });
    expect(report.logPosition).toBe(8);
  });

  test('passes node verify.mjs run outside the project, which prints what it checked', () => {
    const r = runVerifier(bundle, '--public-key', publicKey());
    expect(r.out).toContain('ok    checkpoint signed at 2026-12-04T08:00:00.000Z: the log\'s first 8 events');
    expect(r.out).toContain('ok    4 events of 2 streams: each hash recomputed from its content, 2 links between consecutive versions checked');
    expect(r.out).toContain('ok    4 events proven to be leaves of the signed tree');
    expect(r.out).toContain('bundle verified');
    expect(r.code).toBe(0);
  });

  test.each([
    ['a byte of an event', 'events.ndjson', (s: string) => s.indexOf('120001.00'), () => '9', /FAIL {2}event at position \d+ \(stream customerFigures-.* version 2\): its content does not give its hash/],
    ['a byte of a proof', 'proofs.json', (s: string) => s.indexOf('"', s.indexOf('"path": [') + 9) + 5, nextHex, /FAIL {2}event at position 1 \(stream customer-.* version 1\): its inclusion proof does not lead to the signed root/],
    ['a byte of the checkpoint', 'checkpoint.json', (s: string) => s.indexOf('"root": "') + 9, nextHex, /FAIL {2}checkpoint.json: the signature does not verify/],
    ['a byte of the signature', 'checkpoint.json', (s: string) => s.indexOf('"signature": "') + 14, (c: string) => (c === 'A' ? 'B' : 'A'), /FAIL {2}checkpoint.json: the signature does not verify/],
  ])('fails naming what, after %s is changed', (_what, file, at, by, named) => {
    const copy = tampered(bundle, file, at, by);
    made.push(copy);
    const r = runVerifier(copy, '--public-key', publicKey());
    expect(r.out).toMatch(named);
    expect(r.code).toBe(1);
  });

  test('fails with another public key', () => {
    const other = join(tempDir('other-key'), 'other.pem');
    made.push(join(other, '..'));
    writeFileSync(other, newKeyPem().publicPem);
    const r = runVerifier(bundle, '--public-key', other);
    expect(r.out).toMatch(/FAIL {2}checkpoint.json names key [0-9a-f]{64}, not this public key/);
    expect(r.code).toBe(1);
  });

  test('is refused over a log re-sealed since the checkpoint', async () => {
    const s = await open();
    try {
      const dir = tempDir('checkpoints');
      made.push(dir);
      const [e] = await appendAt(s, `customer-${alice}`, '2026-01-05T02:00:00.000Z', registered(alice, '华东精密机械有限公司'));
      await createCheckpointer({ db: s.db, store: s.store, schema: s.schema, key: readSigningKey(key.privatePem), dir }).take('2026-12-04T08:00:00.000Z');
      await resealAfterEdit(s.db, s.schema, e!.position, JSON.stringify({ ...(e!.data as object), salespersonId: 'sp-2' }));
      await expect(buildEvidenceBundle({ db: s.db, schema: s.schema, keyring: s.keyring, checkpointDir: dir }, { customerId: alice })).rejects.toMatchObject({ code: 'LogNotConsistent' });
    } finally {
      await s.close();
    }
  });

  test("after the contact is erased, a new bundle shows 已删除, holds no plaintext of it, and still verifies", async () => {
    const contactId = `${alice.slice(0, -4)}c0c0`;
    await appendAt(t, `customer-${alice}`, '2026-03-01T00:00:00.000Z', { type: 'ContactErased', data: { customerId: alice, contactId } });
    await projectAll(t);
    await createCheckpointer({ db: t.db, store: t.store, schema: t.schema, key: readSigningKey(key.privatePem), dir: checkpoints }).take('2026-12-04T09:00:00.000Z');
    const built = await buildEvidenceBundle({ db: t.db, schema: t.schema, keyring: t.keyring, checkpointDir: checkpoints }, { customerId: alice, asOf: '2026-02-01T00:00:00.000Z' });
    const after = tempDir('bundle-erased');
    made.push(after);
    for (const [name, content] of Object.entries(built.files)) writeFileSync(join(after, name), content);
    writeFileSync(join(after, '..', `${after.split('/').at(-1)}.pub.pem`), key.publicPem);
    const report = JSON.parse(built.files['report.json']!) as { report: { contacts: { name: string; mobile: string }[] } };
    expect(report.report.contacts).toEqual([expect.objectContaining({ id: contactId, name: '已删除', mobile: '已删除' })]);
    expect(Object.values(built.files).some((f) => f.includes('陈明') || f.includes('13812345678'))).toBe(false);
    const r = runVerifier(after, '--public-key', join(after, '..', `${after.split('/').at(-1)}.pub.pem`));
    expect(r.out).toContain('bundle verified');
    expect(r.code).toBe(0);
  });
});
