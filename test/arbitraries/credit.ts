import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import {
  type CreditRequestCommand,
  type CreditRequestEvent,
  type CreditRequestState,
  type CreditRouting,
  creditRequestDecider,
  defaultCreditRouting,
} from '../../src/domain/credit/index.js';
import { type Actor, type Role, fromFen } from '../../src/domain/shared/index.js';

export const requestIdArb = fc.uuid({ version: 4 });
export const customerIdArb = fc.uuid({ version: 4 });

/** Roles people hold around a credit request: requesters, the four approvers, and bystanders. */
const creditRoles: Role[] = ['salesperson', 'archiveClerk', 'serviceClerk', 'salesAdminManager', 'salesVP', 'salesGM', 'groupGM'];

/**
 * People with random roles. The first four hold one approver role each (so a chain can
 * complete); the rest hold any, several or none of the approver roles.
 */
export const creditUsersArb: fc.Arbitrary<Actor[]> = fc
  .array(fc.subarray(creditRoles, { minLength: 1 }), { minLength: 0, maxLength: 4 })
  .map((extra) => [
    ...(['salesAdminManager', 'salesVP', 'salesGM', 'groupGM'] as const).map((r, i) => [r as Role, ...(i % 2 === 0 ? [] : (['salesperson'] as Role[]))]),
    ...extra,
  ])
  .map((roleSets) => roleSets.map((roles, i) => ({ id: `u${i}`, name: `用户${i}`, roles })));

/** A routing that shortens the chain for small changes, besides the manual's default. */
export const tieredRouting: CreditRouting = {
  rules: [
    { direction: 'increase', maxChangeAmount: '10000', maxChangePercent: 20, steps: ['salesAdminManager', 'salesVP'] },
    { direction: 'increase', steps: ['salesAdminManager', 'salesVP', 'salesGM', 'groupGM'] },
    { direction: 'decrease', maxChangePercent: 10, steps: ['salesVP'] },
    { direction: 'decrease', steps: ['salesAdminManager', 'salesVP'] },
  ],
};
export const routingArb = fc.constantFrom(defaultCreditRouting, tieredRouting);

const limitArb = fc.bigInt({ min: 0n, max: 5_000_000n }).map(fromFen);

/** Everything a request needs; the requester is one of `users` (often one who also approves). */
export const creditScenarioArb = fc
  .record({ users: creditUsersArb, routing: routingArb, requestId: requestIdArb, customerId: customerIdArb, currentLimit: fc.option(limitArb, { nil: null }), proposedLimit: limitArb })
  .chain((s) => fc.nat({ max: s.users.length - 1 }).map((r) => ({ ...s, requesterIndex: r })))
  .map((s) => ({
    ...s,
    users: s.users.map((u, i) => (i === s.requesterIndex && !u.roles.includes('salesperson') ? { ...u, roles: [...u.roles, 'salesperson' as Role] } : u)),
  }))
  .map((s) => ({ ...s, requester: s.users[s.requesterIndex]! }));
export type CreditScenario = typeof creditScenarioArb extends fc.Arbitrary<infer T> ? T : never;

export const openCommand = (s: CreditScenario, minute = 0): CreditRequestCommand => ({
  type: 'RequestCreditLimitChange',
  data: {
    requestId: s.requestId,
    customerId: s.customerId,
    customer: { name: '测试客户', salespersonId: s.requester.id, grade: 'C', address: null, contact: null },
    currentLimit: s.currentLimit,
    proposedLimit: s.proposedLimit,
  },
  meta: { actor: s.requester, at: instantAt(minute), reason: '调整信用额度' },
});

export const instantAt = (minute: number) => new Date(Date.UTC(2026, 9, 1) + minute * 60_000).toISOString();

/** A later action on the request: a decision by anyone (approving 9 times in 10, so chains often complete), or a withdrawal by anyone. */
export const actionArb = (users: readonly Actor[]) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('decide' as const), user: fc.nat({ max: users.length - 1 }), reject: fc.nat({ max: 9 }).map((n) => n === 0) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), user: fc.nat({ max: users.length - 1 }), reject: fc.constant(false) }) },
  );
export type CreditAction = { kind: 'decide' | 'withdraw'; user: number; reject: boolean };

export const actionCommand = (s: CreditScenario, action: CreditAction, minute: number): CreditRequestCommand => {
  const actor = s.users[action.user]!;
  const meta = { actor, at: instantAt(minute), reason: '审核' };
  return action.kind === 'withdraw'
    ? { type: 'WithdrawCreditLimitChange', data: { requestId: s.requestId }, meta }
    : { type: 'DecideCreditLimitChange', data: { requestId: s.requestId, decision: action.reject ? 'reject' : 'approve', opinion: `意见 ${minute}` }, meta };
};

/**
 * A reachable history: a request and random later actions, each run through `decide`;
 * refused commands leave nothing. Gives every event with the state after it.
 */
export const creditHistoryArb = creditScenarioArb.chain((s) =>
  fc.array(actionArb(s.users), { maxLength: 12 }).map((actions) => {
    const decider = creditRequestDecider(s.routing);
    const events: CreditRequestEvent[] = [];
    let state: CreditRequestState = decider.initialState;
    [openCommand(s), ...actions.map((a, i) => actionCommand(s, a, i + 1))].forEach((command) => {
      const result = decider.decide(command, state);
      if (E.isRight(result)) {
        events.push(...result.right);
        state = result.right.reduce(decider.evolve, state);
      }
    });
    return { scenario: s, events, state };
  }),
);
