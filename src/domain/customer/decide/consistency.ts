import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { hasBidiControl } from '../../shared/index.js';
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

/**
 * A name given now (at registration or by a rename) holds no bidirectional control: one
 * can make a name read differently from what it is (U+202E reverses what follows).
 * Names given before this rule keep working; only a new name is checked.
 */
const newNameReadsAsWritten = (before: CustomerState, after: RegisteredCustomer): E.Either<ArchiveInconsistent, void> =>
  (before.status === 'unregistered' || before.archive.name !== after.archive.name) && hasBidiControl(after.archive.name)
    ? E.left({ code: 'NameHasBidiControl', message: 'a customer name cannot hold bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C)' })
    : E.right(undefined);

/** The events, if the archive they leave is consistent (none: nothing changes, nothing to check). */
export const leavingConsistent = <Ev extends CustomerEvent>(state: CustomerState, events: Ev[]): E.Either<ArchiveInconsistent, Ev[]> => {
  if (events.length === 0) return E.right(events);
  const after = events.reduce<CustomerState>(evolveCustomer, state);
  if (after.status === 'unregistered') return E.right(events);
  return pipe(
    newNameReadsAsWritten(state, after),
    E.flatMap(() => consistentArchive(after)),
    E.map(() => events),
  );
};
