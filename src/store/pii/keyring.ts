import { randomUUID } from 'node:crypto';
import type { Sql } from '../db.js';
import { personalFields, erasedValue, type SubjectId } from '../../domain/personalData.js';
import { type Sealed, isSealed, newKey, openValue, sealValue, sealedKeyId, unwrapKey, wrapKey } from './cipher.js';
import { locate } from './locate.js';

/**
 * The data subjects' keys (table `pii_keys`, migration 006), each stored encrypted with
 * the master key. `seal` encrypts an event's declared personal fields (before the
 * store hashes it); `reveal` opens every sealed value in anything read, and shows
 * 已删除 for a value whose key was destroyed. Keys are read for every call, never
 * kept in memory: an erasure in any process is honoured by the next read.
 */
export type Keyring = {
  seal(type: string, data: unknown): Promise<unknown>;
  /** Sealed values of many events at once: one round trip for their keys. */
  sealAll(events: readonly { type: string; data: unknown }[]): Promise<unknown[]>;
  reveal<T>(value: T): Promise<T>;
  /** `reveal` with the wrapped keys a query read along with the value (`wrappedKeysSql`): no statement of its own. */
  revealWith<T>(value: T, wrapped: Readonly<Record<string, string>>): T;
  /**
   * VACUUM the keys table: an erased key's old row version (its wrapped material) stays
   * in the table's files until vacuumed. Not in a transaction; best effort after erasures.
   */
  purge(): Promise<void>;
  /** The same keyring over another connection (a transaction). */
  on(sql: Sql): Keyring;
};

type KeyRow = { key_id: string; subject: string; wrapped_key: Buffer | Uint8Array | null };

const asBuffer = (b: Buffer | Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b));

/** JSON's objects only: a Date or a Buffer in a row is a value, not a place sealed values hide. */
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));

const collectSealed = (value: unknown, into: Set<string>): void => {
  if (isSealed(value)) into.add(sealedKeyId(value));
  else if (Array.isArray(value)) for (const v of value) collectSealed(v, into);
  else if (isPlainObject(value)) for (const v of Object.values(value)) collectSealed(v, into);
};

/**
 * `value` with every sealed value replaced by `open(it)`. What holds nothing sealed is
 * returned as it is, not copied: a command reads its whole stream through here, and most
 * events hold no personal field (a 40-event stream with five sealed values: 190 µs → 65 µs).
 */
const replaceSealed = (value: unknown, open: (s: Sealed) => unknown): unknown => {
  if (isSealed(value)) return open(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((v, i) => {
      const replaced = replaceSealed(v, open);
      if (replaced !== v) (copy ??= [...value])[i] = replaced;
    });
    return copy ?? value;
  }
  if (isPlainObject(value)) {
    let copy: Record<string, unknown> | null = null;
    for (const [k, v] of Object.entries(value)) {
      const replaced = replaceSealed(v, open);
      if (replaced !== v) (copy ??= { ...value })[k] = replaced;
    }
    return copy ?? value;
  }
  return value;
};

/**
 * A column expression: the live keys (`{keyId: base64 of the wrapped key}`) of the
 * sealed values in the jsonb `expression`, for a query to read beside the rows it
 * reveals (the API's hot reads save a round trip this way). `= any(array(…))`, not
 * `in (…)`: the planner guessed a set-returning function's 1,000 rows and hashed the
 * whole key table for every row read (4 ms a customer at 30,000 keys); an array makes it
 * look each key up in the primary key.
 */
export const wrappedKeysSql = (schema: string, expression: string): string =>
  `(select coalesce(jsonb_object_agg(k.key_id::text, encode(k.wrapped_key, 'base64')), '{}'::jsonb) from ${schema}.pii_keys k
     where k.wrapped_key is not null
       and k.key_id = any(array(select split_part(p #>> '{}', '.', 2)::uuid from jsonb_path_query(${expression}, 'strict $.**."$pii"') p)))`;

const revealed = <T>(value: T, keys: ReadonlyMap<string, Buffer>): T =>
  replaceSealed(value, (s) => {
    const key = keys.get(sealedKeyId(s));
    return key === undefined ? erasedValue : openValue(key, s);
  }) as T;

export const createKeyring = (db: Sql, schema: string, master: Buffer): Keyring => {
  /** Each subject's live key, made when it has none yet (a subject erased gets a new key for values written afterwards). */
  const liveKeys = async (subjects: readonly SubjectId[]): Promise<Map<SubjectId, { keyId: string; key: Buffer }>> => {
    const read = async () =>
      (
        await db.query<KeyRow>(`select key_id::text, subject, wrapped_key from ${schema}.pii_keys where subject = any($1::text[]) and wrapped_key is not null`, [
          subjects,
        ])
      ).rows;
    let rows = await read();
    const missing = subjects.filter((s) => !rows.some((r) => r.subject === s));
    if (missing.length > 0) {
      const fresh = missing.map((subject) => {
        const keyId = randomUUID();
        return { keyId, subject, wrapped: wrapKey(master, keyId, newKey()).toString('base64') };
      });
      await db.query(
        `insert into ${schema}.pii_keys (key_id, subject, wrapped_key)
         select k.key_id, k.subject, decode(k.wrapped, 'base64') from jsonb_to_recordset($1::jsonb) as k(key_id uuid, subject text, wrapped text)
         on conflict (subject) where wrapped_key is not null do nothing`,
        [JSON.stringify(fresh.map((f) => ({ key_id: f.keyId, subject: f.subject, wrapped: f.wrapped })))],
      );
      rows = await read();
    }
    return new Map(rows.map((r) => [r.subject, { keyId: r.key_id, key: unwrapKey(master, r.key_id, asBuffer(r.wrapped_key!)) }]));
  };

  const sealAll: Keyring['sealAll'] = async (events) => {
    const copies = events.map((e) => ({ type: e.type, data: structuredClone(e.data) as Record<string, unknown> }));
    // A value sealed already stays as it is (the one-time sealing of stored events meets both).
    const found = copies.flatMap((e) => (personalFields[e.type] ?? []).flatMap((f) => locate(e.data, f))).filter((f) => !isSealed(f.holder[f.key]));
    if (found.length === 0) return copies.map((c) => c.data);
    const keys = await liveKeys([...new Set(found.map((f) => f.subject))]);
    for (const f of found) {
      const k = keys.get(f.subject)!;
      f.holder[f.key] = sealValue(k.key, k.keyId, f.holder[f.key]);
    }
    return copies.map((c) => c.data);
  };

  return {
    sealAll,
    on: (sql) => createKeyring(sql, schema, master),
    purge: () => db.query(`vacuum ${schema}.pii_keys`).then(
      () => undefined,
      () => undefined, // the next erasure or autovacuum tries again
    ),
    seal: async (type, data) => (await sealAll([{ type, data }]))[0],
    reveal: async (value) => {
      const ids = new Set<string>();
      collectSealed(value, ids);
      if (ids.size === 0) return value;
      const { rows } = await db.query<KeyRow>(`select key_id::text, subject, wrapped_key from ${schema}.pii_keys where key_id = any($1::uuid[])`, [[...ids]]);
      const keys = new Map(rows.filter((r) => r.wrapped_key !== null).map((r) => [r.key_id, unwrapKey(master, r.key_id, asBuffer(r.wrapped_key!))]));
      return revealed(value, keys);
    },
    revealWith: (value, wrapped) =>
      revealed(value, new Map(Object.entries(wrapped).map(([keyId, w]) => [keyId, unwrapKey(master, keyId, Buffer.from(w, 'base64'))]))),
  };
};
