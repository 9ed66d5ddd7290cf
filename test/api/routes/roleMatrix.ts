import { describe, expect, test } from 'vitest';
import { Role } from '../../../src/domain/shared/index.js';
import { type client, expectProblem } from './http.js';

/** One route as its callers see it: who may call it, and how to call it with a token. */
export type RouteCall = {
  name: string;
  allowed: readonly Role[];
  /**
   * What an allowed role is answered: the route let it in, the data may still refuse.
   * Without it, anything but 401, 403 and a 5xx.
   */
  admitted?: number;
  send: (as: ReturnType<typeof client>, token: string | undefined, role?: Role) => Promise<{ status: number }>;
};

/** For every route: 401 without a token, 403 for every other role, each allowed role let in. */
export const describeRoleMatrix = (calls: readonly RouteCall[], reach: () => { as: ReturnType<typeof client>; tokens: ReadonlyMap<Role, string> }) =>
  describe.each(calls)('$name', ({ allowed, admitted, send }) => {
    test('answers 401 without a token', async () => {
      expectProblem((await send(reach().as, undefined)) as never, 401, 'Unauthenticated');
    });

    test('answers 403 to every other role', async () => {
      const { as, tokens } = reach();
      for (const role of Role.options.filter((r) => !allowed.includes(r))) {
        expectProblem((await send(as, tokens.get(role), role)) as never, 403, 'RoleNotAllowed');
      }
    });

    test('lets each of its roles in', async () => {
      const { as, tokens } = reach();
      for (const role of allowed) {
        const res = await send(as, tokens.get(role), role);
        const why = `${role}: ${res.status} ${JSON.stringify((res as { body?: unknown }).body)}`;
        if (admitted === undefined) expect(res.status < 500 && ![401, 403].includes(res.status), why).toBe(true);
        else expect(res.status, why).toBe(admitted);
      }
    });
  });
