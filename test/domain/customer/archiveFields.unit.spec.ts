import { describe, test } from 'vitest';
import { type ArchiveFieldsPatch, type ChangeArchiveFields, customerDecider } from '../../../src/domain/customer/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import { archiveClerk, auditor, by, customerId, registered, serviceClerk } from './fixtures.js';

const spec = deciderSpec(customerDecider);

const change = (changes: ArchiveFieldsPatch, meta = by(archiveClerk)): ChangeArchiveFields => ({
  type: 'ChangeArchiveFields',
  data: { customerId, changes },
  meta,
});

const withArchive = registered({
  archive: { name: '宁波华美工艺品有限公司', region: '浙江', registeredCapital: '100.00', sales: { annual: '10.00' } },
});

describe('when the customer is registered', () => {
  test('the event lists exactly the fields whose value differs, old and new', () =>
    spec
      .given(withArchive)
      .when(change({ region: '浙江宁波', registeredCapital: '100', website: 'https://huamei.example.cn', sales: { annual: '10' } }))
      .then({
        type: 'ArchiveFieldsChanged',
        data: {
          customerId,
          changes: [
            { field: 'region', from: '浙江', to: '浙江宁波' },
            { field: 'website', from: null, to: 'https://huamei.example.cn' },
          ],
        },
      }));

  test('null clears a field, and an empty group clears the group', () =>
    spec
      .given(withArchive)
      .when(change({ region: null, sales: {}, remarks: null }))
      .then({
        type: 'ArchiveFieldsChanged',
        data: {
          customerId,
          changes: [
            { field: 'region', from: '浙江', to: null },
            { field: 'sales', from: { annual: '10.00' }, to: null },
          ],
        },
      }));

  test('a group is replaced whole', () =>
    spec
      .given(withArchive)
      .when(change({ sales: { peakSeason: '5' } }))
      .then({
        type: 'ArchiveFieldsChanged',
        data: { customerId, changes: [{ field: 'sales', from: { annual: '10.00' }, to: { peakSeason: '5.00' } }] },
      }));

  test('a rename is a change of the name field', () =>
    spec
      .given(withArchive)
      .when(change({ name: '宁波华美集团' }))
      .then({
        type: 'ArchiveFieldsChanged',
        data: { customerId, changes: [{ field: 'name', from: '宁波华美工艺品有限公司', to: '宁波华美集团' }] },
      }));

  test('a change to values already held is an accepted no-op', () =>
    spec.given(withArchive).when(change({ region: '浙江', registeredCapital: '100.0' })).then());

  test('an empty change is an accepted no-op', () => spec.given(withArchive).when(change({})).then());

  test('the service clerk cannot change it directly (专人负责)', () =>
    spec.given(withArchive).when(change({ region: '上海' }, by(serviceClerk))).thenRefused('RoleNotAllowed'));

  test('the auditor cannot change it', () =>
    spec.given(withArchive).when(change({ region: '上海' }, by(auditor))).thenRefused('RoleNotAllowed'));

  test('a change without a reason is refused', () =>
    spec.given(withArchive).when(change({ region: '上海' }, by(archiveClerk, ''))).thenRefused('ReasonRequired'));
});

describe('when no customer has the id', () => {
  test('a change is refused', () => spec.given().when(change({ region: '上海' })).thenRefused('CustomerNotFound'));
});

describe('the text of 类型·其他 goes with the type 其他 only', () => {
  const other = registered({ archive: { name: '宁波华美工艺品有限公司', companyType: 'other', companyTypeOther: '外贸服务商' } });
  test('beside another type it is refused', () =>
    spec.given(withArchive).when(change({ companyType: 'factory', companyTypeOther: '外贸服务商' })).thenRefused('CompanyTypeTextWithoutOther'));
  test('changing the type away from 其他 while the text stays is refused', () =>
    spec.given(other).when(change({ companyType: 'agent' })).thenRefused('CompanyTypeTextWithoutOther'));
  test('changing the type and clearing the text together goes through', () =>
    spec
      .given(other)
      .when(change({ companyType: 'agent', companyTypeOther: null }))
      .then({
        type: 'ArchiveFieldsChanged',
        data: {
          customerId,
          changes: [
            { field: 'companyType', from: 'other', to: 'agent' },
            { field: 'companyTypeOther', from: '外贸服务商', to: null },
          ],
        },
      }));
  test('with the type 其他 the text is kept', () =>
    spec
      .given(withArchive)
      .when(change({ companyType: 'other', companyTypeOther: '外贸服务商' }))
      .then({
        type: 'ArchiveFieldsChanged',
        data: {
          customerId,
          changes: [
            { field: 'companyType', from: null, to: 'other' },
            { field: 'companyTypeOther', from: null, to: '外贸服务商' },
          ],
        },
      }));
});
