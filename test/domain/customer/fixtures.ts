import type { Actor, CommandMeta, Role } from '../../../src/domain/shared/index.js';
import type { CustomerRegistered } from '../../../src/domain/customer/index.js';

export const customerId = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
export const otherCustomerId = '7c6b5a49-3827-4165-9e4d-3c2b1a0f9e8d';
export const contactId = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
export const otherContactId = 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e';
export const requestId = 'c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e7f';

const person = (id: string, name: string, ...roles: Role[]): Actor => ({ id, name, roles });

export const archiveClerk = person('u-clerk', '王丽', 'archiveClerk');
export const otherArchiveClerk = person('u-clerk2', '陈静', 'archiveClerk');
export const serviceClerk = person('u-service', '李娜', 'serviceClerk');
export const salesperson = person('u-sales', '张伟', 'salesperson');
export const salesAdminManager = person('u-sam', '刘洋', 'salesAdminManager');
export const reviewer = person('u-review', '赵强', 'reviewBoard');
export const groupGM = person('u-gm', '孙总', 'groupGM');
export const reviewerAndGM = person('u-both', '周敏', 'reviewBoard', 'groupGM');
export const auditor = person('u-audit', '吴审', 'auditor');
export const clerkAndSalesperson = person('u-dual', '郑红', 'archiveClerk', 'salesperson');

/** 2026-11-0n at 09:00 Shanghai time. */
export const at = (day = 1): string => `2026-11-${String(day).padStart(2, '0')}T01:00:00.000Z`;

/** The command's meta; `reason: null` leaves the reason out. */
export const by = (actor: Actor, reason: string | null = '客户来函更新', day = 1): CommandMeta => ({
  actor,
  at: at(day),
  reason: reason ?? undefined,
});

export const registered = (overrides: Partial<CustomerRegistered['data']> = {}): CustomerRegistered => ({
  type: 'CustomerRegistered',
  data: {
    customerId,
    salespersonId: 'u-sales',
    status: 'prospect',
    validUntil: null,
    contacts: [],
    archive: { name: '宁波华美工艺品有限公司' },
    enteredAt: at(1),
    ...overrides,
  },
});
