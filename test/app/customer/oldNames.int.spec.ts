import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  backfillLookalikeReservations,
  changeArchiveFields,
  changeStatus,
  nameReservationsSystemActor,
  readCustomerArchive,
  registerCustomer,
} from '../../../src/app/customer/index.js';
import { customerLookalikeStreamId, customerStreamId } from '../../../src/domain/customer/index.js';
import type { EventStore } from '../../../src/store/index.js';
import { type TestStore, storeCases } from '../../support/stores.js';
import { anotherProcess, registerOldStyle } from './oldStyleNames.js';
import { clerk, meta, ok, refused, uniqueName } from './support.js';

/**
 * Customers registered before look-alike reservations existed hold only their exact
 * name's reservation (issue 12 §3). A new name that looks like one of theirs is still
 * taken, at registration and by a rename: the first name a process reserves back-fills
 * their look-alike reservations (appended, never rewritten). Each test reads the store
 * as a process started after the upgrade does (`anotherProcess`).
 */
const tail = () => Math.random().toString(36).slice(2, 8).replace(/[0-9]/g, 'x');

describe.each(storeCases)('names held from before look-alike reservations on $name', ({ open }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(async () => t.close());

  const register = (store: EventStore, name: string, customerId = randomUUID()) =>
    registerCustomer({ store })({ customerId, name, salespersonId: 'u-sales', status: 'active', meta: meta(clerk, '新客户建档') });
  const rename = (store: EventStore, customerId: string, name: string) =>
    changeArchiveFields({ store })({ customerId, changes: { name }, meta: meta(clerk, '更名') });
  const lose = (store: EventStore, customerId: string) => changeStatus({ store })({ customerId, status: 'lost', meta: meta(clerk, '客户流失') });
  const nothingWritten = async (customerId: string) => expect(await ok(t.store.streamVersion(customerStreamId(customerId)))).toBe(0);
  const nameOf = async (store: EventStore, customerId: string) => (await ok(readCustomerArchive({ store })(customerId)))?.customer.archive.name;

  test('an old customer’s name with an invisible character inside is taken (华东精密有限公司, U+200B)', async () => {
    const name = `华东精密有限公司${tail()}`;
    await registerOldStyle(t.store, name);
    const store = anotherProcess(t);
    const customerId = randomUUID();
    expect((await refused(register(store, `华东精密\u200b有限公司${name.slice(8)}`, customerId))).code).toBe('CustomerNameTaken');
    await nothingWritten(customerId);
  });

  test('an old customer’s Latin name spelt with Cyrillic look-alikes is taken', async () => {
    const t6 = tail();
    await registerOldStyle(t.store, `ACME Coop ${t6}`);
    const customerId = randomUUID();
    expect((await refused(register(anotherProcess(t), `\u0410\u0421ME \u0421\u043e\u043ep ${t6}`, customerId))).code).toBe('CustomerNameTaken');
    await nothingWritten(customerId);
  });

  test('a customer cannot be renamed into a look-alike of an old customer’s name; its archive keeps its name', async () => {
    const old = `北方重工集团${tail()}`;
    await registerOldStyle(t.store, old);
    const store = anotherProcess(t);
    const mine = uniqueName('南方轻工');
    const id = randomUUID();
    await ok(register(store, mine, id));
    expect((await refused(rename(store, id, `北方\u2060重工集团${old.slice(6)}`))).code).toBe('CustomerNameTaken');
    expect(await nameOf(store, id)).toBe(mine);
  });

  test('the old customer itself may take a look-alike of its own name', async () => {
    const t6 = tail();
    const id = await registerOldStyle(t.store, `ACME Own ${t6}`);
    const store = anotherProcess(t);
    await ok(rename(store, id, `\u0410\u0421ME Own ${t6}`));
    expect(await nameOf(store, id)).toBe(`\u0410\u0421ME Own ${t6}`);
    expect((await refused(register(store, `ACME\u200b Own ${t6}`))).code).toBe('CustomerNameTaken');
  });

  test('the back-fill appends the look-alike reservation by the system with a reason, leaves the customer’s stream alone, and a second run adds nothing', async () => {
    const name = `宁波华美工艺品${tail()}`;
    const id = await registerOldStyle(t.store, name);
    const store = anotherProcess(t);
    const first = await ok(backfillLookalikeReservations(store));
    expect(first.adopted).toContainEqual({ customerId: id, name });
    const stream = await ok(store.readStream(customerLookalikeStreamId(name)));
    expect(stream.map((e) => [e.type, e.data, e.metadata.actor])).toEqual([['CustomerNameReserved', { customerId: id, name }, nameReservationsSystemActor]]);
    expect(stream[0]!.metadata.reason).toMatch(/back-filled/);
    expect(await ok(store.streamVersion(customerStreamId(id)))).toBe(1);
    expect((await ok(backfillLookalikeReservations(anotherProcess(t)))).adopted).toEqual([]);
  });

  test('an old look-alike pair both stay; a third look-alike is taken until both are lost', async () => {
    const name = `Pair Trading ${tail()}`;
    const a = await registerOldStyle(t.store, name);
    const b = await registerOldStyle(t.store, name.replace('Pair', 'Pa\u00adir'));
    const store = anotherProcess(t);
    const third = name.replace('Trading', 'Tr\u200bading');
    expect((await refused(register(store, third))).code).toBe('CustomerNameTaken');
    await ok(lose(store, a));
    expect((await refused(register(store, third))).code).toBe('CustomerNameTaken');
    await ok(lose(store, b));
    await ok(register(store, third));
  });

  test('an old customer that is lost frees its look-alike', async () => {
    const name = `华南五金${tail()}`;
    const id = await registerOldStyle(t.store, name);
    const store = anotherProcess(t);
    await ok(lose(store, id));
    await ok(register(store, `华南\ufeff五金${name.slice(4)}`));
  });

  test('concurrent look-alikes of an old name, in one process and in two processes that back-fill at once: all refused, the name recorded once', async () => {
    const name = `Concurrent Co ${tail()}`;
    const id = await registerOldStyle(t.store, name);
    const one = anotherProcess(t);
    const two = anotherProcess(t);
    const attempts = [
      register(one, name.replace('Co', 'C\u200bo')),
      register(one, name.replace('Co', '\u0421o')),
      register(two, name.replace('Co', 'C\u2060o')),
      register(two, name.replace('Co', 'C\u043e')),
    ];
    const answers = await Promise.all(attempts.map((a) => a()));
    expect(answers.map((r) => (r._tag === 'Left' ? r.left.code : 'registered'))).toEqual(Array(4).fill('CustomerNameTaken'));
    expect((await ok(t.store.readStream(customerLookalikeStreamId(name)))).map((e) => e.data)).toEqual([{ customerId: id, name }]);
  });

  test('two concurrent registrations of names that look alike: exactly one wins', async () => {
    const name = `Race Holdings ${tail()}`;
    const [x, y] = await Promise.all([register(anotherProcess(t), name)(), register(anotherProcess(t), name.replace('Race', 'R\u0430ce'))()]);
    expect([x, y].filter((r) => r._tag === 'Right')).toHaveLength(1);
    expect([x, y].map((r) => (r._tag === 'Left' ? r.left.code : 'registered')).sort()).toEqual(['CustomerNameTaken', 'registered']);
  });

  // Latin letters with Cyrillic look-alikes (UTS #39 confusables), some Han, a space.
  const homoglyphs: Record<string, string> = { a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х' };
  const invisibles = ['\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\ufeff', '\ufe0f', '\u034f', '\u3164'];
  const letters = [...Object.keys(homoglyphs), '华', '东', '精', '密', '有', '限', '公', '司', ' '];
  let run = 0;

  test('any old name, disguised by invisible characters and look-alike letters anywhere, is taken (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...letters), { minLength: 3, maxLength: 16 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...invisibles)), { maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (chars, inserts, swaps) => {
          // A run's own mark keeps names of different runs apart: no letter above looks like "-" or a digit.
          const base = `${chars.join('').trim() || '华东'}-${(run += 1)}`;
          await registerOldStyle(t.store, base);
          const disguised = [...base];
          for (const at of swaps) {
            const i = at % disguised.length;
            disguised[i] = homoglyphs[disguised[i]!] ?? disguised[i]!;
          }
          for (const [at, c] of inserts) disguised.splice(1 + (at % (disguised.length - 1)), 0, c);
          const customerId = randomUUID();
          const answer = await register(anotherProcess(t), disguised.join(''), customerId)();
          expect(answer._tag === 'Left' ? answer.left.code : 'registered').toBe('CustomerNameTaken');
          await nothingWritten(customerId);
        },
      ),
      { numRuns: 30 },
    );
  });
});
