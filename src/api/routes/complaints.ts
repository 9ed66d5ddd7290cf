import type { Route } from '../route.js';
import type { RouteDeps } from '../deps.js';
import { recordRoutes } from './complaints/records.js';
import { statisticsRoutes } from './complaints/statistics.js';
import { stepRoutes } from './complaints/steps.js';

/**
 * Complaints (客户服务管理 · 客户投诉处理流程) over HTTP (API.md): record one, read and
 * list them, advance one step at a time, and the monthly statistics (月度客诉统计).
 */
export const complaintRoutes = (deps: RouteDeps): Route[] => [...recordRoutes(deps), ...stepRoutes(deps), ...statisticsRoutes(deps)];
