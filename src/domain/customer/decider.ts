import type * as E from 'fp-ts/Either';
import { assertNever, type Decider } from '../shared/index.js';
import type { CustomerCommand } from './commands.js';
import { changeArchiveFields } from './decide/archive.js';
import { addContact, changeContact, removeContact } from './decide/contacts.js';
import { eraseContact, eraseLegalRepresentative } from './decide/erasure.js';
import { addEvaluation, recordViolation } from './decide/records.js';
import { registerCustomer } from './decide/register.js';
import { approveArchive, renewValidity, reviewArchive } from './decide/review.js';
import { changeStatus, reassignSalesperson } from './decide/status.js';
import type { CustomerError } from './errors.js';
import type { CustomerEvent } from './events.js';
import { evolveCustomer } from './evolve.js';
import { type CustomerState, initialCustomerState } from './state.js';

export const decideCustomer = (command: CustomerCommand, state: CustomerState): E.Either<CustomerError, CustomerEvent[]> => {
  switch (command.type) {
    case 'RegisterCustomer':
      return registerCustomer(command, state);
    case 'ChangeArchiveFields':
      return changeArchiveFields(command, state);
    case 'AddContact':
      return addContact(command, state);
    case 'ChangeContact':
      return changeContact(command, state);
    case 'RemoveContact':
      return removeContact(command, state);
    case 'ChangeStatus':
      return changeStatus(command, state);
    case 'ReassignSalesperson':
      return reassignSalesperson(command, state);
    case 'RecordViolation':
      return recordViolation(command, state);
    case 'AddEvaluation':
      return addEvaluation(command, state);
    case 'RenewValidity':
      return renewValidity(command, state);
    case 'ReviewArchive':
      return reviewArchive(command, state);
    case 'ApproveArchive':
      return approveArchive(command, state);
    case 'EraseContact':
      return eraseContact(command, state);
    case 'EraseLegalRepresentative':
      return eraseLegalRepresentative(command, state);
    default:
      return assertNever(command);
  }
};

/** The customer archive (客户档案): one stream `customer-<uuid>` per customer. */
export const customerDecider: Decider<CustomerCommand, CustomerState, CustomerEvent, CustomerError> = {
  decide: decideCustomer,
  evolve: evolveCustomer,
  initialState: initialCustomerState,
};
