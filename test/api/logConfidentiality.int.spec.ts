import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loggedError } from '../../src/api/logger.js';
import { storeCases } from '../support/stores.js';
import { archiveBody } from './routes/customersFixtures.js';
import { openProductApp, type ProductApp } from './support/productApp.js';

/**
 * No log line carries event data or request bodies (issue 12 §5): a write that the
 * database refuses logs the error, and on PGlite that error held the statement's
 * parameters — the whole event batch, mobiles and invoicing accounts included.
 */
const mobile = '13912348765';
const account = '6222 0210 9988 7766';

const confidential = (name: string) => {
  const body = archiveBody(name);
  return {
    ...body,
    contacts: [{ ...body.contacts[0]!, mobile }],
    invoicing: { ...body.invoicing, accountNumber: account },
    remarks: `秘密备注-${name}`,
  };
};

describe.each(storeCases)('what the log holds on $name', ({ open }) => {
  let p: ProductApp;
  let token: string;
  beforeAll(async () => {
    p = await openProductApp(open);
    token = await p.everyRole();
  });
  afterAll(() => p.close());

  const logText = () => JSON.stringify(p.logLines);

  test('a write the database refuses is logged as an error without the event data or the body', async () => {
    // The database refuses every new customer: the append fails inside PostgreSQL.
    await p.store.db.exec(`alter table ${p.store.schema}.events add constraint refuse_registrations check (type <> 'CustomerRegistered') not valid`);
    try {
      const name = `日志测试-${Math.random().toString(36).slice(2, 8)}`;
      const res = await request(p.app).post('/customers').set('Authorization', `Bearer ${token}`).send(confidential(name));
      expect(res.status).toBe(500);
      const errors = p.logLines.filter((l) => l.level === 50);
      expect(errors.length).toBeGreaterThan(0);
      expect(JSON.stringify(errors)).toMatch(/23514/); // the check violation's SQLSTATE is kept: the operator learns what failed
      const text = logText();
      for (const secret of [mobile, account.replace(/ /g, ''), account, `秘密备注-${name}`, name]) expect(text).not.toContain(secret);
    } finally {
      await p.store.db.exec(`alter table ${p.store.schema}.events drop constraint refuse_registrations`);
    }
  });

  test('accepted and refused requests log neither bodies nor their values', async () => {
    const name = `日志测试-${Math.random().toString(36).slice(2, 8)}`;
    expect((await request(p.app).post('/customers').set('Authorization', `Bearer ${token}`).send(confidential(name))).status).toBe(201);
    const bad = { ...confidential(name), website: 'not a url' };
    expect((await request(p.app).post('/customers').set('Authorization', `Bearer ${token}`).send(bad)).status).toBe(400);
    const text = logText();
    for (const secret of [mobile, account, `秘密备注-${name}`]) expect(text).not.toContain(secret);
  });
});

describe('errors as logged', () => {
  test('keep kind, message, code and frames; drop what a driver error carries beside them', () => {
    const e = Object.assign(new Error('invalid input syntax for type uuid: "13912348765"'), {
      code: '22P02',
      params: [{ mobile }],
      detail: `Failing row contains (${mobile})`,
      where: `unnamed portal parameter $1 = '${mobile}'`,
      query: 'select 1',
    });
    const logged = loggedError(e);
    expect(JSON.stringify(logged)).not.toContain(mobile);
    expect(logged).toMatchObject({ type: 'Error', code: '22P02', message: 'invalid input syntax for type uuid: "…"' });
  });

  test('a bug keeps its message and its cause', () => {
    const logged = loggedError(new Error('outer', { cause: new TypeError('inner') }));
    expect(logged).toMatchObject({ type: 'Error', message: 'outer', cause: { type: 'TypeError', message: 'inner' } });
  });
});
