import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { erasedValue } from '../../../src/domain/personalData.js';
import { newKey, sealValue, wrapKey } from '../../../src/store/pii/cipher.js';
import { storeCases, testMasterKey, type TestStore } from '../../support/stores.js';

describe.each(storeCases)('revealing sealed values on $name', ({ open }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(() => t.close());

  const keyId = randomUUID();
  const key = newKey();
  const wrapped = { [keyId]: wrapKey(testMasterKey, keyId, key).toString('base64') };

  test('opens every sealed value, leaves the rest as it is (not copied) and never changes what it was given (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (plain, secret) => {
        const sealed = sealValue(key, keyId, secret);
        const value = { plain, list: [plain, sealed], nested: { deeper: { sealed }, plain } };
        const before = structuredClone(value);
        const revealed = t.keyring.revealWith(value, wrapped);
        expect(revealed).toEqual({ plain, list: [plain, secret], nested: { deeper: { sealed: secret }, plain } });
        expect(value).toEqual(before);
        expect(revealed.plain).toBe(value.plain);
        expect(revealed.nested.plain).toBe(value.nested.plain);
        expect(t.keyring.revealWith(plain, wrapped)).toBe(plain);
      }),
    );
  });

  test('a value whose key is gone reads as erased', () => {
    const value = [{ name: sealValue(key, keyId, '张三') }, { other: 1 }];
    expect(t.keyring.revealWith(value, {})).toEqual([{ name: erasedValue }, { other: 1 }]);
  });
});
