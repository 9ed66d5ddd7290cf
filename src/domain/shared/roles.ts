import { z } from 'zod';
import { roleIds } from './roleLabels.js';

export { roleLabels } from './roleLabels.js';

/** The manual's posts (岗位), DOMAIN.md §1 (roleLabels.ts names each). One person may hold several. */
export const Role = z.enum(roleIds);
export type Role = z.infer<typeof Role>;

/** Roles that act in the business (everyone but the read-only auditor). */
export const staffRoles: readonly Role[] = Role.options.filter((r) => r !== 'auditor');

export const managerRoles: readonly Role[] = [
  'salesDeptManager',
  'salesAdminManager',
  'salesVP',
  'salesGM',
  'groupGM',
];
