import type {
  CreditLimitChangeRequested,
  CreditRequestCustomer,
  DecideCreditLimitChange,
  RequestCreditLimitChange,
  WithdrawCreditLimitChange,
} from '../../../src/domain/credit/index.js';
import type { Actor, Role } from '../../../src/domain/shared/index.js';

export const requestId = '0b9f6c1e-3a52-4d7e-9c1a-7f2d5e8b1a01';
export const customerId = '5d3c2b1a-0f9e-4d8c-8b7a-6a5f4e3d2c1b';

const person = (id: string, name: string, ...roles: Role[]): Actor => ({ id, name, roles });
export const salesperson = person('u-li', '李明', 'salesperson');
export const adminManager = person('u-zhang', '张伟', 'salesAdminManager');
export const vp = person('u-wang', '王芳', 'salesVP');
export const salesGm = person('u-chen', '陈刚', 'salesGM');
export const groupGm = person('u-zhao', '赵总', 'groupGM');
/** Holds the first two approver roles: may sign one step, never two. */
export const doubleHatted = person('u-sun', '孙静', 'salesAdminManager', 'salesVP');
export const auditor = person('u-audit', '审计员', 'auditor');

export const customer: CreditRequestCustomer = {
  name: '杭州某贸易有限公司',
  salespersonId: 'u-li',
  grade: 'B',
  address: '杭州市西湖区文三路 1 号',
  contact: { name: '刘经理', phone: '0571-88888888', mobile: '13800000000' },
};

export const at = (minute: number) => new Date(Date.UTC(2026, 9, 12, 2, minute)).toISOString();

export const requestCommand = (over: Partial<RequestCreditLimitChange['data']> = {}, actor: Actor = salesperson): RequestCreditLimitChange => ({
  type: 'RequestCreditLimitChange',
  data: { requestId, customerId, customer, currentLimit: '100000.00', proposedLimit: '150000', ...over },
  meta: { actor, at: at(0), reason: '客户旺季备货,采购量上升' },
});

export const decide = (actor: Actor, decision: 'approve' | 'reject' = 'approve', minute = 10, opinion = '同意'): DecideCreditLimitChange => ({
  type: 'DecideCreditLimitChange',
  data: { requestId, decision, opinion },
  meta: { actor, at: at(minute), reason: opinion },
});

export const withdraw = (actor: Actor = salesperson, reason = '客户取消订单'): WithdrawCreditLimitChange => ({
  type: 'WithdrawCreditLimitChange',
  data: { requestId },
  meta: { actor, at: at(30), reason },
});

/** The event `requestCommand()` produces (an increase: the full chain). */
export const requested = (over: Partial<CreditLimitChangeRequested['data']> = {}): CreditLimitChangeRequested => ({
  type: 'CreditLimitChangeRequested',
  data: {
    requestId,
    customerId,
    customer,
    originalLimit: '100000.00',
    proposedLimit: '150000.00',
    direction: 'increase',
    reason: '客户旺季备货,采购量上升',
    requester: { id: salesperson.id, name: salesperson.name },
    requiredSteps: ['salesAdminManager', 'salesVP', 'salesGM', 'groupGM'],
    routingPolicyVersion: 0,
    requestedAt: at(0),
    ...over,
  },
});

const stepRoles = ['salesAdminManager', 'salesVP', 'salesGM', 'groupGM'] as const;

export const stepApproved = (step: number, actor: Actor, minute = 10, opinion = '同意') => ({
  type: 'CreditLimitChangeStepApproved' as const,
  data: { requestId, step, role: stepRoles[step - 1]!, approver: { id: actor.id, name: actor.name }, opinion, decidedAt: at(minute) },
});
