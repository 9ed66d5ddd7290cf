import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { dataOf } from '../../api/problems.js';
import type { components } from '../../api/schema.js';

export type CustomerListItem = components['schemas']['CustomerPage']['items'][number];
export type CustomerListFilters = { q?: string; grade?: CustomerListItem['grade'] & string; status?: CustomerListItem['status']; salespersonId?: string };

export const customerListPageSize = 20;

/**
 * One page of 客户档案 as the list asks the API for it. Kept out of the list's own chunk
 * so that the console can ask for the first page while that chunk is still loading
 * (`preloadScreen`): the same key, so the list finds the answer waiting.
 */
export const customerListQuery = (filters: CustomerListFilters, cursor: string | undefined) =>
  queryOptions({
    queryKey: ['customers', filters, cursor],
    queryFn: () => dataOf(api.GET('/customers', { params: { query: { ...filters, limit: customerListPageSize, ...(cursor ? { cursor } : {}) } } })),
  });
