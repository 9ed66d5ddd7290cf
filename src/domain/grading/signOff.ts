import * as E from 'fp-ts/Either';
import { type Role, hasRole, roleLabels } from '../shared/index.js';
import type { SignOffGradeSummary } from './commands.js';
import type { PeriodError } from './errors.js';
import { type EffectiveGrade, type PeriodEvent, SignOffStep } from './events.js';
import { type PeriodState, signOffsOf } from './periodState.js';

/** Who signs each step of the grade summary (客户等级管理汇总表). */
export const signOffRoles: Record<SignOffStep, readonly Role[]> = {
  prepared: ['archiveClerk'], // 编制: 销售内勤(客户管理)
  reviewed: ['salesAdminManager'], // 复核: 销售管理部经理
  audited: ['salesVP', 'salesGM'], // 审核: 销售副总 or 销售总经理
  approved: ['groupGM'], // 审批: 集团总经理
};

const effectiveGrades = (state: PeriodState): EffectiveGrade[] =>
  Object.values(state.evaluations)
    .sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0))
    .map((e) => ({
      customerId: e.customerId,
      grade: e.grade,
      vip: e.vip,
      score: e.score,
      creditLimit: e.creditLimit,
      policyVersion: e.policyVersion,
      revision: e.revision,
    }));

/**
 * Steps are signed strictly in order, each by a person holding the step's role and not
 * having signed another step of the summary (segregation of duties). Signing the step
 * one just signed again is an accepted repeat. Approval carries the effective grades.
 */
export const decideSignOff = (command: SignOffGradeSummary, state: PeriodState): E.Either<PeriodError, PeriodEvent[]> => {
  const { period, step } = command.data;
  const { actor } = command.meta;
  const signed = signOffsOf(state);
  const last = signed[signed.length - 1];
  if (last !== undefined && last.step === step && last.signerId === actor.id) return E.right([]);
  if (state.status === 'frozen') return E.left({ code: 'PeriodIsFrozen', message: `the grade summary of ${period} is approved and frozen` });
  const next = SignOffStep.options[signed.length]!;
  if (step !== next) return E.left({ code: 'StepOutOfOrder', message: `the grade summary of ${period} awaits the ${next} step, not ${step}` });
  const roles = signOffRoles[step];
  if (!hasRole(actor, ...roles))
    return E.left({ code: 'RoleNotAllowed', message: `the ${step} step is signed by ${roles.map((r) => `${r} (${roleLabels[r]})`).join(' or ')}; ${actor.name} holds ${actor.roles.join(', ')}` });
  const earlier = signed.find((s) => s.signerId === actor.id);
  if (earlier !== undefined) return E.left({ code: 'SignerAlreadySigned', message: `${actor.name} already signed the ${earlier.step} step; each step is signed by a different person` });
  if (Object.keys(state.evaluations).length === 0) return E.left({ code: 'NothingToSignOff', message: `no customer has been graded for ${period}: run the grading first` });
  const signer = { period, signerId: actor.id, signerName: actor.name, role: roles.find((r) => actor.roles.includes(r))! };
  return E.right([
    {
      type: 'GradeSummarySignedOff',
      data: step === 'approved' ? { ...signer, step, effective: effectiveGrades(state) } : { ...signer, step },
    },
  ]);
};
