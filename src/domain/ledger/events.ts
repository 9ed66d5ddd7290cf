import { z } from 'zod';
import { eventType, type EventType } from '../shared/index.js';

const Hex256 = z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits (SHA-256)');

/** What a checkpoint's key holder signs: the first `size` events of the log have the Merkle root `root` (RFC 9162). */
export const SignedCheckpoint = z.object({
  size: z.number().int().min(0),
  root: Hex256,
  time: z.iso.datetime({ offset: false }),
  /** SHA-256 of the public key's DER (SubjectPublicKeyInfo), hex: which key signed. */
  keyId: Hex256,
  /** Ed25519 over `checkpointMessage`, base64. */
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'an Ed25519 signature, base64'),
});
export type SignedCheckpoint = z.infer<typeof SignedCheckpoint>;

/**
 * A signed checkpoint, also kept in the log (stream `ledgerCheckpoints-log`), so the log
 * carries its own history of what was signed; the copy that proves it is the one kept
 * in CHECKPOINT_DIR, out of the database administrator's reach.
 */
export const CheckpointSigned = z.object({ type: z.literal('CheckpointSigned'), data: SignedCheckpoint });
export type CheckpointSigned = z.infer<typeof CheckpointSigned>;

/**
 * Migration 006's one-time sealing of the personal fields of events stored before it
 * (stream `ledgerMigrations-personalData`): how many events and streams it re-sealed; the
 * reason is the event's own.
 */
export const PersonalDataSealed = z.object({
  type: z.literal('PersonalDataSealed'),
  data: z.object({ migration: z.literal(6), events: z.number().int().min(0), streams: z.number().int().min(0) }),
});
export type PersonalDataSealed = z.infer<typeof PersonalDataSealed>;
export const personalDataMigrationStreamId = 'ledgerMigrations-personalData';

export const ledgerEventTypes: readonly EventType[] = [
  eventType('CheckpointSigned', SignedCheckpoint),
  eventType('PersonalDataSealed', PersonalDataSealed.shape.data),
];

export const checkpointStreamId = 'ledgerCheckpoints-log';

/**
 * The bytes signed: a small text with one field a line, so that any tool (and the
 * evidence bundle's verify.mjs) rebuilds it without a JSON canonicalisation.
 */
export const checkpointMessage = (c: Pick<SignedCheckpoint, 'size' | 'root' | 'time'>): string =>
  `customer-ledger checkpoint v1\nsize ${c.size}\nroot ${c.root}\ntime ${c.time}\n`;
