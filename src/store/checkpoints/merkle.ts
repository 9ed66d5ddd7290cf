import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 §2.1 (Certificate Transparency v2), so that standard
 * tooling could check our proofs: leaf hash = SHA-256(0x00 ‖ leaf), node hash =
 * SHA-256(0x01 ‖ left ‖ right), the left subtree of n leaves holding the largest power
 * of two below n. A leaf is an event's stored hash (its 32 bytes), in log order, so
 * whatever the store hashes is what a checkpoint proves.
 */
const leafPrefix = Buffer.from([0]);
const nodePrefix = Buffer.from([1]);
const hashSize = 32;

export const leafHash = (leaf: Uint8Array): Buffer => createHash('sha256').update(leafPrefix).update(leaf).digest();
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer =>
  createHash('sha256').update(nodePrefix).update(left).update(right).digest();
export const emptyRoot = (): Buffer => createHash('sha256').digest();

/** The largest power of two strictly below n (n ≥ 2): where RFC 9162 splits D[n]. */
export const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/**
 * A tree over leaves kept as levels of perfect subtrees (level j holds the roots of the
 * aligned runs of 2^j leaves, packed in one buffer), so the root of any prefix and any
 * proof costs O(log² n) hashes once the levels are built (2n hashes).
 */
export class MerkleTree {
  private readonly levels: Buffer[] = [Buffer.alloc(0)];

  constructor(leaves: Iterable<Uint8Array> = []) {
    this.append(leaves);
  }

  /** Adds leaves at the end (a log only grows): hashes only the nodes they complete. */
  append(leaves: Iterable<Uint8Array>): void {
    const hashed: Buffer[] = [];
    for (const leaf of leaves) hashed.push(leafHash(leaf));
    if (hashed.length === 0) return;
    this.levels[0] = Buffer.concat([this.levels[0]!, ...hashed]);
    for (let j = 0; ; j += 1) {
      const below = this.levels[j]!;
      const pairs = Math.floor(below.length / (2 * hashSize));
      const above = this.levels[j + 1] ?? Buffer.alloc(0);
      const have = above.length / hashSize;
      if (pairs === have) break;
      const added = Buffer.allocUnsafe((pairs - have) * hashSize);
      for (let i = have; i < pairs; i += 1) {
        const at = 2 * i * hashSize;
        nodeHash(below.subarray(at, at + hashSize), below.subarray(at + hashSize, at + 2 * hashSize)).copy(added, (i - have) * hashSize);
      }
      this.levels[j + 1] = Buffer.concat([above, added]);
    }
  }

  get size(): number {
    return this.levels[0]!.length / hashSize;
  }

  /** MTH(D[start:end]). */
  private subtree(start: number, end: number): Buffer {
    const n = end - start;
    if (n === 0) return emptyRoot();
    const height = Math.log2(n);
    if (Number.isInteger(height) && start % n === 0) {
      const at = (start / n) * hashSize;
      return this.levels[height]!.subarray(at, at + hashSize);
    }
    const k = splitPoint(n);
    return nodeHash(this.subtree(start, start + k), this.subtree(start + k, end));
  }

  private check(size: number): void {
    if (!Number.isInteger(size) || size < 0 || size > this.size) throw new RangeError(`tree size ${size} is not within 0…${this.size}`);
  }

  /** The root of the tree of the first `size` leaves. */
  root(size = this.size): Buffer {
    this.check(size);
    return Buffer.from(this.subtree(0, size));
  }

  /** PATH(m, D[size]) of RFC 9162 §2.1.3.1: the audit path of leaf `index`. */
  inclusionProof(index: number, size = this.size): Buffer[] {
    this.check(size);
    if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`leaf ${index} is not within a tree of ${size}`);
    const path: Buffer[] = [];
    const walk = (m: number, start: number, end: number): void => {
      const n = end - start;
      if (n <= 1) return;
      const k = splitPoint(n);
      if (m < k) {
        walk(m, start, start + k);
        path.push(this.subtree(start + k, end));
      } else {
        walk(m - k, start + k, end);
        path.push(this.subtree(start, start + k));
      }
    };
    walk(index, 0, size);
    return path.map((p) => Buffer.from(p));
  }

  /** PROOF(m, D[size]) of RFC 9162 §2.1.4.1: that the first `m` leaves are a prefix. */
  consistencyProof(m: number, size = this.size): Buffer[] {
    this.check(size);
    if (!Number.isInteger(m) || m < 0 || m > size) throw new RangeError(`tree size ${m} is not within 0…${size}`);
    if (m === 0 || m === size) return [];
    const proof: Buffer[] = [];
    const sub = (mm: number, start: number, end: number, whole: boolean): void => {
      const n = end - start;
      if (mm === n) {
        if (!whole) proof.push(this.subtree(start, end));
        return;
      }
      const k = splitPoint(n);
      if (mm <= k) {
        sub(mm, start, start + k, whole);
        proof.push(this.subtree(start + k, end));
      } else {
        sub(mm - k, start + k, end, false);
        proof.push(this.subtree(start, start + k));
      }
    };
    sub(m, 0, size, true);
    return proof.map((p) => Buffer.from(p));
  }
}
