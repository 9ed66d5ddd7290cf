import * as E from 'fp-ts/Either';
import { expect } from 'vitest';
import type { Decider } from '../../src/domain/shared/index.js';

/**
 * Given/when/then for deciders: `given(...past).when(command).then(...new)` or
 * `.thenRefused('Code')`. The past is folded with `evolve`, so specs exercise both.
 */
export const deciderSpec = <C, S, Ev, Err extends { code: string }>(decider: Decider<C, S, Ev, Err>) => ({
  given: (...past: Ev[]) => ({
    when: (command: C) => {
      const state = past.reduce(decider.evolve, decider.initialState);
      const result = decider.decide(command, state);
      return {
        then: (...expected: Ev[]) => {
          if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`);
          expect(result.right).toEqual(expected);
          return result.right;
        },
        thenRefused: (code: Err['code']) => {
          if (E.isRight(result)) throw new Error(`accepted: ${JSON.stringify(result.right)}`);
          expect(result.left.code).toBe(code);
          expect(result.left).toHaveProperty('message');
          return result.left;
        },
        result,
      };
    },
  }),
});
