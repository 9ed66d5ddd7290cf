/**
 * The manual's posts (岗位), DOMAIN.md §1, and their Chinese names. Plain data without
 * zod, so that the console (web/) can show the names without bundling the schemas.
 */
export const roleIds = [
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
] as const;

export type RoleId = (typeof roleIds)[number];

export const roleLabels: Record<RoleId, string> = {
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
