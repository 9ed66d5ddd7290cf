import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { diffContact, withoutEmpty } from '../changes.js';
import type { AddContact, ChangeContact, RemoveContact } from '../commands.js';
import type { CustomerError } from '../errors.js';
import type { ContactAdded, ContactChanged, ContactRemoved } from '../events.js';
import { sameValue } from '../fields/index.js';
import type { CustomerState, RegisteredCustomer } from '../state.js';
import { leavingConsistent } from './consistency.js';
import { archiveClerk, authorisedOn } from './guards.js';

const contactNotFound = (customer: RegisteredCustomer, contactId: string): CustomerError => ({
  code: 'ContactNotFound',
  message: customer.removedContactIds.includes(contactId)
    ? `contact ${contactId} of ${customer.archive.name} was removed`
    : `${customer.archive.name} has no contact ${contactId}`,
});

/** 联系信息: a contact joins the archive. Adding the same contact again is a no-op. */
export const addContact = (command: AddContact, state: CustomerState): E.Either<CustomerError, ContactAdded[]> =>
  pipe(
    authorisedOn(state, command.meta, command.data.customerId, archiveClerk, 'adding a contact'),
    E.flatMap((customer): E.Either<CustomerError, ContactAdded[]> => {
      const contact = withoutEmpty(command.data.contact);
      const existing = customer.contacts.find((c) => c.id === contact.id);
      if (existing !== undefined && sameValue(existing, contact)) return E.right([]);
      if (existing !== undefined || customer.removedContactIds.includes(contact.id)) {
        return E.left({
          code: 'ContactAlreadyExists',
          message: `${customer.archive.name} already had a contact with id ${contact.id}; a new contact needs a new id`,
        });
      }
      return E.right([{ type: 'ContactAdded', data: { customerId: command.data.customerId, contact } }]);
    }),
    E.flatMap((events) => leavingConsistent(state, events)),
  );

export const changeContact = (command: ChangeContact, state: CustomerState): E.Either<CustomerError, ContactChanged[]> =>
  pipe(
    authorisedOn(state, command.meta, command.data.customerId, archiveClerk, 'changing a contact'),
    E.flatMap((customer): E.Either<CustomerError, ContactChanged[]> => {
      const contact = customer.contacts.find((c) => c.id === command.data.contactId);
      if (contact === undefined) return E.left(contactNotFound(customer, command.data.contactId));
      const changes = diffContact(contact, command.data.changes);
      return E.right(
        changes.length === 0
          ? []
          : [{ type: 'ContactChanged', data: { customerId: command.data.customerId, contactId: contact.id, changes } }],
      );
    }),
    E.flatMap((events) => leavingConsistent(state, events)),
  );

/** The contact leaves the archive; the history keeps it. Removing it again is a no-op. */
export const removeContact = (command: RemoveContact, state: CustomerState): E.Either<CustomerError, ContactRemoved[]> =>
  pipe(
    authorisedOn(state, command.meta, command.data.customerId, archiveClerk, 'removing a contact'),
    E.flatMap((customer): E.Either<CustomerError, ContactRemoved[]> => {
      const { contactId, customerId } = command.data;
      if (customer.removedContactIds.includes(contactId)) return E.right([]);
      if (!customer.contacts.some((c) => c.id === contactId)) return E.left(contactNotFound(customer, contactId));
      return E.right([{ type: 'ContactRemoved', data: { customerId, contactId } }]);
    }),
  );
