import type { Period } from '../../domain/shared/index.js';
import { keptReads } from '../shared/keptReads.js';
import type { ReadDeps } from '../shared/query.js';
import { type GradeSummary, summaryAt } from './summary.js';
import { summaryStamps } from './summaryStamps.js';

/** A period's summary now, and its period stream's version (the ETag), as `GET /reports/grade-summary` without time travel asks. */
export type CurrentSummary = (period: Period, now: Date) => Promise<{ summary: GradeSummary; version: number }>;

/** Summaries kept per process: a month's, the months before it, and some older ones (10,000 rows take a few MB). */
export const defaultKeptSummaries = 24;

/**
 * The current summary of a period, kept in memory between reads and never stale
 * (`keptReads`): stamped per period (`summaryStamps`), read again after the grading view
 * applies any event or the period's stream moves, or once its next effective change
 * comes.
 */
export const currentSummaryReader = (deps: ReadDeps, options: { max?: number } = {}): CurrentSummary =>
  keptReads({
    max: options.max ?? defaultKeptSummaries,
    stamps: async (periods: readonly Period[]) => {
      const { stamps, versions, grading } = await summaryStamps(deps, periods);
      return { stamps, context: { versions, grading } };
    },
    read: async (asks, { versions, grading }) => {
      const reads: { value: { summary: GradeSummary; version: number }; until: number }[] = [];
      for (const ask of asks) {
        const { summary, until } = await summaryAt(deps, grading, ask.key, { asOf: new Date(ask.at).toISOString(), knownAt: null }, true);
        reads.push({ value: { summary, version: versions.get(ask.key) ?? 0 }, until });
      }
      return reads;
    },
    keep: () => true,
  });
