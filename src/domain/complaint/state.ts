import type { Role } from '../shared/index.js';
import type { ComplaintStepName } from './commands.js';
import type { ComplaintCategory, ComplaintResolution } from './events.js';

/** What every received complaint keeps, whatever its state. */
export type ComplaintFile = {
  complaintId: string;
  customerId: string;
  receivedAt: string;
  /** How many times it was reopened after being closed. */
  reopenCount: number;
};

/**
 * Where a complaint stands in the manual's flow (客户投诉处理流程), named by the last
 * thing that happened to it:
 * - `received` ① recorded, awaiting judgement (②);
 * - `judged` ② quality or not, awaiting the preliminary judgement (③);
 * - `assessed` ③ a problem was found, awaiting the departments' plan (④);
 * - `planProposed` ④ awaiting the sales admin manager's signed opinion (⑤);
 * - `opinionSigned` ⑤ awaiting approval (审批) by the sales GM or group GM;
 * - `approved` the plan is approved, awaiting negotiation with the customer (⑥);
 * - `negotiating` ⑥ the customer was not satisfied: renegotiate, or litigate (⑦);
 * - `customerSatisfied` ⑥ the customer accepted, awaiting execution of the plan (⑧);
 * - `inLitigation` ⑦ awaiting the litigation's outcome;
 * - `closed` ended (结束): no problem found, plan executed, or litigation concluded;
 * - `reopened` a closed complaint taken up again, awaiting a new judgement (②).
 * `notReceived` is the empty stream.
 */
export type ComplaintState =
  | { status: 'notReceived' }
  | { status: 'received'; complaint: ComplaintFile }
  | { status: 'judged'; complaint: ComplaintFile; category: ComplaintCategory }
  | { status: 'assessed'; complaint: ComplaintFile; category: ComplaintCategory }
  | { status: 'planProposed'; complaint: ComplaintFile; category: ComplaintCategory }
  | { status: 'opinionSigned'; complaint: ComplaintFile; category: ComplaintCategory }
  | { status: 'approved'; complaint: ComplaintFile; category: ComplaintCategory }
  | { status: 'negotiating'; complaint: ComplaintFile; category: ComplaintCategory }
  | { status: 'customerSatisfied'; complaint: ComplaintFile; category: ComplaintCategory }
  | { status: 'inLitigation'; complaint: ComplaintFile; category: ComplaintCategory }
  | { status: 'closed'; complaint: ComplaintFile; category: ComplaintCategory; resolution: ComplaintResolution }
  | { status: 'reopened'; complaint: ComplaintFile; category: ComplaintCategory };

export type ComplaintStatus = ComplaintState['status'];

export const initialComplaintState: ComplaintState = { status: 'notReceived' };

/** The manual's graph: which steps each state allows. */
export const allowedSteps: Record<ComplaintStatus, readonly ComplaintStepName[]> = {
  notReceived: [],
  received: ['judge'],
  judged: ['assess'],
  assessed: ['proposePlan'],
  planProposed: ['signOpinion'],
  opinionSigned: ['approve'],
  approved: ['negotiate'],
  negotiating: ['negotiate', 'litigate'],
  customerSatisfied: ['execute'],
  inLitigation: ['concludeLitigation'],
  closed: ['reopen'],
  reopened: ['judge'],
};

/** Who may take each step (API.md "Complaint steps"). */
export const stepRoles: Record<ComplaintStepName, readonly Role[]> = {
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

/** Who may record a complaint (①). */
export const receiverRoles: readonly Role[] = ['serviceClerk', 'salesperson'];
