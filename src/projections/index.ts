import { complaintsProjection } from './complaints/projection.js';
import { creditRequestsProjection } from './creditRequests/projection.js';

export { complaintEventTypes } from './complaints/projection.js';
export { creditRequestEventTypes } from './creditRequests/projection.js';
import { customerRecordsProjection, customersProjection } from './customers/projection.js';
import type { Projection } from './engine/projection.js';
import { figuresProjection } from './figures/projection.js';
import { gradingProjection } from './grading/projection.js';
import { standingProjection } from './standing/projection.js';
import { staffProjection } from './staff/projection.js';

/** Every read model the product serves, each run by the engine on its own checkpoint. */
export const allProjections: readonly Projection[] = [
  customersProjection,
  customerRecordsProjection,
  standingProjection,
  gradingProjection,
  figuresProjection,
  creditRequestsProjection,
  complaintsProjection,
  staffProjection,
];

export { createProjectionEngine, type EngineOptions, type ProjectionEngine, type Progress, type RunnerState, type WaitResult, type Lagging } from './engine/engine.js';
export type { ApplyContext, LogEvent, Projection, TableNamer } from './engine/projection.js';
export { projectionStatus, type ProjectionStatus } from './engine/status.js';
export * from './shared/query.js';
export { auditSubjects, auditTrail, type AuditEntry } from './auditTrail/queries.js';
export { customerArchive, type CustomerArchiveView } from './customers/archive.js';
export { type CurrentArchive, currentArchiveReader } from './customers/currentArchive.js';
export { type CurrentSummary, currentSummaryReader } from './grading/currentSummary.js';
export { listCustomers, listVipCustomers, type CustomerFilter, type CustomerListItem } from './customers/list.js';
export { customerNamesAt, liveCustomerNames } from './customers/names.js';
export { listViolations, type ViolationFilter, type ViolationRecord } from './customers/violations.js';
export { gradeSummary, monthlyUpgradePlan, policyInForce, type GradeSummary, type PolicyAt, type GradeSummaryRow, type SignOffRecord, type UpgradePlan } from './grading/summary.js';
export { gradeChanges, type GradeChangeRow, type GradeChanges, type GradeDirection } from './grading/gradeChanges.js';
export { customerFigures } from './figures/queries.js';
export { approverQueue, creditRequest, creditRequestViewOf, listCreditRequests, type CreditRequestFilter, type CreditRequestView } from './creditRequests/queries.js';
export { complaint, complaintStatistics, listComplaints, type ComplaintFilter, type ComplaintView } from './complaints/queries.js';
export { countNotGraded, loadGradingInputs, type NotGraded } from './loaders/gradingInputs.js';
export { loadCustomerSnapshot, type CustomerSnapshot } from './loaders/customerSnapshot.js';
export { judgeReadiness, type MaxLag, type Readiness, type ViewLag } from './engine/viewLag.js';
export { checkReadiness, refreshStoreGauges, type ViewsProbe } from './engine/viewMetrics.js';
export { personalDataOf, type PersonalDataEntry, type PersonalDataReport } from './personalData/queries.js';
export { listStaff, staffMember, staffNamesAt, type StaffEntry } from './staff/queries.js';
export { staffNamer, withSalespersonNames, type NameOf } from './staff/names.js';
export { namedGradeSummary, nameSummaryParts, type NamedSummaryRow } from './grading/names.js';
export { nameArchive, type NamedArchive, type NamedReview } from './customers/archiveNames.js';
export { nameCreditRequests, type NamedCreditRequest } from './creditRequests/names.js';
