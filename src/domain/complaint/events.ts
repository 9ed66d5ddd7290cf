import { z } from 'zod';
import { type EventType, Instant, Text, Uuid, eventType } from '../shared/index.js';

/** ② 判断: a quality problem (质量问题) or not (非质量问题). */
export const ComplaintCategory = z.enum(['quality', 'nonQuality']);
export type ComplaintCategory = z.infer<typeof ComplaintCategory>;

/** How a complaint ended: ③ no problem found, ⑧ plan carried out, or ⑦ litigation concluded. */
export const ComplaintResolution = z.enum(['noProblem', 'planExecuted', 'litigationConcluded']);
export type ComplaintResolution = z.infer<typeof ComplaintResolution>;

/** A reference to a material the customer provided (客诉资料): a file name, URL or document number. */
export const MaterialRef = Text(500);

const Notes = Text(4000);

/** ① the customer complains and provides material. `receivedAt` is also the event's effective time. */
export const ComplaintReceived = z.object({
  type: z.literal('ComplaintReceived'),
  data: z.object({
    complaintId: Uuid,
    customerId: Uuid,
    description: Text(4000),
    receivedAt: Instant,
    materials: z.array(MaterialRef).max(100),
  }),
});
export type ComplaintReceived = z.infer<typeof ComplaintReceived>;

export const ComplaintJudged = z.object({
  type: z.literal('ComplaintJudged'),
  data: z.object({ complaintId: Uuid, category: ComplaintCategory }),
});
export type ComplaintJudged = z.infer<typeof ComplaintJudged>;

/** ③ 初步判断: a problem found, or none (then explained to the customer and closed). */
export const ComplaintAssessed = z.object({
  type: z.literal('ComplaintAssessed'),
  data: z.object({ complaintId: Uuid, problemFound: z.boolean(), explanation: Notes.optional() }),
});
export type ComplaintAssessed = z.infer<typeof ComplaintAssessed>;

/** ④ the departments concerned confer and propose a handling plan (处理方案). */
export const ComplaintPlanProposed = z.object({
  type: z.literal('ComplaintPlanProposed'),
  data: z.object({ complaintId: Uuid, plan: Notes, departments: z.array(Text(200)).min(1).max(50) }),
});
export type ComplaintPlanProposed = z.infer<typeof ComplaintPlanProposed>;

/** ⑤ the sales admin manager signs an opinion after a first talk with the customer. */
export const ComplaintOpinionSigned = z.object({
  type: z.literal('ComplaintOpinionSigned'),
  data: z.object({ complaintId: Uuid, opinion: Notes }),
});
export type ComplaintOpinionSigned = z.infer<typeof ComplaintOpinionSigned>;

/** 审批 by the sales GM or the group GM. */
export const ComplaintPlanApproved = z.object({
  type: z.literal('ComplaintPlanApproved'),
  data: z.object({ complaintId: Uuid, opinion: Notes.optional() }),
});
export type ComplaintPlanApproved = z.infer<typeof ComplaintPlanApproved>;

/** ⑥ 与客户协商: one round of negotiation and whether the customer is satisfied. */
export const ComplaintNegotiated = z.object({
  type: z.literal('ComplaintNegotiated'),
  data: z.object({ complaintId: Uuid, outcome: z.enum(['satisfied', 'notSatisfied']), notes: Notes.optional() }),
});
export type ComplaintNegotiated = z.infer<typeof ComplaintNegotiated>;

/** ⑧ 按照方案执行. */
export const ComplaintPlanExecuted = z.object({
  type: z.literal('ComplaintPlanExecuted'),
  data: z.object({ complaintId: Uuid, notes: Notes.optional() }),
});
export type ComplaintPlanExecuted = z.infer<typeof ComplaintPlanExecuted>;

/** ⑦ 诉讼程序 begins. */
export const ComplaintLitigationStarted = z.object({
  type: z.literal('ComplaintLitigationStarted'),
  data: z.object({ complaintId: Uuid, notes: Notes.optional() }),
});
export type ComplaintLitigationStarted = z.infer<typeof ComplaintLitigationStarted>;

/** ⑦ ends: the judgement or settlement, as written. */
export const ComplaintLitigationConcluded = z.object({
  type: z.literal('ComplaintLitigationConcluded'),
  data: z.object({ complaintId: Uuid, outcome: Notes, notes: Notes.optional() }),
});
export type ComplaintLitigationConcluded = z.infer<typeof ComplaintLitigationConcluded>;

/** Follows the step that ends the flow (结束), naming how it ended. */
export const ComplaintClosed = z.object({
  type: z.literal('ComplaintClosed'),
  data: z.object({ complaintId: Uuid, resolution: ComplaintResolution }),
});
export type ComplaintClosed = z.infer<typeof ComplaintClosed>;

/** A closed complaint taken up again; handling restarts at ② and the reopen is counted. */
export const ComplaintReopened = z.object({
  type: z.literal('ComplaintReopened'),
  data: z.object({ complaintId: Uuid, reason: Text(2000) }),
});
export type ComplaintReopened = z.infer<typeof ComplaintReopened>;

export type ComplaintEvent =
  | ComplaintReceived
  | ComplaintJudged
  | ComplaintAssessed
  | ComplaintPlanProposed
  | ComplaintOpinionSigned
  | ComplaintPlanApproved
  | ComplaintNegotiated
  | ComplaintPlanExecuted
  | ComplaintLitigationStarted
  | ComplaintLitigationConcluded
  | ComplaintClosed
  | ComplaintReopened;

export const complaintEventTypes: readonly EventType[] = [
  eventType('ComplaintReceived', ComplaintReceived.shape.data),
  eventType('ComplaintJudged', ComplaintJudged.shape.data),
  eventType('ComplaintAssessed', ComplaintAssessed.shape.data),
  eventType('ComplaintPlanProposed', ComplaintPlanProposed.shape.data),
  eventType('ComplaintOpinionSigned', ComplaintOpinionSigned.shape.data),
  eventType('ComplaintPlanApproved', ComplaintPlanApproved.shape.data),
  eventType('ComplaintNegotiated', ComplaintNegotiated.shape.data),
  eventType('ComplaintPlanExecuted', ComplaintPlanExecuted.shape.data),
  eventType('ComplaintLitigationStarted', ComplaintLitigationStarted.shape.data),
  eventType('ComplaintLitigationConcluded', ComplaintLitigationConcluded.shape.data),
  eventType('ComplaintClosed', ComplaintClosed.shape.data),
  eventType('ComplaintReopened', ComplaintReopened.shape.data),
];
