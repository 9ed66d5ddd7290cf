import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  addContact,
  addEvaluation,
  approveArchive,
  changeArchiveFields,
  changeContact,
  changeStatus,
  type CustomerDeps,
  decideChangeRequest,
  eraseContact,
  eraseLegalRepresentative,
  proposeChange,
  readCustomerArchive,
  reassignSalesperson,
  recordViolation,
  registerCustomer,
  removeContact,
  renewValidity,
  reviewArchive,
} from '../../../app/customer/index.js';
import {
  type ChangeRequest,
  type ChangeRequestDeciderEvent,
  changeRequestDecider,
  changeRequestStreamId,
  customerStreamId,
} from '../../../domain/customer/index.js';
import {
  type At,
  type AuditEntry,
  auditSubjects,
  auditTrail,
  type CustomerArchiveView,
  type CustomerFilter,
  type CustomerListItem,
  type CurrentArchive,
  customerArchive,
  currentArchiveReader,
  customerNamesAt,
  listCustomers,
  listViolations,
  type Page,
  type PageRequest,
  type PersonalDataReport,
  personalDataOf,
  type ReadDeps,
  type ViolationFilter,
  type ViolationRecord,
} from '../../../projections/index.js';
import type { ReadStreamOptions, StoreError, StoredEvent } from '../../../store/index.js';
import { type CaughtUp, caughtUpWith, type WaitsForViews } from '../../readYourWrites.js';

/** A record-time and effective-time cut of a change request's stream. */
export type StreamCut = Pick<ReadStreamOptions, 'asOf' | 'knownAt'>;

/** A 修改申请 as its stream tells it, with the written reasons of the proposal and of the decision. */
export type ChangeRequestRecord = {
  request: Exclude<ChangeRequest, { status: 'none' }>;
  version: number;
  reason: string | null;
  decisionReason: string | null;
};

/** The customer use cases the routes call (src/app/customer), bound to the store. */
export type CustomerServices = {
  registerCustomer: ReturnType<typeof registerCustomer>;
  changeArchiveFields: ReturnType<typeof changeArchiveFields>;
  addContact: ReturnType<typeof addContact>;
  changeContact: ReturnType<typeof changeContact>;
  removeContact: ReturnType<typeof removeContact>;
  changeStatus: ReturnType<typeof changeStatus>;
  reassignSalesperson: ReturnType<typeof reassignSalesperson>;
  renewValidity: ReturnType<typeof renewValidity>;
  reviewArchive: ReturnType<typeof reviewArchive>;
  approveArchive: ReturnType<typeof approveArchive>;
  recordViolation: ReturnType<typeof recordViolation>;
  addEvaluation: ReturnType<typeof addEvaluation>;
  proposeChange: ReturnType<typeof proposeChange>;
  decideChangeRequest: ReturnType<typeof decideChangeRequest>;
  eraseContact: ReturnType<typeof eraseContact>;
  eraseLegalRepresentative: ReturnType<typeof eraseLegalRepresentative>;
  /** After an erasure: the destroyed keys' old row versions leave the table's files (VACUUM). */
  purgeErasedKeys: () => Promise<void>;
  /** The archive as its stream has it now: whose customer it is, before a salesperson's command. */
  readCustomerArchive: ReturnType<typeof readCustomerArchive>;
  /** The customer stream's version (If-Match: * asks only that it exist). */
  customerVersion: (customerId: string) => TE.TaskEither<StoreError, number>;
  changeRequest: (requestId: string, cut: StreamCut) => TE.TaskEither<StoreError, ChangeRequestRecord | null>;
};

/** The read models the GET routes answer from (src/projections), each at a time point. */
export type CustomerQueries = {
  archive: (customerId: string, at: At) => Promise<CustomerArchiveView | null>;
  /** The archive now (no time travel), from memory while the views have not moved (`currentArchiveReader`). */
  currentArchive: CurrentArchive;
  customers: (filter: CustomerFilter, at: At, page: PageRequest) => Promise<Page<CustomerListItem>>;
  /** 违规记录 across customers, oldest first, paginated by an opaque cursor of its own. */
  violations: (filter: ViolationFilter, at: At, page: PageRequest) => Promise<Page<ViolationRecord>>;
  /** Each customer's name (客户名称) at the time point: the violation report names whose record it is. */
  customerNames: (customerIds: readonly string[], at: At) => Promise<Map<string, string>>;
  /** The audit trail (审计) of a customer: its archive's events and those of its figures and credit lock, in log order. */
  history: (customerId: string, at: At, page: PageRequest) => Promise<Page<AuditEntry>>;
  /** Subject access: everything held about one data subject (`contact:<id>`), with its history. */
  personalData: (subject: string) => Promise<PersonalDataReport>;
};

export type CustomerRouteDeps = {
  services: CustomerServices;
  queries: CustomerQueries;
  /** Read-your-writes: resolves once the projections applied what a command appended. */
  caughtUp?: CaughtUp;
};

const changeRequestRecord = (events: readonly StoredEvent[]): ChangeRequestRecord | null => {
  const state = events.reduce(
    (s, e) => changeRequestDecider.evolve(s, { type: e.type, data: e.data } as ChangeRequestDeciderEvent),
    changeRequestDecider.initialState,
  );
  if (state.request.status === 'none') return null;
  const decision = events.find((e) => e.type === 'ChangeRequestApplied' || e.type === 'ChangeRequestRejected');
  return {
    request: state.request,
    version: events.at(-1)?.version ?? 0,
    reason: events[0]?.metadata.reason ?? null,
    decisionReason: decision?.metadata.reason ?? null,
  };
};

/**
 * The usual wiring: the app services over the store, the queries over the projections'
 * tables, and the engine for read-your-writes.
 */
export const customerRouteDeps = (
  app: CustomerDeps,
  views: ReadDeps,
  engine?: WaitsForViews,
): CustomerRouteDeps => ({
  services: {
    registerCustomer: registerCustomer(app),
    changeArchiveFields: changeArchiveFields(app),
    addContact: addContact(app),
    changeContact: changeContact(app),
    removeContact: removeContact(app),
    changeStatus: changeStatus(app),
    reassignSalesperson: reassignSalesperson(app),
    renewValidity: renewValidity(app),
    reviewArchive: reviewArchive(app),
    approveArchive: approveArchive(app),
    recordViolation: recordViolation(app),
    addEvaluation: addEvaluation(app),
    proposeChange: proposeChange(app),
    decideChangeRequest: decideChangeRequest(app),
    eraseContact: eraseContact(app),
    eraseLegalRepresentative: eraseLegalRepresentative(app),
    purgeErasedKeys: () => views.keyring.purge(),
    readCustomerArchive: readCustomerArchive(app),
    customerVersion: (customerId) => app.store.streamVersion(customerStreamId(customerId)),
    changeRequest: (requestId, cut) => pipe(app.store.readStream(changeRequestStreamId(requestId), cut), TE.map(changeRequestRecord)),
  },
  queries: {
    archive: (customerId, at) => customerArchive(views, customerId, at),
    currentArchive: currentArchiveReader(views),
    customers: (filter, at, page) => listCustomers(views, filter, at, page),
    violations: (filter, at, page) => listViolations(views, filter, at, page),
    customerNames: (customerIds, at) => customerNamesAt(views, customerIds, at),
    history: (customerId, at, page) => auditTrail(views, auditSubjects.customer(customerId), at, page),
    personalData: (subject) => personalDataOf(views, subject),
  },
  ...(engine ? { caughtUp: caughtUpWith(engine) } : {}),
});
