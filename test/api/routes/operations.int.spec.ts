import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { managerRoles, Role } from '../../../src/domain/shared/index.js';
import { recordOperationRun } from '../../../src/store/index.js';
import { storeCases } from '../../support/stores.js';
import { openProductApp, type ProductApp } from '../support/productApp.js';
import { client, expectProblem } from './http.js';

const readers: readonly Role[] = ['auditor', ...managerRoles];

describe.each(storeCases)('GET /operations on $name', ({ open }) => {
  let p: ProductApp;
  let as: ReturnType<typeof client>;
  let auditor: string;

  beforeAll(async () => {
    p = await openProductApp(open);
    as = client(p.app);
    auditor = await p.token(['auditor'], 'au-1');
  });
  afterAll(() => p.close());

  test('answers null for commands never run, beside the log’s last position, and is not cached', async () => {
    const res = await as(auditor).get('/operations');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ logPosition: 0, verify: null, backup: null });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('a failed run is shown as the latest, keeping when the last passing one ran and how far it reached', async () => {
    const { db, schema } = p.store;
    await recordOperationRun(db, schema, { kind: 'backup', passed: true, summary: '/mnt/b: 0 events, up to log position 0', coveredPosition: 0 });
    const first = (await as(auditor).get('/operations')).body;
    expect(first.backup).toMatchObject({ passed: true, coveredPosition: 0, summary: '/mnt/b: 0 events, up to log position 0' });
    expect(first.backup.lastPassedAt).toBe(first.backup.lastRunAt);

    await recordOperationRun(db, schema, { kind: 'backup', passed: false, summary: '/mnt/b: no space left on device' });
    const after = (await as(auditor).get('/operations')).body;
    expect(after.backup).toMatchObject({ passed: false, summary: '/mnt/b: no space left on device', lastPassedAt: first.backup.lastPassedAt, coveredPosition: 0 });
    expect(after.verify).toBeNull();
  });

  test.each(readers)('%s may read it', async (role) => {
    expect((await as(await p.token([role], `${role}-ops`)).get('/operations')).status).toBe(200);
  });

  test.each(Role.options.filter((r) => !readers.includes(r)))('%s may not (403)', async (role) => {
    expectProblem(await as(await p.token([role], `${role}-ops`)).get('/operations'), 403, 'RoleNotAllowed');
  });

  test('without a token: 401', async () => {
    expectProblem(await as().get('/operations'), 401, 'Unauthenticated');
  });
});
