import type * as TE from 'fp-ts/TaskEither';
import { type ComplaintDeps, getComplaint, receiveComplaint, takeComplaintStep } from '../../../app/complaint/index.js';
import { complaintStreamId, type MonthlyComplaintStatistics } from '../../../domain/complaint/index.js';
import type { Period } from '../../../domain/shared/index.js';
import { type ComplaintFilter, type ComplaintView, complaintStatistics, listComplaints } from '../../../projections/complaints/queries.js';
import { customerNamesAt } from '../../../projections/customers/names.js';
import type { At, Page, PageRequest, ReadDeps } from '../../../projections/shared/query.js';
import type { StoreError } from '../../../store/index.js';
import { customerOwnerFrom } from '../credit/deps.js';
import type { CustomerOwner } from '../credit/support.js';
import { type CaughtUp, caughtUpWith, type WaitsForViews } from '../../readYourWrites.js';

/** The complaint use cases the routes call (src/app/complaint), bound to the store. */
export type ComplaintServices = {
  receiveComplaint: ReturnType<typeof receiveComplaint>;
  takeComplaintStep: ReturnType<typeof takeComplaintStep>;
  /** One complaint from its own stream, with every recorded step, optionally cut at asOf / knownAt. */
  complaint: ReturnType<typeof getComplaint>;
  /** The complaint stream's version: what If-Match compares with. */
  complaintVersion: (complaintId: string) => TE.TaskEither<StoreError, number>;
  customerOwner: CustomerOwner;
};

/** The read models the list and the monthly report answer from (src/projections), at a time point. */
export type ComplaintQueries = {
  complaints: (filter: ComplaintFilter, at: At, page: PageRequest) => Promise<Page<ComplaintView>>;
  monthlyStatistics: (month: Period, at: At) => Promise<MonthlyComplaintStatistics>;
  /** 客户名称 of the customers a report names, as the archives had them then; unknown ids are left out. */
  customerNames: (customerIds: readonly string[], at: At) => Promise<Record<string, string>>;
};

export type ComplaintRouteDeps = {
  services: ComplaintServices;
  queries: ComplaintQueries;
  /** Read-your-writes: resolves once the projections applied what a command appended. */
  caughtUp?: CaughtUp;
};

/** The usual wiring: the app services over the store, the queries over the projections, the engine for read-your-writes. */
export const complaintRouteDeps = (
  app: ComplaintDeps,
  views: ReadDeps,
  engine?: WaitsForViews,
): ComplaintRouteDeps => ({
  services: {
    receiveComplaint: receiveComplaint(app),
    takeComplaintStep: takeComplaintStep(app),
    complaint: getComplaint(app),
    complaintVersion: (complaintId) => app.store.streamVersion(complaintStreamId(complaintId)),
    customerOwner: customerOwnerFrom(app.store),
  },
  queries: {
    complaints: (filter, at, page) => listComplaints(views, filter, at, page),
    monthlyStatistics: (month, at) => complaintStatistics(views, month, at),
    customerNames: async (customerIds, at) => Object.fromEntries(await customerNamesAt(views, customerIds, at)),
  },
  ...(engine ? { caughtUp: caughtUpWith(engine) } : {}),
});
