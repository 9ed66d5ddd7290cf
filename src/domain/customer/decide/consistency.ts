import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { ArchiveInconsistent } from '../errors.js';
import type { CustomerEvent } from '../events.js';
import { evolveCustomer } from '../evolve.js';
import type { CustomerState, RegisteredCustomer } from '../state.js';

/**
 * What must hold of an archive after every change, beyond each field's own format
 * (the manual's form, 客户档案表): one 主要联系人 at most, and the text of 类型 其他
 * only beside the type 其他. Checked on the archive as the command would leave it, so
 * a change that fixes one field while breaking another is refused whole.
 */
export const consistentArchive = (after: RegisteredCustomer): E.Either<ArchiveInconsistent, void> => {
  const primaries = after.contacts.filter((c) => c.category === 'primary');
  if (primaries.length > 1) {
    return E.left({
      code: 'OnePrimaryContact',
      message: `${after.archive.name} has one primary contact (主要联系人); ${primaries.map((c) => c.name).join(' and ')} would both be: make one secondary`,
    });
  }
  const { companyType, companyTypeOther } = after.archive;
  if (companyTypeOther !== undefined && companyTypeOther !== null && companyType !== 'other') {
    return E.left({
      code: 'CompanyTypeTextWithoutOther',
      message: `companyTypeOther (类型·其他) describes the type other only, and the type would be ${companyType ?? 'unset'}: set companyType to other, or clear companyTypeOther`,
    });
  }
  return E.right(undefined);
};

/** The events, if the archive they leave is consistent (none: nothing changes, nothing to check). */
export const leavingConsistent = <Ev extends CustomerEvent>(state: CustomerState, events: Ev[]): E.Either<ArchiveInconsistent, Ev[]> => {
  if (events.length === 0) return E.right(events);
  const after = events.reduce<CustomerState>(evolveCustomer, state);
  return after.status === 'unregistered' ? E.right(events) : pipe(consistentArchive(after), E.map(() => events));
};
