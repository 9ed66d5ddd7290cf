import { type At, customerNamesAt, type ReadDeps } from '../../projections/index.js';

/** Every customer's name at the time point, by id: the reports show names, the views keep ids. */
export const customerNames = async (views: ReadDeps, at: At): Promise<Record<string, string>> =>
  Object.fromEntries(await customerNamesAt(views, null, at));
