import { z } from 'zod';

/** The manual's posts (岗位), DOMAIN.md §1. One person may hold several. */
export const Role = z.enum([
  'archiveClerk', // 销售内勤(客户管理): the only role that modifies archives (专人负责)
  'serviceClerk', // 销售内勤(客户服务)
  'salesperson', // 业务员
  'salesDeptManager', // 销售部经理
  'salesAdminManager', // 销售管理部经理
  'salesVP', // 销售副总
  'salesGM', // 销售总经理
  'groupGM', // 集团总经理
  'reviewBoard', // 客户评审小组
  'auditor', // reads everything, changes nothing
]);
export type Role = z.infer<typeof Role>;

export const roleLabels: Record<Role, string> = {
  archiveClerk: '销售内勤(客户管理)',
  serviceClerk: '销售内勤(客户服务)',
  salesperson: '业务员',
  salesDeptManager: '销售部经理',
  salesAdminManager: '销售管理部经理',
  salesVP: '销售副总',
  salesGM: '销售总经理',
  groupGM: '集团总经理',
  reviewBoard: '客户评审小组',
  auditor: '审计',
};

/** Roles that act in the business (everyone but the read-only auditor). */
export const staffRoles: readonly Role[] = Role.options.filter((r) => r !== 'auditor');

export const managerRoles: readonly Role[] = [
  'salesDeptManager',
  'salesAdminManager',
  'salesVP',
  'salesGM',
  'groupGM',
];
