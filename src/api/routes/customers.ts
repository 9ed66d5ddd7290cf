import type { Route } from '../route.js';
import { archiveRoutes } from './customers/archive.js';
import { changeRequestRoutes } from './customers/changeRequests.js';
import { contactRoutes } from './customers/contacts.js';
import { erasureRoutes } from './customers/erasure.js';
import type { RouteDeps } from '../deps.js';
import { historyRoutes } from './customers/history.js';
import { lifecycleRoutes } from './customers/lifecycle.js';
import { recordRoutes } from './customers/records.js';
import { violationsReportRoutes } from './customers/violationsReport.js';

/**
 * Customer archives (客户档案) over HTTP (API.md): register, read, list and change them,
 * their contacts, status, salesperson and validity, review and approval, change
 * requests (修改申请) and their decisions, violations and evaluations, the audit
 * trail, and the violation report.
 */
export const customerRoutes = (deps: RouteDeps): Route[] => [
  ...archiveRoutes(deps),
  ...lifecycleRoutes(deps),
  ...contactRoutes(deps),
  ...erasureRoutes(deps),
  ...recordRoutes(deps),
  ...changeRequestRoutes(deps),
  ...historyRoutes(deps),
  ...violationsReportRoutes(deps),
];
