import { describe, expect, test } from 'vitest';
import {
  type GradingPolicyPublished,
  type PublishGradingPolicy,
  builtInPolicy,
  defaultGradingPolicy,
  policyDecider,
} from '../../../src/domain/grading/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';
import { actor } from '../../arbitraries/grading.js';

const decider = policyDecider(builtInPolicy);
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
  test('the built-in policy is in force as version 0', () => {
    expect(decider.initialState).toEqual({ status: 'builtIn', inForce: { version: 0, policy: defaultGradingPolicy } });
  });
  test('a deployment may start from another base policy', () => {
    const base = { version: 0, policy: fiveInPlan };
    deciderSpec(policyDecider(base)).given().when(publish()).then();
  });
  test('publishing a new policy makes it version 1', () => {
    spec.given().when(publish()).then(published(1));
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
