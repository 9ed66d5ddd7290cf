import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { knownAtSql, timelineTableSql, versionAt, versionsAt } from '../../../src/projections/bitemporal/timelineSql.js';
import { storeCases, type TestStore } from '../../support/stores.js';

const at = (minute: number) => new Date(Date.UTC(2026, 9, 1, 9, minute)).toISOString();

/**
 * The rows a backdated event leaves (timeline.ts, "Maintenance"): the versions from
 * minute 10 were known until minute 30, when the event recorded then superseded them
 * and the timeline from minute 5 on was written again.
 */
const rows: [validFrom: number, knownFrom: number, knownTo: number | null, state: string][] = [
  [10, 10, 30, 'v10 before'],
  [20, 20, 30, 'v20 before'],
  [5, 30, null, 'v5 after'],
  [10, 30, null, 'v10 after'],
  [20, 30, null, 'v20 after'],
];

describe.each(storeCases)('a timeline read at the instant its versions were superseded, on $name', ({ open }) => {
  let t: TestStore;
  let table: string;
  beforeAll(async () => {
    t = await open();
    table = `${t.schema}.timeline`;
    const spec = { table: 'timeline', eventTypes: [], keyOf: () => null, streamOf: (k: string) => k, evolve: () => null };
    await t.db.exec(timelineTableSql(spec, (name) => `${t.schema}.${name}`));
    for (const [validFrom, knownFrom, knownTo, state] of rows) {
      await t.db.query(`insert into ${table} (entity_key, valid_from, known_from, known_to, state) values ('k', $1, $2, $3, $4::jsonb)`, [
        at(validFrom),
        at(knownFrom),
        knownTo === null ? null : at(knownTo),
        JSON.stringify(state),
      ]);
    }
  });
  afterAll(() => t.close());

  test('knows one version per effective time then: the superseding one, never the superseded beside it', async () => {
    const { rows: known } = await t.db.query<{ state: string }>(
      `select t.state from ${table} t where t.entity_key = 'k' and ${knownAtSql('t', '$1')} order by t.valid_from`,
      [at(30)],
    );
    expect(known.map((r) => r.state)).toEqual(['v5 after', 'v10 after', 'v20 after']);
  });

  test('answers the superseding versions at that instant, and the superseded ones just before it', async () => {
    expect(await versionAt(t.db, table, 'k', { asOf: at(25), knownAt: at(30) })).toBe('v20 after');
    expect(await versionAt(t.db, table, 'k', { asOf: at(15), knownAt: at(30) })).toBe('v10 after');
    const justBefore = new Date(Date.parse(at(30)) - 1).toISOString();
    expect(await versionAt(t.db, table, 'k', { asOf: at(25), knownAt: justBefore })).toBe('v20 before');
    expect(await versionAt(t.db, table, 'k', { asOf: at(7), knownAt: justBefore })).toBeUndefined();
    expect(
      await versionsAt(t.db, table, [
        { key: 'k', at: { asOf: at(25), knownAt: at(30) } },
        { key: 'k', at: { asOf: at(15), knownAt: at(30) } },
        { key: 'k', at: { asOf: at(7), knownAt: at(30) } },
      ]),
    ).toEqual(['v20 after', 'v10 after', 'v5 after']);
  });
});
