import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { Grade } from '../../../domain/grading/index.js';
import { gradeChangesCsv, type GradeChangeReport, gradeChangesXlsx } from '../../../exports/index.js';
import { gradeChanges, type GradeChanges } from '../../../projections/index.js';
import type { RouteDeps } from '../../deps.js';
import type { ApiError } from '../../errors.js';
import { defineRoute, type Reply, type Route } from '../../route.js';
import { fromQuery, timePointOf } from '../../viewQueries.js';
import { GradeChangesQuery, GradeChangesView, summaryReaders } from './schemas.js';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const fileName = (period: string, ext: string) => `客户等级升降级-${period}.${ext}`;

/** The read model's letters as the domain's. */
const typedRows = (changes: GradeChanges) =>
  changes.rows.map((r) => ({ ...r, grade: Grade.parse(r.grade), previousGrade: r.previousGrade === null ? null : Grade.parse(r.previousGrade) }));

/** 升/降级 (API.md v1.1): who reads it is who reads the grade summary's grades, the managers and the auditor. */
export const gradeChangesRoute = (deps: RouteDeps): Route =>
  defineRoute({
    method: 'get',
    path: '/reports/grade-changes',
    summary: '升/降级: each customer’s grade this period beside the previous period’s, as JSON, CSV or XLSX',
    description:
      'The rows of the period’s grade summary, in its order, each with the previous period’s grade (both read at the same asOf/knownAt) ' +
      'and `direction`: `up` to a better letter (A is best), `down`, `same`, or `new` when not graded the period before. ' +
      '`format=csv` (UTF-8 with BOM) and `format=xlsx` with Chinese headers.',
    tags: ['reports'],
    roles: summaryReaders,
    request: { query: GradeChangesQuery },
    responses: {
      200: {
        description: 'the changes',
        body: GradeChangesView,
        files: { 'text/csv': 'the list as CSV, UTF-8 with BOM', [xlsxType]: 'the list as an Excel workbook' },
      },
    },
    handler: ({ query, now }) => {
      const { at, cuts } = timePointOf(query, now);
      return pipe(
        fromQuery(() => gradeChanges(deps.views, query.period, at)),
        TE.flatMap((changes): TE.TaskEither<ApiError, Reply> => {
          const body = { period: changes.period, previousPeriod: changes.previousPeriod, ...cuts, rows: typedRows(changes) };
          // The file says which cuts it is for only when the reader asked for one.
          const report: GradeChangeReport = {
            ...body,
            asOf: query.asOf === undefined ? undefined : body.asOf,
            knownAt: query.knownAt === undefined ? undefined : body.knownAt,
          };
          switch (query.format) {
            case 'json':
              return TE.right({ status: 200, body });
            case 'csv':
              return TE.right({
                status: 200,
                file: { contentType: 'text/csv; charset=utf-8', filename: fileName(query.period, 'csv'), data: gradeChangesCsv(report) },
              });
            case 'xlsx':
              return pipe(
                TE.fromTask(() => gradeChangesXlsx(report)),
                TE.map((data) => ({ status: 200, file: { contentType: xlsxType, filename: fileName(query.period, 'xlsx'), data } })),
              );
          }
        }),
      );
    },
  });
