/**
 * A writer for the backup --follow test, run as its own process (so that the test can
 * kill it at any moment): registers customers one after another and prints `ack <position>`
 * for each append once it is committed — the acknowledgement a caller would have had.
 * DATABASE_URL and SCHEMA name the store.
 */
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { registerCustomer } from '../../../src/app/customer/index.js';
import { openStore, trackAppends } from '../../../src/store/index.js';

const clerk = { id: 'u-writer', name: '王芳', roles: ['archiveClerk' as const] };
const opened = await openStore({ databaseUrl: process.env.DATABASE_URL, schema: process.env.SCHEMA, masterKey: { kind: 'file', path: process.env.PII_MASTER_KEY_FILE! } });
const register = registerCustomer({ store: opened.store });
for (;;) {
  const { result, appended } = await trackAppends(() =>
    register({ customerId: randomUUID(), name: `跟随客户-${randomUUID().slice(0, 8)}`, salespersonId: 'sp-1', status: 'active', meta: { actor: clerk, at: new Date().toISOString(), reason: '新客户建档' } })(),
  );
  if (E.isRight(result) && appended) process.stdout.write(`ack ${appended.position}\n`);
  else if (E.isLeft(result)) process.stderr.write(`refused: ${JSON.stringify(result.left)}\n`);
  await new Promise((r) => setTimeout(r, 10 + Math.random() * 40));
}
