import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { Grade, SignOffStep } from '../../../domain/grading/index.js';
import { Role } from '../../../domain/shared/index.js';
import { gradeSummaryCsv, type GradeSummaryReport, gradeSummaryXlsx } from '../../../exports/index.js';
import type { GradeSummary } from '../../../projections/index.js';
import { encodeCursor, toPage } from '../../pagination.js';
import type { TimeTravel } from '../../params.js';
import { defineRoute, type Reply, type Route } from '../../route.js';
import type { ApiError } from '../../errors.js';
import { salespersonScope } from '../../scope.js';
import type { RouteDeps } from '../../deps.js';
import { GradeSummaryQuery, GradeSummaryView, PeriodQuery, summaryReaders, UpgradePlanView, VipPage, VipQuery } from './schemas.js';
import { fromQuery, isTimeTravel, timePointOf } from '../../viewQueries.js';
import { type At, gradeSummary, listCustomers, monthlyUpgradePlan, nameSummaryParts, withSalespersonNames } from '../../../projections/index.js';

const tags = ['reports'];

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The read model's letters and steps as the domain's types. */
const typedParts = (summary: GradeSummary) => ({
  rows: summary.rows.map((r) => ({ ...r, grade: Grade.parse(r.grade) })),
  signOffs: summary.signOffs.map((s) => ({ ...s, step: SignOffStep.parse(s.step), role: Role.parse(s.role) })),
});

/** Once per summary: a kept one (projections/grading/currentSummary.ts) serves many requests. */
const typed = new WeakMap<GradeSummary, ReturnType<typeof typedParts>>();
const typedOf = (summary: GradeSummary) => {
  let found = typed.get(summary);
  if (found === undefined) typed.set(summary, (found = typedParts(summary)));
  return found;
};

/** The summary in API.md's shape, its people named as of the report's time point. */
const summaryBody = async (deps: RouteDeps, summary: GradeSummary, at: At, cuts: TimeTravel) => ({
  period: summary.period,
  status: summary.status,
  ...cuts,
  ...(await nameSummaryParts(deps.views, typedOf(summary), at)),
});

type SummaryBody = Awaited<ReturnType<typeof summaryBody>>;

/** A page of the rows after the cursor's `no` when a limit is asked for; the sign-offs always whole. */
const paged = (body: SummaryBody, limit: number | undefined, after: readonly [number] | undefined) => {
  if (limit === undefined) return { ...body, nextCursor: null };
  const rows = body.rows.filter((r) => after === undefined || r.no > after[0]);
  const page = toPage(rows, limit, (r) => [r.no]);
  return { ...body, rows: page.items, nextCursor: page.nextCursor };
};

/** The form says which cuts it is for only when the reader asked for one. */
const reportOf = (body: SummaryBody, query: { asOf?: string | undefined; knownAt?: string | undefined }): GradeSummaryReport => ({
  period: body.period,
  rows: body.rows,
  signOffs: body.signOffs,
  ...(query.asOf === undefined ? {} : { asOf: body.asOf }),
  ...(query.knownAt === undefined ? {} : { knownAt: body.knownAt }),
});

/** The managers, the auditor, and the archive clerk who signs 编制 (API.md v1.1). */
const gradeSummaryReaders = [...summaryReaders, 'archiveClerk'] as const satisfies readonly Role[];

const fileName = (period: string, ext: string) => `客户等级管理汇总表-${period}.${ext}`;

export const reportRoutes = (deps: RouteDeps): Route[] => [
  defineRoute({
    method: 'get',
    path: '/reports/grade-summary',
    summary: 'The grade summary of a period (客户等级管理汇总表), as JSON, CSV or XLSX',
    description:
      'Rows numbered by grade (A first), then score, then name; `signOffs` in order with who and when. `format=csv` (UTF-8 with BOM) ' +
      'and `format=xlsx` lay it out like the manual’s form: Chinese headers, the period, the sign-off block 编制/复核/审核/审批. ' +
      'The JSON answer’s ETag is the period’s version (If-Match for run, overrides and sign-offs); a time-travelling answer has none.',
    tags,
    roles: gradeSummaryReaders,
    request: { query: GradeSummaryQuery },
    responses: {
      200: {
        description: 'the summary',
        body: GradeSummaryView,
        files: { 'text/csv': 'the form as CSV, UTF-8 with BOM', [xlsxType]: 'the form as an Excel workbook' },
      },
    },
    handler: ({ query, now }) => {
      const { at, cuts } = timePointOf(query, now);
      return pipe(
        isTimeTravel(query)
          ? pipe(
              fromQuery(() => gradeSummary(deps.views, query.period, at)),
              TE.map((summary): { summary: GradeSummary; version?: number } => ({ summary })),
            )
          : fromQuery(() => deps.currentSummary(query.period, now)),
        TE.flatMap(({ summary, version }) =>
          pipe(
            fromQuery(() => summaryBody(deps, summary, at, cuts)),
            TE.map((body) => ({ body, version })),
          ),
        ),
        TE.flatMap(({ body, version }): TE.TaskEither<ApiError, Reply> => {
          switch (query.format) {
            case 'json':
              return TE.right({ status: 200, body: paged(body, query.limit, query.cursor), ...(version === undefined ? {} : { etag: version }) });
            case 'csv':
              return TE.right({
                status: 200,
                file: { contentType: 'text/csv; charset=utf-8', filename: fileName(query.period, 'csv'), data: gradeSummaryCsv(reportOf(body, query)) },
              });
            case 'xlsx':
              return pipe(
                TE.fromTask(() => gradeSummaryXlsx(reportOf(body, query))),
                TE.map((data) => ({ status: 200, file: { contentType: xlsxType, filename: fileName(query.period, 'xlsx'), data } })),
              );
          }
        }),
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/reports/upgrade-plan',
    summary: 'The monthly upgrade plan (提升计划): the C customers closest to B',
    description: 'As many as the policy the period was graded under says (`upgradePlanSize`), closest first.',
    tags,
    roles: [...summaryReaders, 'reviewBoard'],
    request: { query: PeriodQuery },
    responses: { 200: { description: 'the plan', body: UpgradePlanView } },
    handler: ({ query, now }) => {
      const { at, cuts } = timePointOf(query, now);
      return pipe(
        fromQuery(() => monthlyUpgradePlan(deps.views, query.period, at)),
        TE.map((plan) => ({ status: 200, body: { ...plan, ...cuts } })),
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/reports/vip',
    summary: 'The VIP customers (A类客户参照VIP客户管理办法)',
    description: 'Customers whose approved grade carries the VIP flag, in id order, paginated. A salesperson sees their own.',
    tags,
    roles: Role.options,
    request: { query: VipQuery },
    responses: { 200: { description: 'a page of VIP customers', body: VipPage } },
    problems: [],
    handler: ({ query, actor, now }) => {
      const { at } = timePointOf(query, now);
      const salespersonId = salespersonScope(actor);
      return pipe(
        fromQuery(() =>
          listCustomers(deps.views, 
            { vip: true, ...(salespersonId === undefined ? {} : { salespersonId }) },
            at,
            { limit: query.limit, cursor: query.cursor === undefined ? null : encodeCursor(query.cursor) },
          ),
        ),
        TE.flatMap((page) =>
          fromQuery(async () => ({ items: await withSalespersonNames(deps.views, page.items, at), nextCursor: page.nextCursor })),
        ),
        TE.map((body) => ({ status: 200, body })),
      );
    },
  }),
];
