import type { Sql } from '../../store/db.js';
import type { ApplyContext, LogEvent, TableNamer } from '../engine/projection.js';
import { type Evolve, type Keyed, type Version, type VersionRow, entitiesToRefold, planBatch } from './timeline.js';

/** A column kept beside the state so that lists filter and sort in SQL. */
export type TimelineColumn<S> = { name: string; type: string; of(state: S): unknown };

/** One kind of entity kept as bitemporal version rows (see timeline.ts for the semantics). */
export type TimelineSpec<S> = {
  table: string;
  /** The event types that change this entity; the refold reads only those. */
  eventTypes: readonly string[];
  /** The entity an event belongs to, or null when it does not concern this timeline. */
  keyOf(event: LogEvent): string | null;
  /** The stream holding an entity's events, read back to refold it after a backdated event. */
  streamOf(key: string): string;
  evolve: Evolve<S>;
  columns?: readonly TimelineColumn<S>[];
};

export const timelineTableSql = <S>(spec: TimelineSpec<S>, table: TableNamer): string => {
  const t = table(spec.table);
  const extra = (spec.columns ?? []).map((c) => `, ${c.name} ${c.type}`).join('');
  return `
    create table ${t} (
      entity_key text not null,
      valid_from timestamptz not null,
      known_from timestamptz not null,
      known_to   timestamptz,
      state      jsonb not null${extra},
      primary key (entity_key, valid_from, known_from)
    );
    create index on ${t} (entity_key, valid_from desc) where known_to is null;
    create table ${t}_keys (entity_key text primary key, first_valid_from timestamptz not null);
  `;
};

type LatestRow = { entity_key: string; valid_from: Date | string; state: unknown };

/** An instant as the drivers give it (a Date from `pg`, or a string), in ms. */
export const instantMs = (t: Date | string): number => (t instanceof Date ? t.getTime() : Date.parse(t));
const iso = (t: number): string => new Date(t).toISOString();

/** Applies a batch to one timeline: a read of the touched entities' latest rows, then one delete/update and one insert. */
export const applyTimeline = async <S>(context: ApplyContext, spec: TimelineSpec<S>, events: readonly LogEvent[]): Promise<void> => {
  const keyed: Keyed[] = [];
  for (const event of events) {
    if (!spec.eventTypes.includes(event.type)) continue;
    const key = spec.keyOf(event);
    if (key !== null) keyed.push({ key, event });
  }
  if (keyed.length === 0) return;
  const { tx } = context;
  const t = context.table(spec.table);
  const keys = [...new Set(keyed.map((k) => k.key))];
  const { rows } = await tx.query<LatestRow>(
    `select distinct on (entity_key) entity_key, valid_from, state from ${t}
      where entity_key = any($1::text[]) and known_to is null
      order by entity_key, valid_from desc`,
    [keys],
  );
  const latest = new Map<string, Version<S>>(rows.map((r) => [r.entity_key, { validFrom: instantMs(r.valid_from), state: r.state as S }]));
  const refold = entitiesToRefold(keyed, new Map([...latest].map(([k, v]) => [k, v.validFrom])));
  const history = new Map<string, LogEvent[]>();
  if (refold.size > 0) {
    const upTo = Math.max(...keyed.map((k) => k.event.position));
    const read = await context.readStreams([...new Set([...refold].map(spec.streamOf))], { upTo, types: spec.eventTypes });
    for (const e of read) {
      const key = spec.keyOf(e);
      if (key !== null && refold.has(key)) history.set(key, [...(history.get(key) ?? []), e]);
    }
  }
  const plan = planBatch(keyed, latest, history, spec.evolve);
  await upsertKeys(tx, t, keyed);
  if (plan.supersede.length > 0) {
    const steps = JSON.stringify(plan.supersede.map((s) => ({ k: s.key, f: iso(s.from), u: s.until === null ? null : iso(s.until), a: iso(s.at) })));
    const match = `t.entity_key = s.k and t.known_to is null and t.valid_from >= s.f and (s.u is null or t.valid_from < s.u)`;
    await tx.query(
      `with s as (select * from jsonb_to_recordset($1::jsonb) as x(k text, f timestamptz, u timestamptz, a timestamptz)),
            gone as (delete from ${t} t using s where ${match} and t.known_from = s.a returning 1)
       update ${t} t set known_to = s.a from s where ${match} and t.known_from <> s.a`,
      [steps],
    );
  }
  await insertVersions(tx, t, spec, plan.inserts);
};

/**
 * Every entity the timeline has ever held, with its earliest effective time: what lists
 * page through (keyset on the key), skipping those that did not exist yet at asOf.
 */
const upsertKeys = async (tx: Sql, t: string, keyed: readonly Keyed[]) => {
  const first = new Map<string, string>();
  for (const { key, event } of keyed) {
    const seen = first.get(key);
    if (seen === undefined || Date.parse(event.occurredAt) < Date.parse(seen)) first.set(key, event.occurredAt);
  }
  await tx.query(
    `insert into ${t}_keys (entity_key, first_valid_from)
     select k, f from jsonb_to_recordset($1::jsonb) as x(k text, f timestamptz)
     on conflict (entity_key) do update set first_valid_from = excluded.first_valid_from
       where excluded.first_valid_from < ${t}_keys.first_valid_from`,
    [JSON.stringify([...first].map(([k, f]) => ({ k, f })))],
  );
};

const insertVersions = async <S>(tx: Sql, t: string, spec: TimelineSpec<S>, rows: readonly VersionRow<S>[]) => {
  if (rows.length === 0) return;
  const columns = spec.columns ?? [];
  const payload = rows.map((r) => {
    const o: Record<string, unknown> = { k: r.key, vf: iso(r.validFrom), kf: iso(r.knownFrom), kt: r.knownTo === null ? null : iso(r.knownTo), s: r.state };
    for (const c of columns) o[c.name] = c.of(r.state);
    return o;
  });
  const names = columns.map((c) => `, ${c.name}`).join('');
  const types = columns.map((c) => `, ${c.name} ${c.type}`).join('');
  await tx.query(
    `insert into ${t} (entity_key, valid_from, known_from, known_to, state${names})
     select k, vf, kf, kt, s${names} from jsonb_to_recordset($1::jsonb) as x(k text, vf timestamptz, kf timestamptz, kt timestamptz, s jsonb${types})`,
    [JSON.stringify(payload)],
  );
};

/** A point in both times; `knownAt` null: everything recorded so far. */
export type TimePoint = { asOf: string; knownAt: string | null };

/**
 * The condition that picks the rows known at K ($n) — the known range holds it: a row
 * superseded at K is no longer known at K (knownTo is exclusive), its successor is.
 * The lookups below still order by knownFrom after validFrom, so that their answer
 * never rests on the order in which the database returns equal rows.
 */
export const knownAtSql = (alias: string, param: string): string =>
  `${alias}.known_from <= coalesce(${param}::timestamptz, 'infinity') and (${alias}.known_to is null or ${alias}.known_to > coalesce(${param}::timestamptz, 'infinity'))`;

/** One entity's state at (asOf, knownAt), or undefined when it did not exist then (or was not yet known). */
export const versionAt = async <S>(sql: Sql, table: string, key: string, at: TimePoint): Promise<S | undefined> => {
  const { rows } = await sql.query<{ state: S }>(
    `select t.state from ${table} t
      where t.entity_key = $1 and t.valid_from <= $2::timestamptz and ${knownAtSql('t', '$3')}
      order by t.valid_from desc, t.known_from desc limit 1`,
    [key, at.asOf, at.knownAt],
  );
  return rows[0]?.state;
};

/** Many lookups in one statement: the state of each (key, time point), undefined where none. */
export const versionsAt = async <S>(sql: Sql, table: string, lookups: readonly { key: string; at: TimePoint }[]): Promise<(S | undefined)[]> => {
  if (lookups.length === 0) return [];
  const { rows } = await sql.query<{ i: number; state: S | null }>(
    `select q.i, v.state from jsonb_to_recordset($1::jsonb) as q(i integer, k text, a timestamptz, kn timestamptz)
       left join lateral (
         select t.state from ${table} t
          where t.entity_key = q.k and t.valid_from <= q.a and ${knownAtSql('t', 'q.kn')}
          order by t.valid_from desc, t.known_from desc limit 1) v on true`,
    [JSON.stringify(lookups.map((l, i) => ({ i, k: l.key, a: l.at.asOf, kn: l.at.knownAt })))],
  );
  const out: (S | undefined)[] = lookups.map(() => undefined);
  for (const r of rows) out[Number(r.i)] = r.state ?? undefined;
  return out;
};
