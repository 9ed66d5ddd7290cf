import { describe, expect, test } from 'vitest';
import {
  type GradingPolicyPublished,
  type PublishGradingPolicy,
  builtInPolicies,
  builtInPolicy,
  defaultGradingPolicy,
  earlierGradingPolicy,
  policyDecider,
  policyVersion,
} from '../../../src/domain/grading/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import { actor } from '../../arbitraries/grading.js';

const decider = policyDecider(builtInPolicy, builtInPolicies);
const spec = deciderSpec(decider);
const manager = actor('m', 'salesAdminManager');
const fiveInPlan = { ...defaultGradingPolicy, upgradePlanSize: 5 };

const publish = (policy = fiveInPlan, meta: Partial<PublishGradingPolicy['meta']> = {}): PublishGradingPolicy => ({
  type: 'PublishGradingPolicy',
  data: { policy },
  meta: { actor: manager, at: '2026-10-01T09:00:00+08:00', reason: '提升计划改为5家', ...meta },
});
const published = (version: number, policy = fiveInPlan, reason = '提升计划改为5家'): GradingPolicyPublished => ({
  type: 'GradingPolicyPublished',
  data: { version, policy, reason },
});

describe('before any publication', () => {
  test('the corrected built-in policy is in force as version 1, the earlier reading kept as version 0', () => {
    expect(decider.initialState).toMatchObject({ status: 'builtIn', inForce: { version: 1, policy: defaultGradingPolicy } });
    expect(policyVersion(decider.initialState, 0)).toEqual({ version: 0, policy: earlierGradingPolicy });
    expect(policyVersion(decider.initialState, 1)).toEqual({ version: 1, policy: defaultGradingPolicy });
  });
  test('the corrected version gives D and E the manual’s coefficient 1; the earlier one had 0.8 and 0.5', () => {
    expect([defaultGradingPolicy.grades.D.coefficient, defaultGradingPolicy.grades.E.coefficient]).toEqual(['1', '1']);
    expect([earlierGradingPolicy.grades.D.coefficient, earlierGradingPolicy.grades.E.coefficient]).toEqual(['0.8', '0.5']);
    expect({ ...earlierGradingPolicy, grades: defaultGradingPolicy.grades }).toEqual(defaultGradingPolicy);
    expect(builtInPolicies.map((v) => [v.version, v.author.id, v.reason.length > 0])).toEqual([
      [0, 'customer-ledger', true],
      [1, 'customer-ledger', true],
    ]);
  });
  test('a deployment may start from another base policy', () => {
    const base = { version: 0, policy: fiveInPlan };
    deciderSpec(policyDecider(base)).given().when(publish()).then();
  });
  test('publishing a new policy makes it version 2, after the built-in ones', () => {
    spec.given().when(publish()).then(published(2));
  });
  test('a deployment’s own version 1, published before the correction, replaces the built-in 1', () => {
    const state = [published(1)].reduce(decider.evolve, decider.initialState);
    expect(policyVersion(state, 1)).toEqual({ version: 1, policy: fiveInPlan });
    expect(policyVersion(state, 0)).toEqual({ version: 0, policy: earlierGradingPolicy });
  });
  test('publishing the built-in policy unchanged is a no-op', () => {
    spec.given().when(publish(defaultGradingPolicy)).then();
  });
  test('only the sales admin manager publishes', () => {
    spec.given().when(publish(fiveInPlan, { actor: actor('c', 'archiveClerk') })).thenRefused('RoleNotAllowed');
  });
  test('a publication states why', () => {
    spec.given().when(publish(fiveInPlan, { reason: undefined })).thenRefused('ReasonRequired');
  });
  test('an invalid policy is refused with its rule', () => {
    const broken = { ...fiveInPlan, grades: { ...fiveInPlan.grades, E: { ...fiveInPlan.grades.E, coefficient: '-0.5' } } };
    spec.given().when(publish(broken)).thenRefused('CoefficientIsNegative');
  });
});

describe('when version 1 is in force', () => {
  test('a different policy becomes version 2', () => {
    spec.given(published(1)).when(publish(defaultGradingPolicy, { reason: '恢复默认' })).then(published(2, defaultGradingPolicy, '恢复默认'));
  });
  test('publishing it again is a no-op, whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(fiveInPlan).reverse()) as typeof fiveInPlan;
    spec.given(published(1)).when(publish(reordered)).then();
  });
});
