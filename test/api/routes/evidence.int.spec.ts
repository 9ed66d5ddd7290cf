import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../../src/api/app.js';
import { authConfig, signToken } from '../../../src/api/auth.js';
import { createLogger } from '../../../src/api/logger.js';
import { evidenceRoutes } from '../../../src/api/routes/evidence.js';
import { Role } from '../../../src/domain/shared/index.js';
import { createCheckpointer, readSigningKey } from '../../../src/store/checkpoints/index.js';
import { newKeyPem, tempDir } from '../../support/checkpoints.js';
import { storeCases, type TestStore } from '../../support/stores.js';
import { appendAt, customer, projectAll, registered } from '../../projections/support/world.js';
import { client, expectProblem } from './http.js';
import { describeRoleMatrix } from './roleMatrix.js';

const secret = 'evidence-test-secret-of-at-least-32-characters';
const binary = (res: request.Response, done: (e: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe.each(storeCases)('GET /customers/{id}/evidence on $name', ({ open }) => {
  let t: TestStore;
  let app: Express;
  let unconfigured: Express;
  const dirs: string[] = [];
  const tokens = new Map<Role, string>();
  const key = newKeyPem();
  const alice = customer(1);

  beforeAll(async () => {
    t = await open();
    const checkpoints = tempDir('api-checkpoints');
    dirs.push(checkpoints);
    await appendAt(t, `customer-${alice}`, '2026-01-05T02:00:00.000Z', registered(alice, '华东精密机械有限公司'));
    await projectAll(t);
    await createCheckpointer({ db: t.db, store: t.store, schema: t.schema, key: readSigningKey(key.privatePem), dir: checkpoints }).take('2026-12-04T08:00:00.000Z');
    const auth = authConfig(secret);
    const make = (checkpointDir: string | undefined) =>
      createApp({ store: t.store, db: t.db, config: { bodyLimit: 256 * 1024 }, logger: createLogger('silent'), auth, routes: evidenceRoutes({ db: t.db, schema: t.schema, keyring: t.keyring, checkpointDir }) });
    app = make(checkpoints);
    unconfigured = make(undefined);
    for (const role of Role.options) tokens.set(role, await signToken(auth, { id: `u-${role}`, name: role, roles: [role] }));
  });
  afterAll(async () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await t.close();
  });

  test('gives the auditor a zip that unzips to a bundle verify.mjs passes, outside the project', async () => {
    const res = await request(app).get(`/customers/${alice}/evidence`).set('Authorization', `Bearer ${tokens.get('auditor')}`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain(`evidence-${alice}.zip`);
    const out = tempDir('api-bundle');
    dirs.push(out);
    writeFileSync(join(out, 'bundle.zip'), res.body as Buffer);
    const unzip = spawnSync('unzip', ['-q', 'bundle.zip', '-d', 'bundle'], { cwd: out, encoding: 'utf8' });
    expect(unzip.stderr).toBe('');
    writeFileSync(join(out, 'signer.pem'), key.publicPem);
    const verified = spawnSync(process.execPath, ['verify.mjs', '--public-key', join(out, 'signer.pem')], { cwd: join(out, 'bundle'), encoding: 'utf8' });
    expect(verified.stdout).toContain('ok    1 events proven to be leaves of the signed tree');
    expect(verified.status).toBe(0);
  });

  test('answers 404 for a customer that does not exist, 409 without checkpoints', async () => {
    expectProblem(await client(app)(tokens.get('auditor')).get(`/customers/${customer(9)}/evidence`), 404, 'CustomerNotFound');
    expectProblem(await client(unconfigured)(tokens.get('auditor')).get(`/customers/${alice}/evidence`), 409, 'NoSignedCheckpoint');
  });

  describeRoleMatrix(
    [{ name: 'GET /customers/{id}/evidence', allowed: ['auditor'], admitted: 200, send: (as, token) => as(token).get(`/customers/${alice}/evidence`) }],
    () => ({ as: client(app), tokens }),
  );
});
