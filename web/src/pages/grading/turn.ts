import type { components } from '../../api/schema.js';

type GradeSummary = components['schemas']['GradeSummary'];
type SignOffStep = GradeSummary['signOffs'][number]['step'];

export const signOffOrder: readonly SignOffStep[] = ['prepared', 'reviewed', 'audited', 'approved'];

/** Who signs each step (API.md: 编制 销售内勤 · 复核 销售管理部经理 · 审核 销售副总/销售总经理 · 审批 集团总经理). */
export const signOffRoles: Record<SignOffStep, readonly string[]> = {
  prepared: ['archiveClerk'],
  reviewed: ['salesAdminManager'],
  audited: ['salesVP', 'salesGM'],
  approved: ['groupGM'],
};

/** The step waiting for a signature, or undefined once 审批 is given. */
export const nextStep = (summary: GradeSummary): SignOffStep | undefined => signOffOrder.find((s) => !summary.signOffs.some((o) => o.step === s));

/**
 * Whether it is this person's turn: the next step is one of their posts, they signed no
 * earlier step (each step by a different person), and there is something to sign.
 */
export const isMyTurn = (summary: GradeSummary, user: { id: string; roles: readonly string[] }): boolean => {
  const step = nextStep(summary);
  return (
    step !== undefined &&
    summary.rows.length > 0 &&
    user.roles.some((r) => signOffRoles[step].includes(r)) &&
    !summary.signOffs.some((o) => o.signerId === user.id)
  );
};

