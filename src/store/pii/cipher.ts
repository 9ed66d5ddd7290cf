import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM, Node's crypto. A sealed personal value is `{"$pii": "v1.<keyId>.<iv>.<ciphertext+tag>"}`
 * (base64url): an object, so no text anyone types can pass for one (every personal
 * field's schema is a string), and the key id binds it to its subject's key.
 */
export type Sealed = { $pii: string };

const algorithm = 'aes-256-gcm';
const ivBytes = 12;
const tagBytes = 16;

export const newKey = (): Buffer => randomBytes(32);

const encrypt = (key: Buffer, plaintext: Buffer, aad: string): Buffer => {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv(algorithm, key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
};

const decrypt = (key: Buffer, sealed: Buffer, aad: string): Buffer => {
  const decipher = createDecipheriv(algorithm, key, sealed.subarray(0, ivBytes));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(sealed.subarray(sealed.length - tagBytes));
  return Buffer.concat([decipher.update(sealed.subarray(ivBytes, sealed.length - tagBytes)), decipher.final()]);
};

/** Envelope encryption: a subject's data key as stored, encrypted with the master key (bound to its key id). */
export const wrapKey = (master: Buffer, keyId: string, key: Buffer): Buffer => encrypt(master, key, `key:${keyId}`);
export const unwrapKey = (master: Buffer, keyId: string, wrapped: Buffer): Buffer => decrypt(master, wrapped, `key:${keyId}`);

/** Any JSON value (personal fields are strings; a value is sealed whole). */
export const sealValue = (key: Buffer, keyId: string, value: unknown): Sealed => ({
  $pii: `v1.${keyId}.${encrypt(key, Buffer.from(JSON.stringify(value)), keyId).toString('base64url')}`,
});

export const isSealed = (value: unknown): value is Sealed =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as Sealed).$pii === 'string' && Object.keys(value).length === 1;

export const sealedKeyId = (sealed: Sealed): string => sealed.$pii.split('.')[1] ?? '';

export const openValue = (key: Buffer, sealed: Sealed): unknown => {
  const [, keyId = '', body = ''] = sealed.$pii.split('.');
  return JSON.parse(decrypt(key, Buffer.from(body, 'base64url'), keyId).toString('utf8')) as unknown;
};
