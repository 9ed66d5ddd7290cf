import { z } from 'zod';
import {
  ComplaintCategory,
  ComplaintResolution,
  ComplaintStep,
  type ComplaintStepName as StepName,
  type ComplaintStatus as DomainStatus,
  ReceiveComplaint,
  allowedSteps,
  complaintStepNames,
} from '../../../domain/complaint/index.js';
import { Actor, Instant, Period, Reason, Uuid } from '../../../domain/shared/index.js';
import { Cursor, Limit, PageOf } from '../../pagination.js';
import { QueryInstant, TimeTravelQuery } from '../../params.js';
import { ReportFormat } from '../grading/schemas.js';

/**
 * The complaint routes' request and answer shapes, derived from the complaint
 * context's schemas (客户投诉处理流程, API.md "Complaint steps").
 */

type Status = Exclude<DomainStatus, 'notReceived'>;

/** The states of the manual's graph a recorded complaint can be in (the domain's `allowedSteps` keys). */
export const ComplaintStatus = z.enum(Object.keys(allowedSteps).filter((s) => s !== 'notReceived') as [Status, ...Status[]]);

export const ComplaintStepName = z.enum(complaintStepNames as [StepName, ...StepName[]]);

const version = z.number().int().min(1).meta({ description: 'the complaint’s version (its ETag): what If-Match names' });

// ---- requests

/** POST /complaints: ① what the customer complains about, when, and the material they gave. */
export const ReceiveComplaintBody = ReceiveComplaint.shape.data
  .pick({ customerId: true, description: true, materials: true })
  .extend({ receivedAt: Instant.optional().meta({ description: 'when the customer complained (default now); never in the future' }) });

const stepReason = Reason.optional().meta({ description: 'the written reason; the step’s own text (opinion, plan, notes) when absent' });

/** A step and its data, with the optional reason; `reopen` already states its reason as its data. */
export type ComplaintStepBody = ComplaintStep | (Exclude<ComplaintStep, { step: 'reopen' }> & { reason?: string | undefined });

/** POST /complaints/{id}/steps: one step of DOMAIN.md §6, discriminated by `step`. */
export const ComplaintStepBody = z.discriminatedUnion(
  'step',
  ComplaintStep.options.map((option: z.ZodObject) => ('reason' in option.shape ? option : option.extend({ reason: stepReason }))) as unknown as typeof ComplaintStep.options,
) as unknown as z.ZodType<ComplaintStepBody>;

/** Keyset position of the list: the last complaint id served. */
export const ComplaintPosition = z.tuple([z.string()]);

export const ComplaintListQuery = TimeTravelQuery.extend({
  customerId: Uuid.optional(),
  status: ComplaintStatus.optional(),
  from: QueryInstant.optional().meta({ description: 'received at or after' }),
  to: QueryInstant.optional().meta({ description: 'received before' }),
  limit: Limit,
  cursor: Cursor(ComplaintPosition).optional(),
});

export const MonthlyComplaintsQuery = TimeTravelQuery.extend({ month: Period, format: ReportFormat.default('json') });

// ---- answers

export const ComplaintCreated = z.object({ id: Uuid, status: ComplaintStatus, version }).meta({ id: 'ComplaintCreated' });

export const ComplaintStepTaken = z
  .object({
    id: Uuid,
    status: ComplaintStatus,
    allowedSteps: z.array(ComplaintStepName).meta({ description: 'the steps the complaint takes next' }),
    version,
  })
  .meta({ id: 'ComplaintStepTaken' });

export const ComplaintSummary = z
  .object({
    id: Uuid,
    customerId: Uuid,
    status: ComplaintStatus,
    category: ComplaintCategory.nullable().meta({ description: '② quality or not; null before the judgement' }),
    resolution: ComplaintResolution.nullable().meta({ description: 'how it ended; null unless closed' }),
    receivedAt: Instant,
    reopenCount: z.number().int().min(0),
    description: z.string().nullable(),
    materials: z.array(z.string()),
    allowedSteps: z.array(ComplaintStepName).meta({ description: 'the steps the complaint takes next' }),
    version,
  })
  .meta({ id: 'ComplaintSummary' });
export type ComplaintSummary = z.infer<typeof ComplaintSummary>;

/** One recorded event of the complaint: who, when (effective and recorded), why, what. */
export const ComplaintHistoryEntry = z
  .object({
    version,
    type: z.string(),
    occurredAt: Instant,
    recordedAt: Instant,
    actor: Actor,
    reason: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'ComplaintHistoryEntry' });

export const ComplaintView = ComplaintSummary.extend({
  description: z.string(),
  history: z.array(ComplaintHistoryEntry),
}).meta({ id: 'Complaint' });
export type ComplaintView = z.infer<typeof ComplaintView>;

export const ComplaintPage = PageOf(ComplaintSummary).meta({ id: 'Complaints' });

const count = z.number().int().min(0);
const Durations = z.object({
  count,
  medianMs: z.number().int().min(0).nullable(),
  p90Ms: z.number().int().min(0).nullable(),
});

/** 月度客诉统计 (⑨): the month's cohort of complaints, how they ended, how fast, and what was open at month end. */
export const MonthlyComplaintStatisticsView = z
  .object({
    month: Period,
    asOf: Instant.meta({ description: 'the effective time the answer is for' }),
    knownAt: Instant.meta({ description: 'the record time the answer is for' }),
    received: count.meta({ description: 'complaints received in the month: the cohort the counts describe' }),
    byCategory: z.object({ quality: count, nonQuality: count, notJudged: count }),
    byOutcome: z.object({ noProblem: count, satisfied: count, litigation: count, stillOpen: count }),
    byCustomer: z.array(z.object({ customerId: Uuid, customerName: z.string().nullable(), count })),
    byGrade: z.record(z.string(), count).meta({ description: 'complaints by the customer’s grade at month end; `ungraded` for none' }),
    timeToFirstResponse: Durations.extend({ awaiting: count }).meta({ description: 'receipt to the first step, in ms' }),
    timeToClose: Durations.meta({ description: 'receipt to closure in the month, in ms, of every complaint closed in it' }),
    reopens: count,
    backlog: z.array(
      z.object({ complaintId: Uuid, customerId: Uuid, customerName: z.string().nullable(), status: ComplaintStatus, receivedAt: Instant, ageMs: count }),
    ),
  })
  .meta({ id: 'MonthlyComplaintStatistics' });

/** The OpenAPI tag of the family's routes. */
export const tags = ['complaints'];
