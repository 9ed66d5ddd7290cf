import { createHash, randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { Actor } from '../domain/shared/index.js';
import type { StoreError, StoredEvent } from '../store/eventStore.js';
import { type HttpError, requestInvalid } from './errors.js';

/**
 * `Idempotency-Key` on a POST: a retry returns the first answer and changes nothing.
 *
 * How (no table of saved responses, the event log is the record):
 * 1. The events a keyed request appends get ids derived from (caller, key, index):
 *    a UUID v5-style hash, so a retry computes the same ids. The store writes nothing
 *    for ids it already holds and answers what it wrote the first time — that covers
 *    a retry racing the first attempt.
 * 2. The store keeps the key in each event's metadata (`idempotencyKey`, beside the
 *    actor). Before running a keyed request, the route helper looks the key up for
 *    this caller; when the first attempt wrote events, the route's `replay` rebuilds
 *    the first answer from them (the id and version it created are in the events)
 *    and the command is not run again — so a retry is not refused by rules the first
 *    attempt made true (a name now taken, a step already decided).
 * 3. A first attempt that was refused or changed nothing wrote no events; its retry
 *    runs again, and being the same request, answers the same.
 * Keys are per caller: two users may use the same key. If `replay` does not
 * recognise the stored events (the key was used for another kind of request), 422.
 */
export type Idempotency = { key: string; eventId: (index: number) => string; requestDigest: string };

/** The events one caller's key produced, oldest first; none if it was never used. */
export type IdempotencyLookup = (actorId: string, key: string) => TE.TaskEither<StoreError, StoredEvent[]>;

// Fixed namespace of this product's idempotent event ids (a random v4 UUID, chosen once).
const namespace = Buffer.from('6f1c2a4e9b3d4c7a8e5f0d1b2c3a4f5e', 'hex');

/** RFC 9562 §5.5 (version 5): SHA-1 over namespace and name, version and variant bits set. */
export const uuidV5 = (name: string): string => {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** The id of the `index`-th event a caller's keyed request appends. */
export const idempotentEventId = (actorId: string, key: string, index: number): string =>
  uuidV5(JSON.stringify([actorId, key, index]));

/** JSON with object keys in order: the same request spelt with its fields in another order is the same request. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  ) ?? 'null';

/**
 * What a keyed request asked for (its route and parsed input), kept with the events it
 * wrote: the draft's rule that a key reused with another payload is a 422, not a replay
 * of the first answer to a request the client did not send.
 */
export const requestDigest = (route: string, input: { params: unknown; query: unknown; body: unknown }): string =>
  createHash('sha256').update(canonicalJson([route, input.params, input.query, input.body ?? null])).digest('base64url');

export const idempotencyFor = (actorId: string, key: string, digest: string): Idempotency => ({
  key,
  eventId: (index) => idempotentEventId(actorId, key, index),
  requestDigest: digest,
});

// Visible ASCII, as the IETF draft's examples and common practice (Stripe) use.
const keyPattern = /^[\x21-\x7e]{1,255}$/;

/**
 * The header's key, `undefined` without one. The draft (draft-ietf-httpapi-idempotency-key-header)
 * sends it as a structured-field string (`"abc"`); a bare token is accepted too.
 */
export const parseIdempotencyKey = (header: string | undefined): E.Either<HttpError, string | undefined> => {
  if (header === undefined) return E.right(undefined);
  const trimmed = header.trim();
  const key = /^".*"$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  return keyPattern.test(key)
    ? E.right(key)
    : E.left(requestInvalid([{ path: 'headers.idempotency-key', message: '1–255 visible ASCII characters' }]));
};

/**
 * The id of what a request creates (a customer, a contact, a request, a complaint). With an
 * Idempotency-Key it is derived from the caller and the key, so a retry racing the
 * first attempt names the same stream and the store writes nothing twice.
 */
export const newId = (ctx: { actor: Actor; idempotency: Idempotency | undefined }, purpose: string): string =>
  ctx.idempotency ? uuidV5(JSON.stringify([ctx.actor.id, ctx.idempotency.key, purpose])) : randomUUID();
