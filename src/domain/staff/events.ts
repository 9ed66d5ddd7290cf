import { z } from 'zod';
import { type EventType, eventType, hasBidiControl, Text } from '../shared/index.js';

/**
 * A staff member's id: the `sub` of their token, the id every event's actor carries
 * (Actor.id), so that reports can put a name beside the ids they hold.
 */
export const StaffId = z.string().trim().min(1).max(200);
export type StaffId = z.infer<typeof StaffId>;

/** 姓名 as the reports print it: one line, never a bidirectional control (it would reorder what is printed). */
export const StaffName = Text(100).refine((s) => !hasBidiControl(s), 'a name cannot contain bidirectional control characters');
export type StaffName = z.infer<typeof StaffName>;

/** What the directory holds of a person: 姓名, and optionally 部门 and 职务. */
export const StaffDetails = z.object({
  name: StaffName,
  department: Text(100).nullable(),
  title: Text(100).nullable(),
});
export type StaffDetails = z.infer<typeof StaffDetails>;

/** A person enters the directory (业务员 and signers by name); the author is the event's actor. */
export const StaffMemberRegistered = z.object({
  type: z.literal('StaffMemberRegistered'),
  data: StaffDetails.extend({ staffId: StaffId }),
});
export type StaffMemberRegistered = z.infer<typeof StaffMemberRegistered>;

/** Their directory entry is replaced (a new name, department or title) from the event's effective time on. */
export const StaffMemberChanged = z.object({
  type: z.literal('StaffMemberChanged'),
  data: StaffDetails.extend({ staffId: StaffId }),
});
export type StaffMemberChanged = z.infer<typeof StaffMemberChanged>;

export type StaffEvent = StaffMemberRegistered | StaffMemberChanged;

export const staffEventTypes: readonly EventType[] = [
  eventType('StaffMemberRegistered', StaffMemberRegistered.shape.data),
  eventType('StaffMemberChanged', StaffMemberChanged.shape.data),
];
