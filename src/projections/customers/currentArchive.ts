import { staffNamesHeld } from '../staff/queries.js';
import { keptReads } from '../shared/keptReads.js';
import type { ReadDeps } from '../shared/query.js';
import { type CustomerArchiveView, archivesAt } from './archive.js';
import { type NamedArchive, archivePeople, namedArchive } from './archiveNames.js';
import { archiveStamps } from './archiveStamps.js';

/** The archive now, named, as `GET /customers/{id}` without time travel asks: asOf the request's clock, everything recorded. */
export type CurrentArchive = (customerId: string, now: Date) => Promise<NamedArchive<CustomerArchiveView> | null>;

/** Archives kept per process: 10,000 of 1.2 kB of JSON each took 15 MB of heap (measured with node --expose-gc). */
export const defaultKeptArchives = 10_000;

/**
 * The current archive with its people named, kept in memory between reads and never
 * stale (`keptReads`): stamped per customer (`archiveStamps`), the archives not kept
 * read in one statement (`archivesAt`) and named in one more (`staffNamesHeld`), each
 * holding until its next effective change, its review's due date or a rename of one of
 * its people. A customer's own events make its kept archive miss once; grade summaries
 * and credit approvals (the `standing` view) and staff directory changes make every
 * kept archive miss once.
 */
export const currentArchiveReader = (deps: ReadDeps, options: { max?: number } = {}): CurrentArchive =>
  keptReads({
    max: options.max ?? defaultKeptArchives,
    stamps: async (customerIds: readonly string[]) => {
      const { stamps, tables } = await archiveStamps(deps, customerIds);
      return { stamps, context: tables };
    },
    read: async (asks, tables) => {
      const asOf = asks.map((a) => new Date(a.at).toISOString());
      const reads = await archivesAt(deps, tables, asks.map((a, i) => ({ customerId: a.key, asOf: asOf[i]! })), null, true);
      const names = await staffNamesHeld(
        deps,
        tables.staff!('directory'),
        reads.map((r, i) => ({ staffIds: r.view === null ? [] : archivePeople(r.view), asOf: asOf[i]! })),
      );
      return reads.map(({ view, until }, i) => {
        const held = names[i]!;
        return view === null
          ? { value: null, until }
          : { value: namedArchive(view, (id, tokenName) => held.names.get(id) ?? tokenName ?? null), until: Math.min(until, held.until) };
      });
    },
    keep: (view) => view !== null,
  });
