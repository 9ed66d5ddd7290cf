import { customerNameLookalike } from '../../domain/customer/index.js';

export type NameCollision = { lookalike: string; customers: { id: string; name: string }[] };

/**
 * Live customers whose names look alike (streams.ts): the groups the look-alike rule
 * would have refused, registered before it held. Nothing is changed: the operator
 * decides (rename, merge, or leave them), and new names are checked against all of them.
 */
export const nameCollisions = (customers: readonly { id: string; name: string }[]): NameCollision[] => {
  const groups = new Map<string, { id: string; name: string }[]>();
  for (const c of customers) {
    const key = customerNameLookalike(c.name);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.entries()].filter(([, cs]) => cs.length > 1).map(([lookalike, cs]) => ({ lookalike, customers: cs }));
};

/** One line per customer, the groups apart; names quoted so that invisible characters show. */
export const nameCollisionsTable = (collisions: readonly NameCollision[]): string =>
  collisions.length === 0
    ? 'no two live customers have look-alike names\n'
    : `${collisions
        .map((g, i) => [`group ${i + 1}:`, ...g.customers.map((c) => `  ${c.id}  ${JSON.stringify(c.name).replace(/[\u00ad\u034f\u115f\u1160\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff]/gu, (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`)}`)].join('\n'))
        .join('\n')}\n`;
