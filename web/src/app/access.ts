import { type RouteKey, routeRoles } from '../api/routeRoles.js';
import { readSession } from '../auth/session.js';

/**
 * Whether the signed-in user's posts may call a route, from the API's own declaration
 * (routeRoles.ts, generated from /openapi.json): the console draws no menu item, button
 * or form that the API would refuse for the user's role. Scope (a salesperson's own
 * customers) and turn (whose sign-off is next) are still the server's to decide.
 */
export const mayCall = (roles: readonly string[], route: RouteKey): boolean => {
  const allowed: readonly string[] = routeRoles[route];
  return allowed.length === 0 || roles.some((r) => allowed.includes(r));
};

export const iMayCall = (route: RouteKey): boolean => mayCall(readSession()?.user.roles ?? [], route);
