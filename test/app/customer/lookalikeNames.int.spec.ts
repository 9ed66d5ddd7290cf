import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CustomerDeps, changeArchiveFields, changeStatus, registerCustomer } from '../../../src/app/customer/index.js';
import { customerStreamId } from '../../../src/domain/customer/index.js';
import { type TestStore, storeCases } from '../../support/stores.js';
import { clerk, meta, ok, refused, uniqueName } from './support.js';

/**
 * Names that look the same are the same name (issue 12 §3): invisible characters inside
 * a name, or letters of another script that look alike, do not make a new customer;
 * a new name with a bidirectional control is refused; a blank reason is blank even when
 * it holds invisible characters.
 */
const invisibles = ['\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\ufeff', '\ufe0f', '\u034f', '\u3164'];
const bidi = ['\u202e', '\u200e', '\u200f', '\u202a', '\u2066', '\u061c'];

describe.each(storeCases)('look-alike customer names on $name', ({ open }) => {
  let t: TestStore;
  let deps: CustomerDeps;
  beforeAll(async () => {
    t = await open();
    deps = { store: t.store };
  });
  afterAll(async () => t.close());

  const register = (name: string, customerId = randomUUID()) =>
    registerCustomer(deps)({ customerId, name, salespersonId: 'u-sales', meta: meta(clerk, '新客户建档') });
  const nothingWritten = async (customerId: string) => expect(await ok(t.store.streamVersion(customerStreamId(customerId)))).toBe(0);

  test.each(invisibles.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, c]))(
    'a name with %s inside is the name without it',
    async (_label, c) => {
      const name = uniqueName('ACME Trading');
      await ok(register(name));
      const customerId = randomUUID();
      const error = await refused(register(`${name.slice(0, 2)}${c}${name.slice(2)}`, customerId));
      expect(error.code).toBe('CustomerNameTaken');
      await nothingWritten(customerId);
    },
  );

  test('a name spelt with look-alike letters of another script (Cyrillic А, О, С) is taken', async () => {
    const tail = Math.random().toString(36).slice(2, 8).replace(/[0-9]/g, 'x');
    await ok(register(`ACME Coop ${tail}`));
    const customerId = randomUUID();
    expect((await refused(register(`\u0410\u0421ME \u0421\u043e\u043ep ${tail}`, customerId))).code).toBe('CustomerNameTaken');
    await nothingWritten(customerId);
  });

  test('any invisible characters anywhere in a registered name do not make a new customer (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.constantFrom(...invisibles)), { minLength: 1, maxLength: 4 }), async (inserts) => {
        const name = uniqueName('华东精密机械有限公司');
        await ok(register(name));
        let disguised = name;
        for (const [at, c] of inserts) {
          const i = 1 + (at % (disguised.length - 1));
          disguised = `${disguised.slice(0, i)}${c}${disguised.slice(i)}`;
        }
        const customerId = randomUUID();
        expect((await refused(register(disguised, customerId))).code).toBe('CustomerNameTaken');
        await nothingWritten(customerId);
      }),
      { numRuns: 25 },
    );
  });

  test('capitals of another script that look alike are taken, whatever the case (Cyrillic НКТВМ, нктвм and Latin HKTBM)', async () => {
    const tail = Math.random().toString(36).slice(2, 8).replace(/[0-9]/g, 'x');
    await ok(register(`HKTBM Group ${tail}`));
    for (const lookalike of [`\u041d\u041a\u0422\u0412\u041c Group ${tail}`, `\u043d\u043a\u0442\u0432\u043c group ${tail}`]) {
      const customerId = randomUUID();
      expect((await refused(register(lookalike, customerId))).code).toBe('CustomerNameTaken');
      await nothingWritten(customerId);
    }
  });

  test.each(bidi.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, c]))(
    'a new name holding %s (a bidirectional control) is refused, at registration and by a rename',
    async (_label, c) => {
      const customerId = randomUUID();
      expect((await refused(register(uniqueName(`Evil${c}Corp`), customerId))).code).toBe('NameHasBidiControl');
      await nothingWritten(customerId);
      const existing = randomUUID();
      await ok(register(uniqueName('正常名称'), existing));
      const renamed = await refused(changeArchiveFields(deps)({ customerId: existing, changes: { name: uniqueName(`改${c}名`) }, meta: meta(clerk, '更名') }));
      expect(renamed.code).toBe('NameHasBidiControl');
    },
  );

  test('a lost customer frees both reservations; its look-alike may register again', async () => {
    const name = uniqueName('ACME Lost');
    const first = randomUUID();
    await ok(register(name, first));
    await ok(changeStatus(deps)({ customerId: first, status: 'lost', meta: meta(clerk, '客户流失') }));
    await ok(register(`${name.slice(0, 3)}\u200b${name.slice(3)}`));
  });

  test('a reason of only invisible characters is no reason', async () => {
    const customerId = randomUUID();
    const error = await refused(registerCustomer(deps)({ customerId, name: uniqueName('理由测试'), salespersonId: 'u-sales', meta: meta(clerk, '\u200b\u2060 \ufeff') }));
    expect(error.code).toBe('ReasonRequired');
    await nothingWritten(customerId);
  });
});
