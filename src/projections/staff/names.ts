import type { At, ReadDeps } from '../shared/query.js';
import { staffNamesAt } from './queries.js';

/**
 * How a report names a person it holds as an id (API.md v1.1): the staff directory's
 * name as of the report's time point; else the name the person's token carried when
 * they acted (`tokenName`, where the report prints an act: a sign-off, a decision, an
 * evaluation); else null.
 */
export type NameOf = (staffId: string, tokenName?: string | null) => string | null;

/** One directory read for every person a report names, at the report's (asOf, knownAt). */
export const staffNamer = async (deps: ReadDeps, staffIds: readonly string[], at: At = {}): Promise<NameOf> => {
  const directory = await staffNamesAt(deps, staffIds, at);
  return (staffId, tokenName) => directory.get(staffId) ?? tokenName ?? null;
};

/** Items that hold a salesperson (业务员) as an id, each with the directory's name beside it as of the time point (null when not listed). */
export const withSalespersonNames = async <T extends { salespersonId: string }>(
  deps: ReadDeps,
  items: readonly T[],
  at: At,
): Promise<(T & { salespersonName: string | null })[]> => {
  const nameOf = await staffNamer(deps, items.map((i) => i.salespersonId), at);
  return items.map((i) => ({ ...i, salespersonName: nameOf(i.salespersonId) }));
};
