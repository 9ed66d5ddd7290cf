import { fc, test as prop } from '@fast-check/vitest';
import * as E from 'fp-ts/Either';
import { describe, expect, test } from 'vitest';
import { type RecordStaffMember, type StaffEvent, StaffMemberRegistered, staffDecider, staffStreamId } from '../../../src/domain/staff/index.js';
import { type Actor, Role } from '../../../src/domain/shared/index.js';
import { deciderSpec } from '../../support/deciderSpec.js';

const spec = deciderSpec(staffDecider);
const manager: Actor = { id: 'mgr-1', name: '管理部经理', roles: ['salesAdminManager'] };
const at = '2026-11-02T09:00:00+08:00';

const put = (details: Partial<RecordStaffMember['data']> = {}, actor: Actor = manager, ...reason: [string | undefined] | []): RecordStaffMember => ({
  type: 'RecordStaffMember',
  data: { staffId: 'sp-zhaomin', name: '赵敏', department: '销售部', title: null, ...details },
  meta: { actor, at, reason: reason.length === 0 ? '入职' : reason[0] },
});

const registered: StaffEvent = { type: 'StaffMemberRegistered', data: { staffId: 'sp-zhaomin', name: '赵敏', department: '销售部', title: null } };

describe('when the person is not listed', () => {
  test('putting them registers them', () => {
    spec.given().when(put()).then(registered);
  });

  test.each(Role.options.filter((r) => r !== 'salesAdminManager'))('cannot be listed by %s', (role) => {
    spec.given().when(put({}, { ...manager, roles: [role] })).thenRefused('RoleNotAllowed');
  });

  test.each([undefined, '', ' \u200b '])('cannot be listed without a written reason (%j)', (reason) => {
    spec.given().when(put({}, manager, reason)).thenRefused('ReasonRequired');
  });
});

describe('when the person is listed', () => {
  test('a new name, department or title is recorded as a change', () => {
    spec.given(registered).when(put({ name: '赵敏华' })).then({ type: 'StaffMemberChanged', data: { ...registered.data, name: '赵敏华' } });
    spec.given(registered).when(put({ department: null })).then({ type: 'StaffMemberChanged', data: { ...registered.data, department: null } });
    spec.given(registered).when(put({ title: '主管' })).then({ type: 'StaffMemberChanged', data: { ...registered.data, title: '主管' } });
  });

  test('the same entry again changes nothing', () => {
    spec.given(registered).when(put()).then();
  });
});

describe('the schema of an entry', () => {
  test.each(['', ' ', '\u200b', '赵\u202e敏', '长'.repeat(101)])('refuses the name %j', (name) => {
    expect(StaffMemberRegistered.shape.data.safeParse({ ...registered.data, name }).success).toBe(false);
  });
});

describe('stream ids', () => {
  test('a plain sub is its own stream id; any other is hashed, and two subs never share a stream', () => {
    expect(staffStreamId('sp-zhaomin')).toBe('staff-sp-zhaomin');
    expect(staffStreamId('auth0|王磊')).toMatch(/^staff-_[0-9a-f]{64}$/);
  });

  prop.prop([fc.string({ minLength: 1, maxLength: 40 }), fc.string({ minLength: 1, maxLength: 40 })])('distinct subs, distinct streams', (a, b) => {
    fc.pre(a !== b);
    expect(staffStreamId(a)).not.toBe(staffStreamId(b));
    expect(staffStreamId(a)).toMatch(/^staff-[A-Za-z0-9._:-]{1,200}$/);
  });
});

describe('every history', () => {
  const command = fc.record({
    name: fc.constantFrom('赵敏', '赵敏华', '王磊'),
    department: fc.option(fc.constantFrom('销售部', '管理部'), { nil: null }),
    title: fc.option(fc.constant('主管'), { nil: null }),
  });
  prop.prop([fc.array(command, { maxLength: 8 })])('the state is the last entry put, and only a change writes an event', (puts) => {
    let state = staffDecider.initialState;
    for (const p of puts) {
      const decided = staffDecider.decide(put(p), state);
      if (E.isLeft(decided)) throw new Error(decided.left.message);
      const before = state;
      state = decided.right.reduce(staffDecider.evolve, state);
      const same = before.status === 'listed' && JSON.stringify(before.details) === JSON.stringify(p);
      expect(decided.right.length).toBe(same ? 0 : 1);
      expect(state).toEqual({ status: 'listed', staffId: 'sp-zhaomin', details: p });
    }
  });
});
