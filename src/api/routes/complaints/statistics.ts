import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { MonthlyComplaintStatistics } from '../../../domain/complaint/index.js';
import { managerRoles, type Role } from '../../../domain/shared/index.js';
import { type ComplaintStatisticsReport, complaintStatisticsCsv, complaintStatisticsXlsx } from '../../../exports/index.js';
import type { TimeTravel, TimeTravelQuery } from '../../params.js';
import { defineRoute, type Reply, type Route } from '../../route.js';
import type { ApiError } from '../../errors.js';
import { fromQuery, timePointOf } from '../../viewQueries.js';
import type { RouteDeps } from '../../deps.js';
import { MonthlyComplaintStatisticsView, MonthlyComplaintsQuery } from './schemas.js';
import { complaintStatistics, customerNamesAt } from '../../../projections/index.js';

/** API.md: the managers and the auditor read 月度客诉统计. */
const readers: readonly Role[] = [...managerRoles, 'auditor'];

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const fileName = (month: string, ext: string) => `月度客诉统计-${month}.${ext}`;

/** The statistics in the API's shape: the time point, and each customer's name beside its id. */
const statisticsBody = (s: MonthlyComplaintStatistics, names: Readonly<Record<string, string>>, cuts: TimeTravel) => {
  const name = (id: string) => names[id] ?? null;
  return {
    ...s,
    ...cuts,
    byCustomer: s.byCustomer.map((c) => ({ ...c, customerName: name(c.customerId) })),
    // Every backlog item was received (the type allows the empty stream's status too).
    backlog: s.backlog.flatMap(({ status, ...b }) => (status === 'notReceived' ? [] : [{ ...b, status, customerName: name(b.customerId) }])),
  };
};

/** The form says which cuts it is for only when the reader asked for one. */
const reportOf = (statistics: MonthlyComplaintStatistics, customerNames: Record<string, string>, query: TimeTravelQuery, cuts: TimeTravel): ComplaintStatisticsReport => ({
  statistics,
  customerNames,
  ...(query.asOf === undefined ? {} : { asOf: cuts.asOf }),
  ...(query.knownAt === undefined ? {} : { knownAt: cuts.knownAt }),
});

const customersOf = (s: MonthlyComplaintStatistics): string[] => [...new Set([...s.byCustomer.map((c) => c.customerId), ...s.backlog.map((b) => b.customerId)])];

export const statisticsRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'get',
    path: '/reports/complaints/monthly',
    summary: 'Monthly complaint statistics (⑨ 月度客诉统计), as JSON, CSV or XLSX',
    description:
      'The complaints received in the month (Asia/Shanghai calendar month) as they stood at its end: by category, by outcome, by customer ' +
      'and grade; times to first response and to close (median and P90, in ms); reopens; the backlog open at month end, oldest first. ' +
      '`format=csv` (UTF-8 with BOM) and `format=xlsx` have Chinese headers. `asOf`/`knownAt` rebuild it as it was effective / recorded then.',
    tags: ['reports'],
    roles: readers,
    request: { query: MonthlyComplaintsQuery },
    responses: {
      200: {
        description: 'the statistics',
        body: MonthlyComplaintStatisticsView,
        files: { 'text/csv': 'the statistics as CSV, UTF-8 with BOM', [xlsxType]: 'the statistics as an Excel workbook' },
      },
    },
    handler: ({ query, now }) => {
      const { at, cuts } = timePointOf(query, now);
      return pipe(
        TE.Do,
        TE.bind('statistics', () => fromQuery(() => complaintStatistics(deps.views, query.month, at))),
        TE.bind('names', ({ statistics }) => fromQuery(async () => Object.fromEntries(await customerNamesAt(deps.views, customersOf(statistics), at)))),
        TE.flatMap(({ statistics, names }): TE.TaskEither<ApiError, Reply> => {
          switch (query.format) {
            case 'json':
              return TE.right({ status: 200, body: statisticsBody(statistics, names, cuts) });
            case 'csv':
              return TE.right({
                status: 200,
                file: { contentType: 'text/csv; charset=utf-8', filename: fileName(query.month, 'csv'), data: complaintStatisticsCsv(reportOf(statistics, names, query, cuts)) },
              });
            case 'xlsx':
              return pipe(
                TE.fromTask(() => complaintStatisticsXlsx(reportOf(statistics, names, query, cuts))),
                TE.map((data) => ({ status: 200, file: { contentType: xlsxType, filename: fileName(query.month, 'xlsx'), data } })),
              );
          }
        }),
      );
    },
  }),
];
