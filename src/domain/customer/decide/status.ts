import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { ChangeStatus, ReassignSalesperson } from '../commands.js';
import type { CustomerError } from '../errors.js';
import type { SalespersonReassigned, StatusChanged } from '../events.js';
import type { CustomerStatus } from '../fields/index.js';
import type { CustomerState } from '../state.js';
import { archiveClerk, authorisedOn } from './guards.js';

/**
 * 状态: a prospect (潜在客户) becomes active or is lost; an active customer (活跃客户)
 * becomes inactive (非活跃客户) or lost (丢失客户); inactive and lost customers come
 * back to active, never to prospect. Every change states its reason.
 */
export const statusTransitions: Record<CustomerStatus, readonly CustomerStatus[]> = {
  prospect: ['active', 'lost'],
  active: ['inactive', 'lost'],
  inactive: ['active', 'lost'],
  lost: ['active'],
};

export const changeStatus = (command: ChangeStatus, state: CustomerState): E.Either<CustomerError, StatusChanged[]> =>
  pipe(
    authorisedOn(state, command.meta, command.data.customerId, archiveClerk, 'changing a customer status'),
    E.flatMap((customer): E.Either<CustomerError, StatusChanged[]> => {
      const from = customer.status;
      const to = command.data.status;
      if (from === to) return E.right([]);
      if (!statusTransitions[from].includes(to)) {
        return E.left({
          code: 'StatusTransitionNotAllowed',
          message: `${customer.archive.name} is ${from}; from ${from} it can become ${statusTransitions[from].join(' or ')}, not ${to}`,
        });
      }
      return E.right([{ type: 'StatusChanged', data: { customerId: command.data.customerId, from, to } }]);
    }),
  );

/** 业务员: the customer passes to another salesperson. */
export const reassignSalesperson = (
  command: ReassignSalesperson,
  state: CustomerState,
): E.Either<CustomerError, SalespersonReassigned[]> =>
  pipe(
    authorisedOn(state, command.meta, command.data.customerId, archiveClerk, 'reassigning a salesperson'),
    E.map((customer): SalespersonReassigned[] =>
      customer.salespersonId === command.data.salespersonId
        ? []
        : [
            {
              type: 'SalespersonReassigned',
              data: { customerId: command.data.customerId, from: customer.salespersonId, to: command.data.salespersonId },
            },
          ],
    ),
  );
