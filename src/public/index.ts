/**
 * `customer-ledger`: open a store, run the app's use cases on it, keep the read models
 * current with the projection engine and query them as of any effective and record
 * time, and mount the HTTP API in an express application. The pure domain is
 * `customer-ledger/domain`, the store's port `customer-ledger/store`; nothing else is public.
 */
export { defaultSchema, openStore, type EventStore, type OpenStore, type StoreConfig, type StoreError, type StoredEvent } from '../store/index.js';

// Use cases: each takes its dependencies (`{ store }`, loaders) and answers a TaskEither.
export * as customers from '../app/customer/index.js';
export * as grading from '../app/grading/index.js';
export * as credit from '../app/credit/index.js';
export * as complaints from '../app/complaint/index.js';

export {
  allProjections,
  createProjectionEngine,
  loadCustomerSnapshot,
  loadGradingInputs,
  projectionStatus,
  type EngineOptions,
  type Progress,
  type ProjectionEngine,
  type ProjectionStatus,
  type RunnerState,
  type WaitResult,
} from '../projections/index.js';
export { ProjectionQueryError, type At, type Page, type PageRequest, type ReadDeps } from '../projections/index.js';
export {
  approverQueue,
  auditTrail,
  complaint,
  complaintStatistics,
  creditRequest,
  customerArchive,
  customerFigures,
  gradeSummary,
  listComplaints,
  listCreditRequests,
  listCustomers,
  listViolations,
  listVipCustomers,
  monthlyUpgradePlan,
  policyInForce,
  type AuditEntry,
  type ComplaintFilter,
  type ComplaintView,
  type CreditRequestFilter,
  type CreditRequestView,
  type CustomerArchiveView,
  type CustomerFilter,
  type CustomerListItem,
  type GradeSummary,
  type GradeSummaryRow,
  type UpgradePlan,
  type ViolationFilter,
  type ViolationRecord,
} from '../projections/index.js';

export { createApp, type HostedAppOptions } from '../api/hosted.js';
export type { Identify } from '../api/auth.js';
