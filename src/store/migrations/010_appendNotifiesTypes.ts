import { appendGroupedIndexed } from './008_appendGroupedIndexed.js';
import type { Migration } from './migration.js';

const positionOnly = (s: string) => `perform pg_notify('${s}_events', o_pos[cardinality(o_pos)]::text);`;
const withTypes = (s: string) =>
  `perform pg_notify('${s}_events', o_pos[cardinality(o_pos)]::text || ':' || array_to_string(array(select distinct t from unnest(r_type) t order by t), ','));`;

/**
 * 008's `append_grouped`, whose notification names the event types the batch wrote
 * beside its last position (`position:TypeA,TypeB`): a projection engine wakes the views
 * that apply them without first asking the log which types that transaction committed
 * (a statement per notification). Otherwise the same function, written from 008's text
 * so that the two cannot drift apart. The fallback of 003 and 002's single append still
 * notify the position alone, which a listener reads as "types unknown".
 */
export const appendNotifiesTypes: Migration = {
  version: 10,
  name: 'append notifications name their event types',
  up: (s) => {
    const function008 = appendGroupedIndexed.up(s);
    if (!function008.includes(positionOnly(s))) throw new Error('migration 010: the notification of migration 008 was not found');
    return function008.replace(positionOnly(s), withTypes(s));
  },
};
