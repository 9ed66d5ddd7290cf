import type { components } from '../../api/schema.js';

export type Complaint = components['schemas']['Complaint'];
export type ComplaintStatus = Complaint['status'];
export type StepName = Complaint['allowedSteps'][number];

/** Who may take each step (API.md "Complaint steps"); whether the complaint allows it now is `allowedSteps`. */
export const stepRoles: Record<StepName, readonly string[]> = {
  judge: ['serviceClerk', 'salesAdminManager'],
  assess: ['serviceClerk', 'salesAdminManager'],
  proposePlan: ['serviceClerk'],
  signOpinion: ['salesAdminManager'],
  approve: ['salesGM', 'groupGM'],
  negotiate: ['serviceClerk', 'salesperson'],
  execute: ['serviceClerk'],
  litigate: ['salesGM', 'groupGM'],
  concludeLitigation: ['salesGM', 'groupGM'],
  reopen: ['salesAdminManager'],
};

/** The steps offered to this person: the ones the complaint allows next and their posts may take. */
export const myNextSteps = (complaint: Pick<Complaint, 'allowedSteps'>, roles: readonly string[]): StepName[] =>
  complaint.allowedSteps.filter((s) => stepRoles[s].some((r) => roles.includes(r)));

/** The boxes of the manual's flow chart (客户投诉处理流程). */
export type FlowNode = 'receive' | 'judge' | 'assess' | 'noProblem' | 'plan' | 'opinion' | 'approve' | 'negotiate' | 'execute' | 'litigate' | 'conclude';

/** Where a complaint in each state waits: the box of the flow whose step comes next (or, once closed, the box it ended in). */
export const currentNode = (complaint: Pick<Complaint, 'status' | 'resolution'>): FlowNode => {
  switch (complaint.status) {
    case 'received':
    case 'reopened':
      return 'judge';
    case 'judged':
      return 'assess';
    case 'assessed':
      return 'plan';
    case 'planProposed':
      return 'opinion';
    case 'opinionSigned':
      return 'approve';
    case 'approved':
    case 'negotiating':
      return 'negotiate';
    case 'customerSatisfied':
      return 'execute';
    case 'inLitigation':
      return 'litigate';
    case 'closed':
      return complaint.resolution === 'noProblem' ? 'noProblem' : complaint.resolution === 'litigationConcluded' ? 'conclude' : 'execute';
  }
};

/** The boxes a complaint has passed through, from the events of its history. */
export const visitedNodes = (history: Complaint['history']): Set<FlowNode> => {
  const byEvent: Record<string, FlowNode> = {
    ComplaintReceived: 'receive',
    ComplaintJudged: 'judge',
    ComplaintAssessed: 'assess',
    ComplaintPlanProposed: 'plan',
    ComplaintOpinionSigned: 'opinion',
    ComplaintPlanApproved: 'approve',
    ComplaintNegotiated: 'negotiate',
    ComplaintPlanExecuted: 'execute',
    ComplaintLitigationStarted: 'litigate',
    ComplaintLitigationConcluded: 'conclude',
  };
  const visited = new Set<FlowNode>();
  for (const entry of history) {
    const node = byEvent[entry.type];
    if (node) visited.add(node);
    if (entry.type === 'ComplaintAssessed' && entry.data.problemFound === false) visited.add('noProblem');
  }
  return visited;
};
