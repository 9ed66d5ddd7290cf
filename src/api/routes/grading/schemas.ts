import { z } from 'zod';
import {
  CustomerGraded,
  GradeChange,
  Grade,
  GradingPolicy,
  OverrideScoreData,
  PolicySimulation,
  RecordMonthlyFiguresData,
  SignOffGradeSummaryData,
  SignOffStep,
} from '../../../domain/grading/index.js';
import { Instant, managerRoles, Period, Reason, Role, Uuid } from '../../../domain/shared/index.js';
import { Cursor, Limit, maxLimit, PageOf } from '../../pagination.js';
import { TimeTravelQuery } from '../../params.js';
import { CustomerSummary } from '../customers/schemas.js';
import { PersonName } from '../staff/schemas.js';

/**
 * The grading routes' request and answer shapes, each derived from the domain's
 * schemas (API.md field names) so the API, the events and the OpenAPI document agree.
 */

// ---- requests

/** POST /customers/{id}/monthly-figures: 月度数据 of one customer, with the written reason. */
export const RecordMonthlyFiguresBody = RecordMonthlyFiguresData.omit({ customerId: true }).extend({ reason: Reason });

/** PUT /grading/policy: the whole new policy, as GET answers it (without `version`), and why. */
export const PublishPolicyBody = GradingPolicy.extend({ reason: Reason });

/** POST /grading/policy/simulations: a draft policy tried on a period, nothing published. */
export const SimulatePolicyBody = z.object({ period: Period, policy: GradingPolicy });

/** POST /grading/periods/{period}/run. */
export const RunGradingBody = z.object({ reason: Reason });

/** POST /customers/{id}/score-overrides: 客户评审小组 replaces the scorecard's score. */
export const OverrideScoreBody = OverrideScoreData.pick({ period: true, score: true }).extend({ reason: Reason });

/** PUT /reports/grade-summary/{period}/notes/{customerId}: 备注, with the reason. */
export const NoteBody = z.object({ text: z.string().max(500), reason: Reason });
export const NoteView = z
  .object({ period: Period, customerId: Uuid, note: z.string(), written: z.boolean(), version: z.number().int().min(1) })
  .meta({ id: 'GradeSummaryNote' });

/** POST /reports/grade-summary/{period}/sign-offs: 编制/复核/审核/审批; a signature needs no reason. */
export const SignOffBody = SignOffGradeSummaryData.pick({ step: true }).extend({ reason: Reason.optional() });

export const ReportFormat = z.enum(['json', 'csv', 'xlsx']).meta({
  description: 'json (default), or a file with Chinese headers: csv (UTF-8 with BOM) or xlsx',
});

/** Keyset position of a page of the summary's rows: the last `no` served. */
export const SummaryRowPosition = z.tuple([z.number().int().min(1)]);

/**
 * The summary is one document: without `limit` every row (as in v1); with it a page of
 * rows after `cursor` (API.md v1.1). Files are always whole.
 */
export const GradeSummaryQuery = TimeTravelQuery.extend({
  period: Period,
  format: ReportFormat.default('json'),
  limit: z.coerce.number().int().min(1).max(maxLimit).optional().meta({ description: `rows per page, 1–${maxLimit}; absent: every row` }),
  cursor: Cursor(SummaryRowPosition).optional(),
});

export const PeriodQuery = TimeTravelQuery.extend({ period: Period });

/** GET /reports/grade-changes: the whole list, as JSON or a file. */
export const GradeChangesQuery = TimeTravelQuery.extend({ period: Period, format: ReportFormat.default('json') });

/** Keyset position of the VIP list: the last customer id served. */
export const VipPosition = z.tuple([z.string()]);
export const VipQuery = TimeTravelQuery.extend({ limit: Limit, cursor: Cursor(VipPosition).optional() });

// ---- answers

const cuts = {
  asOf: Instant.meta({ description: 'the effective time the answer is for' }),
  knownAt: Instant.meta({ description: 'the record time the answer is for' }),
};

export const PolicyView = GradingPolicy.extend({
  version: z.number().int().min(0).meta({ description: 'the policy version (0 and 1 are built in: 1, the manual’s D/E coefficient 1, is in force before any publication; 0 is kept for periods graded under it)' }),
  status: z.enum(['builtIn', 'published']),
}).meta({ id: 'GradingPolicyView' });

export const FiguresRecorded = z
  .object({
    customerId: Uuid,
    period: Period,
    recorded: z.boolean().meta({ description: 'false when these very figures were already recorded (nothing changed)' }),
    version: z.number().int().min(1).meta({ description: 'the version of the customer’s figures (their ETag)' }),
  })
  .meta({ id: 'MonthlyFiguresRecordedAnswer' });

export const GradingRunSummary = z
  .object({
    period: Period,
    policyVersion: z.number().int().min(0),
    customers: z.number().int().min(0).nullable().meta({ description: 'active customers looked at; null in a replayed answer (not kept)' }),
    graded: z.number().int().min(0).meta({ description: 'graded for the first time, or re-graded because their result changed' }),
    unchanged: z.number().int().min(0).nullable().meta({ description: 'null in a replayed answer (not kept)' }),
    skipped: z
      .array(z.object({ customerId: z.string(), reason: z.string() }))
      .nullable()
      .meta({ description: 'customers left out because their data cannot be graded, and why (the others are graded); null in a replayed answer (not kept)' }),
    signOffsVoided: z.boolean().meta({ description: 'a changed result voided the signatures already given' }),
    version: z.number().int().min(0).meta({ description: 'the period’s version (the summary’s ETag)' }),
    notGraded: z
      .object({
        prospect: z.number().int().min(0).meta({ description: '潜在客户: new customers start as prospects, graded once activated' }),
        inactive: z.number().int().min(0),
        lost: z.number().int().min(0),
        reason: z.string().meta({ description: 'why they were left out' }),
      })
      .nullable()
      .meta({ description: 'registered customers the run left out (only active ones are graded), by status; null in a replayed answer' }),
  })
  .meta({ id: 'GradingRunSummary' });

/**
 * One customer's evaluation for a period with its workings (scorecard, months counted).
 * A change's values are any JSON: documented as such, since the recursive JSON schema
 * has no OpenAPI rendering.
 */
export const EvaluationView = CustomerGraded.shape.data
  .extend({
    changes: z.array(
      GradeChange.extend({
        from: z.unknown().meta({ description: 'the value before (any JSON)' }),
        to: z.unknown().meta({ description: 'the value after (any JSON)' }),
      }),
    ),
  })
  .meta({ id: 'CustomerEvaluation' });

export const ScoreOverrideView = z
  .object({
    customerId: Uuid,
    period: Period,
    score: OverrideScoreData.shape.score,
    overridden: z.boolean().meta({ description: 'false when this score was already the override' }),
    evaluation: EvaluationView.nullable().meta({ description: 'the re-grade it caused; null for a customer the next run grades' }),
    version: z.number().int().min(0),
  })
  .meta({ id: 'ScoreOverride' });

export const SignOffView = z
  .object({
    period: Period,
    step: SignOffStep,
    signerId: z.string(),
    signerName: z.string(),
    role: Role,
    status: z.enum(['signingOff', 'frozen']).meta({ description: 'frozen once approved (审批)' }),
    version: z.number().int().min(1),
  })
  .meta({ id: 'GradeSummarySignOff' });

/** A row of 客户等级管理汇总表. */
export const GradeSummaryRowView = CustomerGraded.shape.data
  .pick({
    customerId: true,
    customerName: true,
    salespersonId: true,
    score: true,
    coefficient: true,
    monthlyAverageSales: true,
    fulfilmentRate: true,
    grade: true,
    creditLimit: true,
    vip: true,
    policyVersion: true,
  })
  .extend({
    no: z.number().int().min(1),
    remarks: z.string(),
    note: z.string().meta({ description: '备注 written by the archive clerk before 编制 (PUT …/notes/{customerId}); the exports show it before the remarks' }),
    salespersonName: PersonName.meta({ description: '业务员 by name: the staff directory’s as of the report’s time point; null when not listed' }),
  });

export const GradeSummaryView = z
  .object({
    period: Period,
    status: z.enum(['open', 'signingOff', 'frozen']),
    ...cuts,
    rows: z.array(GradeSummaryRowView),
    nextCursor: z.string().nullable().meta({ description: 'with `limit`: pass as cursor for the next page of rows; null on the last' }),
    signOffs: z.array(
      z.object({
        step: SignOffStep,
        signerId: z.string(),
        signerName: z.string().meta({ description: 'the staff directory’s name as of the report’s time point, else the name the signer’s token carried' }),
        role: Role,
        at: Instant,
      }),
    ),
  })
  .meta({ id: 'GradeSummary' });

export const UpgradePlanView = z
  .object({
    period: Period,
    policyVersion: z.number().int().min(0),
    ...cuts,
    items: z.array(
      GradeSummaryRowView.pick({ customerId: true, customerName: true, salespersonId: true, salespersonName: true, score: true, grade: true, creditLimit: true }).extend({
        pointsToB: z.number().min(0).meta({ description: 'points still missing to grade B' }),
      }),
    ),
  })
  .meta({ id: 'UpgradePlan' });

/** 升/降级: each customer of the period's summary, its grade beside the previous period's (API.md v1.1). */
export const GradeChangesView = z
  .object({
    period: Period,
    previousPeriod: Period,
    ...cuts,
    rows: z.array(
      GradeSummaryRowView.pick({ no: true, customerId: true, customerName: true, salespersonId: true, salespersonName: true, grade: true }).extend({
        previousGrade: Grade.nullable().meta({ description: 'the grade of the previous period; null when not graded then' }),
        direction: z.enum(['up', 'down', 'same', 'new']).meta({ description: 'up: a better letter than the period before (A is best); new: not graded then' }),
      }),
    ),
  })
  .meta({ id: 'GradeChanges' });

/** The VIP list (A类客户参照VIP管理): customers as the customer list shows them. */
export const VipPage = PageOf(CustomerSummary).meta({ id: 'VipCustomers' });

export const SimulationView = PolicySimulation.meta({ id: 'PolicySimulation' });

/** Who reads every customer's grade and limit: the managers and the auditor (API.md, grade summary). */
export const summaryReaders = [...managerRoles, 'auditor'] as const satisfies readonly Role[];
