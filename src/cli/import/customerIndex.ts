import { listCustomers, type ReadDeps } from '../../projections/index.js';
import type { CustomerIndex } from './figuresRows.js';

/** Every customer by id, and by exact name: a live customer's name before a lost one's (names are unique among live customers). */
export const customerIndex = async (views: ReadDeps): Promise<CustomerIndex> => {
  const byId = new Map<string, string>();
  const idsByName = new Map<string, string>();
  const lost: [string, string][] = [];
  let cursor: string | null = null;
  do {
    const page = await listCustomers(views, {}, {}, { limit: 500, cursor });
    for (const c of page.items) {
      byId.set(c.id, c.name);
      if (c.status === 'lost') lost.push([c.name, c.id]);
      else idsByName.set(c.name, c.id);
    }
    cursor = page.nextCursor;
  } while (cursor !== null);
  for (const [name, id] of lost) if (!idsByName.has(name)) idsByName.set(name, id);
  return { byId, idsByName };
};
