import { z } from 'zod';
import { Role } from './roles.js';

/** Who did it: the authenticated user, never a value taken from a request body. */
export const Actor = z.object({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  roles: z.array(Role).min(1),
});
export type Actor = z.infer<typeof Actor>;

export const hasRole = (actor: Actor, ...roles: readonly Role[]): boolean =>
  actor.roles.some((r) => roles.includes(r));
