import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { answered } from '../../api/problems.js';
import type { Customer } from './archiveFields.js';

/** The archive now, with its ETag (the version a change names in If-Match), or as of a time point (time machine). */
export const useCustomer = (id: string, at?: { asOf?: string; knownAt?: string }) =>
  useQuery({
    queryKey: ['customer', id, at ?? null],
    // Without format=xlsx the answer is the JSON archive (the document also lists the workbook's media type).
    queryFn: () => answered(api.GET('/customers/{id}', { params: { path: { id }, query: at ?? {} } })) as Promise<{ data: Customer; etag: string | null }>,
  });
