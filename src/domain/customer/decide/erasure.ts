import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { Role } from '../../shared/index.js';
import type { EraseContact, EraseLegalRepresentative } from '../commands.js';
import type { CustomerError } from '../errors.js';
import type { ContactErased, LegalRepresentativeErased } from '../events.js';
import type { CustomerState } from '../state.js';
import { authorisedOn } from './guards.js';

/** 个人信息删除 is decided by the sales admin manager (销售管理部经理), in writing. */
export const eraser: readonly Role[] = ['salesAdminManager'];

/**
 * A contact's personal information is erased, whether it is still in the archive or
 * was removed before (its values stay in the history until erased). Erasing is never
 * refused for the archive's consistency: the law comes first. A repeat appends the
 * erasure again (the keys are already gone; the record shows each request).
 */
export const eraseContact = (command: EraseContact, state: CustomerState): E.Either<CustomerError, ContactErased[]> =>
  pipe(
    authorisedOn(state, command.meta, command.data.customerId, eraser, "erasing a contact's personal information"),
    E.flatMap((customer): E.Either<CustomerError, ContactErased[]> => {
      const { customerId, contactId } = command.data;
      const known = customer.contacts.some((c) => c.id === contactId) || customer.removedContactIds.includes(contactId);
      if (!known) return E.left({ code: 'ContactNotFound', message: `${customer.archive.name} has no contact ${contactId}` });
      return E.right([{ type: 'ContactErased', data: { customerId, contactId } }]);
    }),
  );

export const eraseLegalRepresentative = (
  command: EraseLegalRepresentative,
  state: CustomerState,
): E.Either<CustomerError, LegalRepresentativeErased[]> =>
  pipe(
    authorisedOn(state, command.meta, command.data.customerId, eraser, "erasing the legal representative's personal information"),
    E.map((): LegalRepresentativeErased[] => [{ type: 'LegalRepresentativeErased', data: { customerId: command.data.customerId } }]),
  );
