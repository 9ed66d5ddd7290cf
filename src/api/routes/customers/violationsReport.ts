import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { managerRoles, type Role } from '../../../domain/shared/index.js';
import { type ViolationReport, violationsCsv, violationsXlsx } from '../../../exports/index.js';
import type { At, Page, ViolationFilter, ViolationRecord } from '../../../projections/index.js';
import { encodeCursor, maxLimit } from '../../pagination.js';
import { defineRoute, type Reply, type Route } from '../../route.js';
import type { ApiError } from '../../errors.js';
import { fromQuery, timePointOf } from '../../viewQueries.js';
import type { RouteDeps } from '../../deps.js';
import { ViolationPage, ViolationReportQuery } from './schemas.js';
import { customerNamesAt, listViolations } from '../../../projections/index.js';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** API.md: the managers and the auditor read the report. */
const reportReaders = [...managerRoles, 'auditor'] as const satisfies readonly Role[];

type Named = Omit<ViolationRecord, 'position'> & { customerName: string | null };

/** Each record with its customer's name (客户名称) at the same time point. */
const named = async (deps: RouteDeps, records: readonly ViolationRecord[], at: At): Promise<Named[]> => {
  const names = await customerNamesAt(deps.views, records.map((r) => r.customerId), at);
  return records.map(({ position: _p, ...r }) => ({ ...r, customerName: names.get(r.customerId) ?? null }));
};

const namedPage = async (deps: RouteDeps, page: Page<ViolationRecord>, at: At): Promise<Page<Named>> => ({
  items: await named(deps, page.items, at),
  nextCursor: page.nextCursor,
});

/** A file holds every matching record: the pages one after another. */
const allRecords = async (deps: RouteDeps, filter: ViolationFilter, at: At): Promise<Named[]> => {
  const rows: Named[] = [];
  let cursor: string | null = null;
  do {
    const page = await listViolations(deps.views, filter, at, { limit: maxLimit, cursor });
    rows.push(...(await named(deps, page.items, at)));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return rows;
};

const fileName = (ext: string) => `违规记录.${ext}`;

export const violationsReportRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'get',
    path: '/reports/violations',
    summary: 'Violation records (违规记录) across customers',
    description:
      'Oldest first, filtered by `customerId`, `type` and the time of the violation (`from` inclusive, `to` exclusive). ' +
      'JSON is paginated; `format=csv` (UTF-8 with BOM) and `format=xlsx` hold every matching record under Chinese headers ' +
      '(序号, 时间, 客户名称, 类型, 事件描述) with the filters and time cuts above them.',
    tags: ['reports'],
    roles: reportReaders,
    request: { query: ViolationReportQuery },
    responses: {
      200: {
        description: 'the records',
        body: ViolationPage,
        files: { 'text/csv': 'the records as CSV, UTF-8 with BOM', [xlsxType]: 'the records as an Excel workbook' },
      },
    },
    handler: ({ query, now }): TE.TaskEither<ApiError, Reply> => {
      const { at } = timePointOf(query, now);
      const filter: ViolationFilter = { customerId: query.customerId, from: query.from, to: query.to, type: query.type };
      if (query.format === 'json') {
        const page = { limit: query.limit, cursor: query.cursor === undefined ? null : encodeCursor(query.cursor) };
        return pipe(
          fromQuery(async () => namedPage(deps, await listViolations(deps.views, filter, at, page), at)),
          TE.map((body) => ({ status: 200, body })),
        );
      }
      const format = query.format;
      return pipe(
        fromQuery(() => allRecords(deps, filter, at)),
        TE.map(
          (items): ViolationReport => ({
            items: items.map((r) => ({ ...r, customerName: r.customerName ?? '' })),
            from: query.from,
            to: query.to,
            type: query.type,
            customerName: query.customerId === undefined ? undefined : (items[0]?.customerName ?? undefined),
            asOf: query.asOf,
            knownAt: query.knownAt,
          }),
        ),
        TE.flatMap((report) =>
          format === 'csv'
            ? TE.right(violationsCsv(report))
            : TE.fromTask(() => violationsXlsx(report)),
        ),
        TE.map((data) => ({
          status: 200,
          file: { contentType: format === 'csv' ? 'text/csv; charset=utf-8' : xlsxType, filename: fileName(format), data },
        })),
      );
    },
  }),
];
