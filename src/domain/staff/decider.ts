import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import {
  assertNever,
  type Command,
  type Decider,
  type ReasonRequired,
  type RoleNotAllowed,
  requireReason,
  requireRole,
} from '../shared/index.js';
import type { StaffDetails, StaffEvent, StaffId } from './events.js';

/** PUT /staff/{id}: the person's entry as it should read from now on (a whole replacement). */
export type RecordStaffMember = Command<'RecordStaffMember', StaffDetails & { staffId: StaffId }>;

export type StaffState = { status: 'unknown' } | { status: 'listed'; staffId: StaffId; details: StaffDetails };

export type StaffError = ReasonRequired | RoleNotAllowed;

const sameDetails = (a: StaffDetails, b: StaffDetails): boolean => a.name === b.name && a.department === b.department && a.title === b.title;

/**
 * The sales admin manager (销售管理部经理) keeps the directory: a new person is
 * registered, a changed entry recorded, the same entry again changes nothing.
 */
const decide = (command: RecordStaffMember, state: StaffState): E.Either<StaffError, StaffEvent[]> =>
  pipe(
    E.Do,
    E.bindW('actor', () => requireRole(command.meta.actor, ['salesAdminManager'], 'keeping the staff directory')),
    E.bindW('reason', () => requireReason(command.meta)),
    E.map((): StaffEvent[] => {
      const { staffId, name, department, title } = command.data;
      const details = { name, department, title };
      if (state.status === 'unknown') return [{ type: 'StaffMemberRegistered', data: { staffId, ...details } }];
      return sameDetails(state.details, details) ? [] : [{ type: 'StaffMemberChanged', data: { staffId, ...details } }];
    }),
  );

export const evolveStaff = (_state: StaffState, event: StaffEvent): StaffState => {
  switch (event.type) {
    case 'StaffMemberRegistered':
    case 'StaffMemberChanged': {
      const { staffId, ...details } = event.data;
      return { status: 'listed', staffId, details };
    }
    default:
      return assertNever(event);
  }
};

export const initialStaffState: StaffState = { status: 'unknown' };

export const staffDecider: Decider<RecordStaffMember, StaffState, StaffEvent, StaffError> = {
  decide,
  evolve: evolveStaff,
  initialState: initialStaffState,
};
