import type { Actor } from '../../domain/shared/index.js';

/** The demo's staff, one person per post of the manual (岗位), and eight salespeople (业务员). */
export const staff = {
  archiveClerk: { id: 'u-wangfang', name: '王芳', roles: ['archiveClerk'] },
  serviceClerk: { id: 'u-lina', name: '李娜', roles: ['serviceClerk'] },
  salesAdminManager: { id: 'u-sunli', name: '孙丽', roles: ['salesAdminManager'] },
  salesVP: { id: 'u-machao', name: '马超', roles: ['salesVP'] },
  salesGM: { id: 'u-zhuming', name: '朱明', roles: ['salesGM'] },
  groupGM: { id: 'u-hujianguo', name: '胡建国', roles: ['groupGM'] },
  reviewBoard: { id: 'u-guojing', name: '郭静', roles: ['reviewBoard'] },
} satisfies Record<string, Actor>;

export const salespeople: readonly Actor[] = [
  ['zhangwei', '张伟'],
  ['liuyang', '刘洋'],
  ['chenjing', '陈静'],
  ['yanglei', '杨磊'],
  ['zhaomin', '赵敏'],
  ['huangyong', '黄勇'],
  ['zhoujie', '周杰'],
  ['wuting', '吴婷'],
].map(([id, name]) => ({ id: `sp-${id}`, name: name!, roles: ['salesperson'] }));
