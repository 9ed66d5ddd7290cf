import type { ComplaintEvent, ComplaintStep, ReceiveComplaint, TakeComplaintStep } from '../../../src/domain/complaint/index.js';
import type { Actor, Role } from '../../../src/domain/shared/index.js';

export const complaintId = '7e6d5c4b-3a29-4181-9f0e-d1c2b3a49586';
export const customerId = '5d3c2b1a-0f9e-4d8c-8b7a-6a5f4e3d2c1b';

const person = (id: string, name: string, ...roles: Role[]): Actor => ({ id, name, roles });
export const serviceClerk = person('u-kf', '客服小周', 'serviceClerk');
export const salesperson = person('u-li', '李明', 'salesperson');
export const adminManager = person('u-zhang', '张伟', 'salesAdminManager');
export const salesGm = person('u-chen', '陈刚', 'salesGM');
export const groupGm = person('u-zhao', '赵总', 'groupGM');
export const archiveClerk = person('u-dan', '档案员', 'archiveClerk');

export const at = (minute: number) => new Date(Date.UTC(2026, 9, 12, 2, minute)).toISOString();

export const receive = (actor: Actor = serviceClerk, minute = 0): ReceiveComplaint => ({
  type: 'ReceiveComplaint',
  data: { complaintId, customerId, description: '一批货包装破损', materials: ['照片 IMG_001.jpg'] },
  meta: { actor, at: at(minute) },
});

export const step = (action: ComplaintStep, actor: Actor, minute = 10, reason?: string): TakeComplaintStep => ({
  type: 'TakeComplaintStep',
  data: { complaintId, action },
  meta: { actor, at: at(minute), reason },
});

/** The events of each step, as `decide` writes them. */
export const ev = {
  received: (minute = 0): ComplaintEvent => ({
    type: 'ComplaintReceived',
    data: { complaintId, customerId, description: '一批货包装破损', receivedAt: at(minute), materials: ['照片 IMG_001.jpg'] },
  }),
  judged: (category: 'quality' | 'nonQuality' = 'quality'): ComplaintEvent => ({ type: 'ComplaintJudged', data: { complaintId, category } }),
  assessed: (problemFound = true): ComplaintEvent => ({ type: 'ComplaintAssessed', data: { complaintId, problemFound } }),
  planProposed: (): ComplaintEvent => ({ type: 'ComplaintPlanProposed', data: { complaintId, plan: '补发并赔偿运费', departments: ['质检部', '物流部'] } }),
  opinionSigned: (): ComplaintEvent => ({ type: 'ComplaintOpinionSigned', data: { complaintId, opinion: '同意方案' } }),
  planApproved: (): ComplaintEvent => ({ type: 'ComplaintPlanApproved', data: { complaintId } }),
  negotiated: (outcome: 'satisfied' | 'notSatisfied'): ComplaintEvent => ({ type: 'ComplaintNegotiated', data: { complaintId, outcome } }),
  executed: (): ComplaintEvent => ({ type: 'ComplaintPlanExecuted', data: { complaintId } }),
  litigationStarted: (): ComplaintEvent => ({ type: 'ComplaintLitigationStarted', data: { complaintId } }),
  litigationConcluded: (): ComplaintEvent => ({ type: 'ComplaintLitigationConcluded', data: { complaintId, outcome: '调解结案' } }),
  closed: (resolution: 'noProblem' | 'planExecuted' | 'litigationConcluded'): ComplaintEvent => ({ type: 'ComplaintClosed', data: { complaintId, resolution } }),
  reopened: (): ComplaintEvent => ({ type: 'ComplaintReopened', data: { complaintId, reason: '客户再次反映同一问题' } }),
};

/** Histories that reach each state of the flow. */
export const histories = {
  received: [ev.received()],
  judged: [ev.received(), ev.judged()],
  assessed: [ev.received(), ev.judged(), ev.assessed()],
  planProposed: [ev.received(), ev.judged(), ev.assessed(), ev.planProposed()],
  opinionSigned: [ev.received(), ev.judged(), ev.assessed(), ev.planProposed(), ev.opinionSigned()],
  approved: [ev.received(), ev.judged(), ev.assessed(), ev.planProposed(), ev.opinionSigned(), ev.planApproved()],
  negotiating: [ev.received(), ev.judged(), ev.assessed(), ev.planProposed(), ev.opinionSigned(), ev.planApproved(), ev.negotiated('notSatisfied')],
  customerSatisfied: [ev.received(), ev.judged(), ev.assessed(), ev.planProposed(), ev.opinionSigned(), ev.planApproved(), ev.negotiated('satisfied')],
  inLitigation: [
    ev.received(), ev.judged(), ev.assessed(), ev.planProposed(), ev.opinionSigned(), ev.planApproved(), ev.negotiated('notSatisfied'), ev.litigationStarted(),
  ],
  closed: [ev.received(), ev.judged('nonQuality'), ev.assessed(false), ev.closed('noProblem')],
  reopened: [ev.received(), ev.judged('nonQuality'), ev.assessed(false), ev.closed('noProblem'), ev.reopened()],
};

/** One valid action of each step, with a role that may take it. */
export const actions: Record<ComplaintStep['step'], { action: ComplaintStep; actor: Actor }> = {
  judge: { action: { step: 'judge', category: 'quality' }, actor: serviceClerk },
  assess: { action: { step: 'assess', problemFound: true }, actor: serviceClerk },
  proposePlan: { action: { step: 'proposePlan', plan: '补发并赔偿运费', departments: ['质检部', '物流部'] }, actor: serviceClerk },
  signOpinion: { action: { step: 'signOpinion', opinion: '同意方案' }, actor: adminManager },
  approve: { action: { step: 'approve' }, actor: salesGm },
  negotiate: { action: { step: 'negotiate', outcome: 'satisfied' }, actor: salesperson },
  execute: { action: { step: 'execute' }, actor: serviceClerk },
  litigate: { action: { step: 'litigate' }, actor: groupGm },
  concludeLitigation: { action: { step: 'concludeLitigation', outcome: '调解结案' }, actor: salesGm },
  reopen: { action: { step: 'reopen', reason: '客户再次反映同一问题' }, actor: adminManager },
};
