import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { checkpointMessage, type SignedCheckpoint } from '../../domain/ledger/index.js';

export type SigningKey = { privateKey: KeyObject; publicKeyPem: string; keyId: string };

export class KeyProblem extends Error {
  override readonly name = 'KeyProblem';
}

/** SHA-256 of the key's SubjectPublicKeyInfo (DER), hex: names the key in every checkpoint. */
export const keyIdOf = (publicKey: KeyObject): string =>
  createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');

/** A PKCS#8 PEM Ed25519 private key, as `openssl genpkey -algorithm ed25519` writes it. */
export const readSigningKey = (pem: string): SigningKey => {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch (e) {
    throw new KeyProblem(`not a PEM private key (${(e as Error).message})`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new KeyProblem(`an Ed25519 key is required, this one is ${privateKey.asymmetricKeyType ?? 'unknown'}`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyIdOf(publicKey) };
};

export const readPublicKey = (pem: string): KeyObject => {
  try {
    const key = createPublicKey({ key: pem, format: 'pem' });
    if (key.asymmetricKeyType !== 'ed25519') throw new KeyProblem(`an Ed25519 public key is required, this one is ${key.asymmetricKeyType ?? 'unknown'}`);
    return key;
  } catch (e) {
    if (e instanceof KeyProblem) throw e;
    throw new KeyProblem(`not a PEM public key (${(e as Error).message})`);
  }
};

export const signCheckpoint = (key: SigningKey, c: { size: number; root: string; time: string }): SignedCheckpoint => ({
  ...c,
  keyId: key.keyId,
  signature: sign(null, Buffer.from(checkpointMessage(c), 'utf8'), key.privateKey).toString('base64'),
});

export const signatureValid = (publicKey: KeyObject, c: SignedCheckpoint): boolean =>
  keyIdOf(publicKey) === c.keyId && verify(null, Buffer.from(checkpointMessage(c), 'utf8'), publicKey, Buffer.from(c.signature, 'base64'));
