import { type Period, previousPeriod } from '../../domain/shared/index.js';
import type { At, ReadDeps } from '../shared/query.js';
import { staffNamer } from '../staff/names.js';
import { gradeSummary } from './summary.js';

/** 升/降级: up is a better letter (A is best); `new` when the customer was not graded the period before. */
export type GradeDirection = 'up' | 'down' | 'same' | 'new';

/** One customer of the period's summary, its grade beside the previous period's (API.md v1.1). */
export type GradeChangeRow = {
  no: number;
  customerId: string;
  customerName: string;
  salespersonId: string;
  /** 业务员 by the staff directory as of the report's time point; null when not listed. */
  salespersonName: string | null;
  grade: string;
  previousGrade: string | null;
  direction: GradeDirection;
};

export type GradeChanges = { period: Period; previousPeriod: Period; rows: GradeChangeRow[] };

const letters = ['A', 'B', 'C', 'D', 'E'];

export const gradeDirection = (grade: string, previous: string | null): GradeDirection => {
  if (previous === null) return 'new';
  const by = letters.indexOf(previous) - letters.indexOf(grade);
  return by > 0 ? 'up' : by < 0 ? 'down' : 'same';
};

/**
 * The period's summary rows, in its order, each beside the previous period's grade; both
 * summaries read at the same (asOf, knownAt). Customers graded only the period before
 * are not listed: the report is about this period's grades.
 */
export const gradeChanges = async (deps: ReadDeps, period: Period, at: At = {}): Promise<GradeChanges> => {
  const before = previousPeriod(period);
  const [now, then] = [await gradeSummary(deps, period, at), await gradeSummary(deps, before, at)];
  const previous = new Map(then.rows.map((r) => [r.customerId, r.grade]));
  const nameOf = await staffNamer(deps, now.rows.map((r) => r.salespersonId), at);
  const rows = now.rows.map((r): GradeChangeRow => {
    const previousGrade = previous.get(r.customerId) ?? null;
    return {
      no: r.no,
      customerId: r.customerId,
      customerName: r.customerName,
      salespersonId: r.salespersonId,
      salespersonName: nameOf(r.salespersonId),
      grade: r.grade,
      previousGrade,
      direction: gradeDirection(r.grade, previousGrade),
    };
  });
  return { period, previousPeriod: before, rows };
};
