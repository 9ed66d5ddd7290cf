import { z } from 'zod';
import { type CommandMeta, Text, Uuid } from '../shared/index.js';
import { ComplaintCategory, MaterialRef } from './events.js';

/**
 * ① Record a complaint. Its effective time is when it was received: the app passes
 * the given `receivedAt` (never in the future) or now as `meta.at`.
 */
export const ReceiveComplaint = z.object({
  type: z.literal('ReceiveComplaint'),
  data: z.object({
    complaintId: Uuid,
    customerId: Uuid,
    description: Text(4000),
    materials: z.array(MaterialRef).max(100).default([]),
  }),
});
export type ReceiveComplaint = z.infer<typeof ReceiveComplaint> & { meta: CommandMeta };

const Notes = Text(4000);

/** One step of the flow (API.md "Complaint steps"): `step` names it, the rest is its data. */
export const ComplaintStep = z.discriminatedUnion('step', [
  z.object({ step: z.literal('judge'), category: ComplaintCategory }),
  z.object({ step: z.literal('assess'), problemFound: z.boolean(), explanation: Notes.optional() }),
  z.object({ step: z.literal('proposePlan'), plan: Notes, departments: z.array(Text(200)).min(1).max(50) }),
  z.object({ step: z.literal('signOpinion'), opinion: Notes }),
  z.object({ step: z.literal('approve'), opinion: Notes.optional() }),
  z.object({ step: z.literal('negotiate'), outcome: z.enum(['satisfied', 'notSatisfied']), notes: Notes.optional() }),
  z.object({ step: z.literal('execute'), notes: Notes.optional() }),
  z.object({ step: z.literal('litigate'), notes: Notes.optional() }),
  z.object({ step: z.literal('concludeLitigation'), outcome: Notes, notes: Notes.optional() }),
  z.object({ step: z.literal('reopen'), reason: Text(2000) }),
]);
export type ComplaintStep = z.infer<typeof ComplaintStep>;

export type ComplaintStepName = ComplaintStep['step'];
export const complaintStepNames: readonly ComplaintStepName[] = ComplaintStep.options.map((o) => o.shape.step.value);

export const TakeComplaintStep = z.object({
  type: z.literal('TakeComplaintStep'),
  data: z.object({ complaintId: Uuid, action: ComplaintStep }),
});
export type TakeComplaintStep = z.infer<typeof TakeComplaintStep> & { meta: CommandMeta };

export type ComplaintCommand = ReceiveComplaint | TakeComplaintStep;
