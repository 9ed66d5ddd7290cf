import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { dataOf } from '../../api/problems.js';

/** A customer's name beside its id (the complaint answers name only the id); cached for the session. */
export const useCustomerName = (id: string | undefined): string | undefined =>
  useQuery({
    queryKey: ['customer-name', id],
    enabled: id !== undefined,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const customer = await dataOf(api.GET('/customers/{id}', { params: { path: { id: id ?? '' } } }));
      // JSON was asked for: the route's xlsx form is not this answer.
      return typeof customer === 'string' ? id : customer.name;
    },
  }).data;

export const CustomerName = ({ id }: { id: string }) => <>{useCustomerName(id) ?? '…'}</>;
