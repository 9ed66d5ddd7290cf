import type { Route } from '../route.js';
import { decisionRoutes } from './credit/decisions.js';
import type { RouteDeps } from '../deps.js';
import { requestRoutes } from './credit/requests.js';
import { routingPolicyRoutes } from './credit/routingPolicy.js';

/**
 * Credit-limit change requests (客户信用额度变更申请表) over HTTP (API.md): request,
 * read, list (with each approver's queue), decide step by step (审核意见), withdraw.
 */
export const creditRoutes = (deps: RouteDeps): Route[] => [...requestRoutes(deps), ...decisionRoutes(deps), ...routingPolicyRoutes(deps)];
