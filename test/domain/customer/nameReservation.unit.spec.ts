import { describe, expect, test } from 'vitest';
import {
  type NameReservationCommand,
  customerNameStreamId,
  customerStreamId,
  changeRequestStreamId,
  nameReservationDecider,
  normaliseCustomerName,
} from '../../../src/domain/customer/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import { customerId, otherCustomerId } from './fixtures.js';

const spec = deciderSpec(nameReservationDecider);
const name = '宁波华美工艺品有限公司';
const reserve = (id = customerId): NameReservationCommand => ({ type: 'ReserveCustomerName', data: { customerId: id, name } });
const release = (id = customerId): NameReservationCommand => ({ type: 'ReleaseCustomerName', data: { customerId: id, name } });
const reserved = (id = customerId) => ({ type: 'CustomerNameReserved' as const, data: { customerId: id, name } });
const released = (id = customerId) => ({ type: 'CustomerNameReleased' as const, data: { customerId: id, name } });

describe('when the name is free', () => {
  test('a customer reserves it', () => spec.given().when(reserve()).then(reserved()));
  test('releasing it changes nothing', () => spec.given().when(release()).then());
  test('a released name is free again', () => spec.given(reserved(), released()).when(reserve(otherCustomerId)).then(reserved(otherCustomerId)));
});

describe('when a customer holds the name', () => {
  test('another customer cannot reserve it', () => {
    const error = spec.given(reserved()).when(reserve(otherCustomerId)).thenRefused('CustomerNameTaken');
    expect(error.message).toContain(name);
  });
  test('its holder reserving it again is a no-op', () => spec.given(reserved()).when(reserve()).then());
  test('its holder releases it', () => spec.given(reserved()).when(release()).then(released()));
  test('another customer releasing it changes nothing', () => spec.given(reserved()).when(release(otherCustomerId)).then());
});

const adopt = (id = customerId): NameReservationCommand => ({ type: 'AdoptCustomerName', data: { customerId: id, name } });

describe('a look-alike stream held by more than one customer (names held from before it, back-filled)', () => {
  test('adopting records a holder beside the one there', () =>
    spec.given(reserved()).when(adopt(otherCustomerId)).then(reserved(otherCustomerId)));
  test('adopting a name its customer holds already is a no-op', () => spec.given(reserved()).when(adopt()).then());
  test('while either holds it, a third customer cannot reserve it', () => {
    const third = '00000000-0000-4000-8000-000000000333';
    spec.given(reserved(), reserved(otherCustomerId)).when(reserve(third)).thenRefused('CustomerNameTaken');
    spec.given(reserved(), reserved(otherCustomerId), released()).when(reserve(third)).thenRefused('CustomerNameTaken');
  });
  test('each holder reserving it again is a no-op', () => spec.given(reserved(), reserved(otherCustomerId)).when(reserve(otherCustomerId)).then());
  test('once both released it, it is free', () =>
    spec.given(reserved(), reserved(otherCustomerId), released(), released(otherCustomerId)).when(reserve()).then(reserved()));
});

describe('names people read as the same', () => {
  test.each([
    ['宁波华美工艺品有限公司', ' 宁波华美工艺品有限公司 '],
    ['ACME Trading Co.', 'acme  trading co.'],
    ['ＡＣＭＥ　Ｔｒａｄｉｎｇ', 'ACME Trading'],
    ['华美（宁波）有限公司', '华美(宁波)有限公司'],
  ])('%s and %s share one reservation stream', (a, b) => {
    expect(normaliseCustomerName(a)).toBe(normaliseCustomerName(b));
    expect(customerNameStreamId(a)).toBe(customerNameStreamId(b));
  });

  test('different names have different streams', () =>
    expect(customerNameStreamId('华美工艺')).not.toBe(customerNameStreamId('华美工艺品')));

  test('stream ids fit the store’s pattern', () => {
    for (const id of [customerNameStreamId(name), customerStreamId(customerId), changeRequestStreamId(customerId)]) {
      expect(id).toMatch(/^[a-z][A-Za-z0-9]*-[A-Za-z0-9._:-]{1,200}$/);
    }
    expect(customerNameStreamId(name)).toMatch(/^customerName-[0-9a-f]{64}$/);
  });
});
