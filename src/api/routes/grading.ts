import type { Route } from '../route.js';
import type { RouteDeps } from '../deps.js';
import { gradeChangesRoute } from './grading/gradeChanges.js';
import { figuresRoutes } from './grading/figures.js';
import { periodRoutes } from './grading/period.js';
import { policyRoutes } from './grading/policy.js';
import { reportRoutes } from './grading/reports.js';

/**
 * Grading (客户等级评估) over HTTP (API.md): monthly figures, the policy, runs, the
 * review board's overrides, the grade summary (客户等级管理汇总表) with its sign-offs and
 * exports, and the reports built on grades (upgrade plan, VIP list, 升/降级).
 */
export const gradingRoutes = (deps: RouteDeps): Route[] => [
  ...figuresRoutes(deps),
  ...policyRoutes(deps),
  ...periodRoutes(deps),
  ...reportRoutes(deps),
  gradeChangesRoute(deps),
];
