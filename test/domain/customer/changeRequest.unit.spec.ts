import { describe, expect, test } from 'vitest';
import {
  type ArchiveFieldsPatch,
  type ChangeRequestCommand,
  type ChangeRequestDecision,
  changeRequestDecider,
} from '../../../src/domain/customer/index.js';
import type { CommandMeta } from '../../../src/domain/shared/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import {
  archiveClerk,
  at,
  auditor,
  by,
  clerkAndSalesperson,
  customerId,
  otherArchiveClerk,
  registered,
  requestId,
  salesperson,
  serviceClerk,
} from './fixtures.js';

const spec = deciderSpec(changeRequestDecider);
const customer = registered({ archive: { name: '宁波华美工艺品有限公司', region: '浙江' } });
const zhang = { id: 'u-sales', name: '张伟' };
const wang = { id: 'u-clerk', name: '王丽' };

const propose = (changes: ArchiveFieldsPatch = { region: '浙江宁波', remarks: '新增' }, meta = by(salesperson, '客户搬迁')): ChangeRequestCommand => ({
  type: 'ProposeChange',
  data: { requestId, customerId, changes },
  meta,
});
const decide = (decision: ChangeRequestDecision, meta: CommandMeta = by(archiveClerk, '已核实')): ChangeRequestCommand => ({
  type: 'DecideChangeRequest',
  data: { requestId, decision },
  meta,
});

const changes = [
  { field: 'region' as const, from: '浙江', to: '浙江宁波' },
  { field: 'remarks' as const, from: null, to: '新增' },
];
const requested = { type: 'ChangeRequested' as const, data: { requestId, customerId, changes, requestedBy: zhang, at: at(1) } };
const applied = { type: 'ChangeRequestApplied' as const, data: { requestId, customerId, decidedBy: wang, at: at(1) } };
const rejected = { type: 'ChangeRequestRejected' as const, data: { requestId, customerId, decidedBy: wang, at: at(1) } };
const changedByRequest = { type: 'ArchiveFieldsChanged' as const, data: { customerId, changes, changeRequestId: requestId } };

describe('proposing a change (修改申请)', () => {
  test('a salesperson proposes it in writing; the request records each field’s value when asked', () =>
    spec.given(customer).when(propose()).then(requested));
  test('the service clerk proposes it', () =>
    spec.given(customer).when(propose(undefined, by(serviceClerk))).then({ ...requested, data: { ...requested.data, requestedBy: { id: 'u-service', name: '李娜' } } }));
  test('the archive clerk changes directly and cannot propose', () =>
    spec.given(customer).when(propose(undefined, by(archiveClerk))).thenRefused('RoleNotAllowed'));
  test('the auditor cannot propose', () => spec.given(customer).when(propose(undefined, by(auditor))).thenRefused('RoleNotAllowed'));
  test('a proposal needs its reason', () =>
    spec.given(customer).when(propose(undefined, by(salesperson, null))).thenRefused('ReasonRequired'));
  test('a proposal of values already held is refused', () =>
    spec.given(customer).when(propose({ region: '浙江', remarks: null })).thenRefused('ChangeRequestChangesNothing'));
  test('a proposal on an unknown customer is refused', () => spec.given().when(propose()).thenRefused('CustomerNotFound'));
  test('a second proposal with the same id is refused', () =>
    spec.given(customer, requested).when(propose()).thenRefused('ChangeRequestAlreadyExists'));
});

describe('when a request is pending', () => {
  test('the archive clerk applies it: the change is linked to the request', () =>
    spec.given(customer, requested).when(decide('apply')).then(applied, changedByRequest));
  test('the archive clerk rejects it with a reason', () => spec.given(customer, requested).when(decide('reject')).then(rejected));
  test('a decision needs a reason', () =>
    spec.given(customer, requested).when(decide('reject', by(archiveClerk, null))).thenRefused('ReasonRequired'));
  test('only the archive clerk decides', () =>
    spec.given(customer, requested).when(decide('apply', by(serviceClerk))).thenRefused('RoleNotAllowed'));
  test('its requester cannot apply it', () => {
    const ownRequest = { ...requested, data: { ...requested.data, requestedBy: { id: clerkAndSalesperson.id, name: clerkAndSalesperson.name } } };
    spec.given(customer, ownRequest).when(decide('apply', by(clerkAndSalesperson))).thenRefused('ApproverIsRequester');
  });
  test('a request whose target changed meanwhile is stale', () => {
    const meanwhile = { type: 'ArchiveFieldsChanged' as const, data: { customerId, changes: [{ field: 'region' as const, from: '浙江', to: '上海' }] } };
    const error = spec.given(customer, requested, meanwhile).when(decide('apply')).thenRefused('ChangeRequestIsStale');
    expect(error.message).toContain('region');
  });
  test('a request that would leave the archive contradicting itself is refused when proposed', () =>
    spec.given(customer).when(propose({ companyTypeOther: '外贸服务商' })).thenRefused('CompanyTypeTextWithoutOther'));
  test('a request that other changes meanwhile made contradictory is refused when applied', () => {
    const other = registered({ archive: { name: '宁波华美工艺品有限公司', companyType: 'other' } });
    const textRequested = {
      type: 'ChangeRequested' as const,
      data: { requestId, customerId, changes: [{ field: 'companyTypeOther' as const, from: null, to: '外贸服务商' }], requestedBy: zhang, at: at(1) },
    };
    const meanwhile = { type: 'ArchiveFieldsChanged' as const, data: { customerId, changes: [{ field: 'companyType' as const, from: 'other', to: 'agent' }] } };
    spec.given(other, textRequested, meanwhile).when(decide('apply')).thenRefused('CompanyTypeTextWithoutOther');
  });
  test('a change to the same value meanwhile also makes it stale: it was decided without the request', () => {
    const meanwhile = { type: 'ArchiveFieldsChanged' as const, data: { customerId, changes: [{ field: 'remarks' as const, from: null, to: '新增' }] } };
    spec.given(customer, requested, meanwhile).when(decide('apply')).thenRefused('ChangeRequestIsStale');
  });
  test('a change to another field meanwhile does not make it stale', () => {
    const meanwhile = { type: 'ArchiveFieldsChanged' as const, data: { customerId, changes: [{ field: 'profile' as const, from: null, to: '出口商' }] } };
    spec.given(customer, requested, meanwhile).when(decide('apply')).then(applied, changedByRequest);
  });
  test('a stale request can still be rejected', () => {
    const meanwhile = { type: 'ArchiveFieldsChanged' as const, data: { customerId, changes: [{ field: 'region' as const, from: '浙江', to: '上海' }] } };
    spec.given(customer, requested, meanwhile).when(decide('reject')).then(rejected);
  });
});

describe('when a request was decided', () => {
  test('applying it again is a no-op', () => spec.given(customer, requested, applied, changedByRequest).when(decide('apply')).then());
  test('rejecting an applied request is refused', () =>
    spec.given(customer, requested, applied, changedByRequest).when(decide('reject')).thenRefused('ChangeRequestAlreadyDecided'));
  test('rejecting it again is a no-op', () => spec.given(customer, requested, rejected).when(decide('reject')).then());
  test('applying a rejected request is refused', () =>
    spec.given(customer, requested, rejected).when(decide('apply', by(otherArchiveClerk))).thenRefused('ChangeRequestAlreadyDecided'));
});

describe('when there is no such request', () => {
  test('a decision is refused', () => spec.given(customer).when(decide('apply')).thenRefused('ChangeRequestNotFound'));
});
