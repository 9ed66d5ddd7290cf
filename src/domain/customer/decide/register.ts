import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { withoutEmpty } from '../changes.js';
import type { RegisterCustomer } from '../commands.js';
import type { CustomerError } from '../errors.js';
import type { CustomerRegistered } from '../events.js';
import { type ArchiveRecord, archiveFieldNames, canonicalPatch } from '../fields/index.js';
import type { CustomerState } from '../state.js';
import { leavingConsistent } from './consistency.js';
import { archiveClerk, authorised } from './guards.js';

const archiveOf = (data: RegisterCustomer['data']): ArchiveRecord => {
  const given = Object.fromEntries(archiveFieldNames.map((field) => [field, data[field]]));
  return withoutEmpty(canonicalPatch(given)) as ArchiveRecord;
};

const distinctContactIds = (data: RegisterCustomer['data']): E.Either<CustomerError, void> => {
  const ids = (data.contacts ?? []).map((c) => c.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  return repeated === undefined
    ? E.right(undefined)
    : E.left({ code: 'ContactAlreadyExists', message: `contact ${repeated} is given twice` });
};

/** 建立客户档案: the archive clerk enters a new customer. Its name is reserved by the app layer. */
export const registerCustomer = (command: RegisterCustomer, state: CustomerState): E.Either<CustomerError, CustomerRegistered[]> =>
  pipe(
    authorised(command.meta, archiveClerk, 'registering a customer'),
    E.flatMap(() =>
      state.status === 'unregistered'
        ? E.right(undefined)
        : E.left<CustomerError>({
            code: 'CustomerAlreadyRegistered',
            message: `customer ${command.data.customerId} is already registered as ${state.archive.name}`,
          }),
    ),
    E.flatMap(() => distinctContactIds(command.data)),
    E.map((): CustomerRegistered[] => [
      {
        type: 'CustomerRegistered',
        data: {
          customerId: command.data.customerId,
          salespersonId: command.data.salespersonId,
          status: command.data.status,
          validUntil: command.data.validUntil ?? null,
          contacts: (command.data.contacts ?? []).map(withoutEmpty),
          archive: archiveOf(command.data),
          enteredAt: command.meta.at,
        },
      },
    ]),
    E.flatMap((events) => leavingConsistent(state, events)),
  );
