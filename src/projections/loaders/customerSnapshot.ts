import * as TE from 'fp-ts/TaskEither';
import type { CustomerGrade, CustomerSnapshot } from '../../domain/credit/index.js';
import type { StoreError } from '../../store/eventStore.js';
import { customerArchive } from '../customers/archive.js';
import type { At, ReadDeps } from '../shared/query.js';

export type { CustomerSnapshot } from '../../domain/credit/index.js';

const withoutEmpty = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/**
 * 客户名称, 客户负责人, 客户等级, 地址, 客户联系人 (the first primary contact) and the
 * limit in force (原信用额度), as the archive shows them now (`LoadCustomerSnapshot`).
 */
export const loadCustomerSnapshot =
  (deps: ReadDeps, at: At = {}) =>
  (customerId: string): TE.TaskEither<StoreError, CustomerSnapshot | null> =>
    TE.tryCatch(
      async () => {
        const archive = await customerArchive(deps, customerId, at);
        if (archive === null) return null;
        const contact = archive.contacts.find((c) => c.category === 'primary') ?? null;
        return {
          name: archive.name,
          salespersonId: archive.salespersonId,
          grade: archive.grade as CustomerGrade | null,
          address: archive.address ?? null,
          primaryContact:
            contact === null
              ? null
              : withoutEmpty({ contactId: contact.id, name: contact.name, phone: contact.phone, mobile: contact.mobile, fax: contact.fax, email: contact.email }),
          creditLimit: archive.creditLimit,
        };
      },
      (error): StoreError => ({ code: 'StoreUnavailable', message: `the customer's archive could not be read: ${String(error)}` }),
    );
