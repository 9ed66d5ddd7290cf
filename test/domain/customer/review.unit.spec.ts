import { describe, test } from 'vitest';
import { type CustomerCommand, customerDecider } from '../../../src/domain/customer/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import { archiveClerk, at, by, customerId, groupGM, registered, reviewer, reviewerAndGM, salesAdminManager } from './fixtures.js';

const spec = deciderSpec(customerDecider);

describe('renewing the validity (有效期)', () => {
  const renew = (validUntil: string, meta = by(archiveClerk, '年度复审通过')): CustomerCommand => ({
    type: 'RenewValidity',
    data: { customerId, validUntil },
    meta,
  });
  const withValidity = registered({ validUntil: '2026-12-31' });
  test('sets a first end of validity', () =>
    spec.given(registered()).when(renew('2027-06-30')).then({ type: 'ValidityRenewed', data: { customerId, from: null, to: '2027-06-30' } }));
  test('moves it later', () =>
    spec.given(withValidity).when(renew('2027-12-31')).then({ type: 'ValidityRenewed', data: { customerId, from: '2026-12-31', to: '2027-12-31' } }));
  test('to the same date is a no-op', () => spec.given(withValidity).when(renew('2026-12-31')).then());
  test('never moves it earlier', () => spec.given(withValidity).when(renew('2026-12-30')).thenRefused('ValidityNotExtended'));
  test('is for the archive clerk', () => spec.given(withValidity).when(renew('2027-12-31', by(groupGM))).thenRefused('RoleNotAllowed'));
  test('needs a reason', () => spec.given(withValidity).when(renew('2027-12-31', by(archiveClerk, null))).thenRefused('ReasonRequired'));
  test('of an unknown customer is refused', () => spec.given().when(renew('2027-12-31')).thenRefused('CustomerNotFound'));
});

describe('review (客户评审小组) and approval (集团总经理)', () => {
  const review = (meta = by(reviewer, '档案评审')): CustomerCommand => ({ type: 'ReviewArchive', data: { customerId }, meta });
  const approve = (meta = by(groupGM, '同意')): CustomerCommand => ({ type: 'ApproveArchive', data: { customerId }, meta });
  const zhao = { id: 'u-review', name: '赵强' };
  const sun = { id: 'u-gm', name: '孙总' };
  const reviewed = { type: 'ArchiveReviewed' as const, data: { customerId, reviewer: zhao, at: at(1) } };
  const approved = { type: 'ArchiveApproved' as const, data: { customerId, reviewer: zhao, approver: sun, at: at(1) } };

  describe('when the archive has not been reviewed', () => {
    test('the review board reviews it', () => spec.given(registered()).when(review()).then(reviewed));
    test('the group GM cannot approve it yet', () => spec.given(registered()).when(approve()).thenRefused('ArchiveNotReviewed'));
    test('a manager cannot review it', () => spec.given(registered()).when(review(by(salesAdminManager))).thenRefused('RoleNotAllowed'));
    test('a review needs a reason', () => spec.given(registered()).when(review(by(reviewer, null))).thenRefused('ReasonRequired'));
    test('an unknown customer cannot be reviewed', () => spec.given().when(review()).thenRefused('CustomerNotFound'));
  });

  describe('when the archive awaits approval', () => {
    test('the group GM approves it', () => spec.given(registered(), reviewed).when(approve()).then(approved));
    test('the same reviewer reviewing again is a no-op', () => spec.given(registered(), reviewed).when(review()).then());
    test('its reviewer cannot also approve it', () =>
      spec
        .given(registered(), { ...reviewed, data: { ...reviewed.data, reviewer: { id: reviewerAndGM.id, name: reviewerAndGM.name } } })
        .when(approve(by(reviewerAndGM)))
        .thenRefused('ApproverIsReviewer'));
    test('the review board cannot approve it', () => spec.given(registered(), reviewed).when(approve(by(reviewer))).thenRefused('RoleNotAllowed'));
    test('approval needs a reason', () => spec.given(registered(), reviewed).when(approve(by(groupGM, ''))).thenRefused('ReasonRequired'));
  });

  describe('when the archive is approved', () => {
    test('approving again is a no-op', () => spec.given(registered(), reviewed, approved).when(approve()).then());
    test('a new periodic review starts a new round', () => spec.given(registered(), reviewed, approved).when(review()).then(reviewed));
  });
});
