import type { At, ReadDeps } from '../shared/query.js';
import { staffNamer } from '../staff/names.js';
import type { GradeSummary, GradeSummaryRow, SignOffRecord } from './summary.js';

/** A summary row with its salesperson's name (业务员) beside the id. */
export type NamedSummaryRow<R extends Pick<GradeSummaryRow, 'salespersonId'>> = R & { salespersonName: string | null };

/**
 * The names a grade summary prints, as of its time point (API.md v1.1): 业务员 by the
 * staff directory (null when not listed: a salesperson's row records no act of theirs),
 * each signer by the directory, else the name their token carried when they signed.
 * Applied after the read, so that a summary kept in memory is named afresh each time.
 */
export const nameSummaryParts = async <R extends Pick<GradeSummaryRow, 'salespersonId'>, S extends Pick<SignOffRecord, 'signerId' | 'signerName'>>(
  deps: ReadDeps,
  parts: { rows: readonly R[]; signOffs: readonly S[] },
  at: At,
): Promise<{ rows: NamedSummaryRow<R>[]; signOffs: S[] }> => {
  const nameOf = await staffNamer(deps, [...parts.rows.map((r) => r.salespersonId), ...parts.signOffs.map((s) => s.signerId)], at);
  return {
    rows: parts.rows.map((r) => ({ ...r, salespersonName: nameOf(r.salespersonId) })),
    signOffs: parts.signOffs.map((s) => ({ ...s, signerName: nameOf(s.signerId, s.signerName) ?? s.signerName })),
  };
};

/** A summary with its people named (see `nameSummaryParts`). */
export const namedGradeSummary = async (deps: ReadDeps, summary: GradeSummary, at: At): Promise<GradeSummary> => ({
  ...summary,
  ...(await nameSummaryParts(deps, summary, at)),
});
