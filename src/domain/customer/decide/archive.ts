import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { diffArchive } from '../changes.js';
import type { ChangeArchiveFields } from '../commands.js';
import type { CustomerError } from '../errors.js';
import type { ArchiveFieldsChanged } from '../events.js';
import type { CustomerState } from '../state.js';
import { leavingConsistent } from './consistency.js';
import { archiveClerk, authorisedOn } from './guards.js';

/** 客户档案核对与更改: the event lists exactly the fields whose value differs; none is a no-op. */
export const changeArchiveFields = (
  command: ChangeArchiveFields,
  state: CustomerState,
): E.Either<CustomerError, ArchiveFieldsChanged[]> =>
  pipe(
    authorisedOn(state, command.meta, command.data.customerId, archiveClerk, 'changing an archive'),
    E.map((customer) => diffArchive(customer.archive, command.data.changes)),
    E.map((changes): ArchiveFieldsChanged[] =>
      changes.length === 0
        ? []
        : [{ type: 'ArchiveFieldsChanged', data: { customerId: command.data.customerId, changes } }],
    ),
    E.flatMap((events) => leavingConsistent(state, events)),
  );
