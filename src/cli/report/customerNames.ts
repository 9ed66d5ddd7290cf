import { type At, listCustomers, type ReadDeps } from '../../projections/index.js';

/** Every customer's name at the time point, by id: the reports show names, the views keep ids. */
export const customerNames = async (views: ReadDeps, at: At): Promise<Record<string, string>> => {
  const names: Record<string, string> = {};
  let cursor: string | null = null;
  do {
    const page = await listCustomers(views, {}, at, { limit: 500, cursor });
    for (const c of page.items) names[c.id] = c.name;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return names;
};
