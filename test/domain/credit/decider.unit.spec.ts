import { describe, test } from 'vitest';
import { creditRequestDecider, defaultCreditRouting, fullApprovalChain } from '../../../src/domain/credit/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import {
  adminManager,
  at,
  auditor,
  customerId,
  decide,
  doubleHatted,
  groupGm,
  requestCommand,
  requestId,
  requested,
  salesGm,
  salesperson,
  stepApproved,
  vp,
  withdraw,
} from './fixtures.js';

const spec = deciderSpec(creditRequestDecider(defaultCreditRouting));

describe('when nothing was requested', () => {
  test("a salesperson's increase opens it with the form's snapshot and the full chain", () => {
    spec.given().when(requestCommand()).then(requested());
  });

  test('a decrease goes through the manual’s four levels too', () => {
    spec
      .given()
      .when(requestCommand({ proposedLimit: '80000' }))
      .then(requested({ proposedLimit: '80000.00', direction: 'decrease', requiredSteps: ['salesAdminManager', 'salesVP', 'salesGM', 'groupGM'] }));
  });

  test('a published routing policy may shorten it, and the request records the policy version', () => {
    const shorter = { rules: [{ direction: 'increase' as const, steps: fullApprovalChain.slice() }, { direction: 'decrease' as const, steps: ['salesAdminManager' as const] }] };
    deciderSpec(creditRequestDecider(shorter, 3))
      .given()
      .when(requestCommand({ proposedLimit: '80000' }))
      .then(requested({ proposedLimit: '80000.00', direction: 'decrease', requiredSteps: ['salesAdminManager'], routingPolicyVersion: 3 }));
  });

  test('a customer without a limit starts from 0', () => {
    spec.given().when(requestCommand({ currentLimit: null })).then(requested({ originalLimit: '0.00' }));
  });

  test.each([
    ['archiveClerk', { id: 'u-clerk', name: '内勤', roles: ['archiveClerk' as const] }],
    ['a manager', { id: 'u-dept', name: '部门经理', roles: ['salesDeptManager' as const] }],
  ])('%s may request it too', (_, actor) => {
    spec.given().when(requestCommand({}, actor)).then(requested({ requester: { id: actor.id, name: actor.name } }));
  });

  test('cannot be requested by a service clerk or an auditor', () => {
    spec.given().when(requestCommand({}, { id: 'u-svc', name: '客服', roles: ['serviceClerk'] })).thenRefused('RoleNotAllowed');
    spec.given().when(requestCommand({}, auditor)).thenRefused('RoleNotAllowed');
  });

  test('cannot be requested without a written reason', () => {
    const command = requestCommand();
    spec.given().when({ ...command, meta: { ...command.meta, reason: '  ' } }).thenRefused('ReasonRequired');
  });

  test('cannot propose the current limit, however it is spelled', () => {
    spec.given().when(requestCommand({ proposedLimit: '100000' })).thenRefused('LimitUnchanged');
  });

  test('is refused when a (malformed) routing policy has no rule for the change', () => {
    const increasesOnly = deciderSpec(creditRequestDecider({ rules: [{ direction: 'increase', steps: ['salesAdminManager'] }] }));
    increasesOnly.given().when(requestCommand({ proposedLimit: '1' })).thenRefused('NoRoutingRule');
  });

  test('takes no decision and cannot be withdrawn', () => {
    spec.given().when(decide(adminManager)).thenRefused('RequestNotFound');
    spec.given().when(withdraw()).thenRefused('RequestNotFound');
  });
});

describe('when the request awaits the sales admin manager', () => {
  const past = [requested()];

  test('the sales admin manager approves step 1 with an opinion', () => {
    spec.given(...past).when(decide(adminManager, 'approve', 10, '同意,客户回款良好')).then(stepApproved(1, adminManager, 10, '同意,客户回款良好'));
  });

  test('cannot be decided by another role (the sales VP comes later)', () => {
    spec.given(...past).when(decide(vp)).thenRefused('RoleNotAllowed');
  });

  test('cannot be approved by its requester, even one who holds the role', () => {
    spec.given(requested({ requester: { id: adminManager.id, name: adminManager.name } })).when(decide(adminManager)).thenRefused('ApproverIsRequester');
  });

  test('a rejection ends it, with the opinion', () => {
    spec
      .given(...past)
      .when(decide(adminManager, 'reject', 12, '额度过高'))
      .then({
        type: 'CreditLimitChangeRejected',
        data: { requestId, customerId, step: 1, role: 'salesAdminManager', approver: { id: adminManager.id, name: adminManager.name }, opinion: '额度过高', decidedAt: at(12) },
      });
  });

  test('its requester withdraws it', () => {
    spec
      .given(...past)
      .when(withdraw())
      .then({ type: 'CreditLimitChangeWithdrawn', data: { requestId, customerId, withdrawnBy: { id: salesperson.id, name: salesperson.name }, withdrawnAt: at(30) } });
  });

  test('cannot be withdrawn by anyone else', () => {
    spec.given(...past).when(withdraw(adminManager)).thenRefused('NotTheRequester');
  });

  test('cannot be withdrawn without a written reason', () => {
    spec.given(...past).when(withdraw(salesperson, '')).thenRefused('ReasonRequired');
  });

  test('the same request again is a repeat that changes nothing', () => {
    spec.given(...past).when(requestCommand()).then();
  });

  test('another request under the same id is refused', () => {
    spec.given(...past).when(requestCommand({ proposedLimit: '120000' })).thenRefused('RequestAlreadyExists');
  });
});

describe('when the request awaits the sales VP', () => {
  test('the VP approves step 2', () => {
    spec.given(requested(), stepApproved(1, adminManager)).when(decide(vp, 'approve', 20)).then(stepApproved(2, vp, 20));
  });

  test('cannot be decided by the person who signed step 1, though they hold the VP role', () => {
    spec.given(requested(), stepApproved(1, doubleHatted)).when(decide(doubleHatted)).thenRefused('ApproverAlreadyDecided');
  });
});

describe('when the request awaits the group GM', () => {
  const past = [requested(), stepApproved(1, adminManager), stepApproved(2, vp), stepApproved(3, salesGm)];

  test('the last approval makes the new limit take effect', () => {
    spec
      .given(...past)
      .when(decide(groupGm, 'approve', 40))
      .then(stepApproved(4, groupGm, 40), {
        type: 'CreditLimitChangeApproved',
        data: { requestId, customerId, originalLimit: '100000.00', newLimit: '150000.00', effectiveAt: at(40) },
      });
  });

  test('cannot be decided by the sales GM again', () => {
    spec.given(...past).when(decide(salesGm)).thenRefused('RoleNotAllowed');
  });
});

describe('when a decrease awaits the sales VP', () => {
  test("the VP's approval is the last: the lower limit takes effect", () => {
    spec
      .given(requested({ proposedLimit: '80000.00', direction: 'decrease', requiredSteps: ['salesAdminManager', 'salesVP'] }), stepApproved(1, adminManager))
      .when(decide(vp, 'approve', 20))
      .then(stepApproved(2, vp, 20), {
        type: 'CreditLimitChangeApproved',
        data: { requestId, customerId, originalLimit: '100000.00', newLimit: '80000.00', effectiveAt: at(20) },
      });
  });
});

const approvedPast = [
  requested(),
  stepApproved(1, adminManager),
  stepApproved(2, vp),
  stepApproved(3, salesGm),
  stepApproved(4, groupGm),
  { type: 'CreditLimitChangeApproved' as const, data: { requestId, customerId, originalLimit: '100000.00', newLimit: '150000.00', effectiveAt: at(10) } },
];
const rejectedPast = [
  requested(),
  { type: 'CreditLimitChangeRejected' as const, data: { ...stepApproved(1, adminManager).data, customerId } },
];
const withdrawnPast = [
  requested(),
  { type: 'CreditLimitChangeWithdrawn' as const, data: { requestId, customerId, withdrawnBy: { id: salesperson.id, name: salesperson.name }, withdrawnAt: at(30) } },
];

describe.each([
  ['approved', approvedPast],
  ['rejected', rejectedPast],
  ['withdrawn', withdrawnPast],
])('when the request is %s', (status, past) => {
  test('takes no more decisions', () => {
    spec.given(...past).when(decide(adminManager)).thenRefused('RequestNotPending');
    spec.given(...past).when(decide(groupGm)).thenRefused('RequestNotPending');
  });

  test(status === 'withdrawn' ? 'withdrawing it again changes nothing' : 'cannot be withdrawn', () => {
    const outcome = spec.given(...past).when(withdraw());
    if (status === 'withdrawn') outcome.then();
    else outcome.thenRefused('RequestNotPending');
  });

  test('cannot be withdrawn by anyone but its requester', () => {
    spec.given(...past).when(withdraw(vp)).thenRefused('NotTheRequester');
  });
});
