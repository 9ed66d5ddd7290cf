import { fc, test as fcTest } from '@fast-check/vitest';
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { MerkleTree } from '../../../src/store/checkpoints/merkle.js';
import { verifyConsistency, verifyInclusion } from '../../../src/store/checkpoints/proofs.js';

/** RFC 9162 §2.1.1–2.1.4.1 transcribed literally (slow, recursive over slices): the reference. */
const sha = (...parts: Uint8Array[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();
const k = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);
const mth = (d: Buffer[]): Buffer =>
  d.length === 0 ? sha() : d.length === 1 ? sha(Buffer.from([0]), d[0]!) : sha(Buffer.from([1]), mth(d.slice(0, k(d.length))), mth(d.slice(k(d.length))));
const pathOf = (m: number, d: Buffer[]): Buffer[] => {
  if (d.length <= 1) return [];
  const s = k(d.length);
  return m < s ? [...pathOf(m, d.slice(0, s)), mth(d.slice(s))] : [...pathOf(m - s, d.slice(s)), mth(d.slice(0, s))];
};
const subproof = (m: number, d: Buffer[], b: boolean): Buffer[] => {
  if (m === d.length) return b ? [] : [mth(d)];
  const s = k(d.length);
  return m <= s ? [...subproof(m, d.slice(0, s), b), mth(d.slice(s))] : [...subproof(m - s, d.slice(s), false), mth(d.slice(0, s))];
};

const leaves = (n: number, seed = 0) => Array.from({ length: n }, (_, i) => sha(Buffer.from(`event ${seed}:${i}`)));
const hex = (bs: Buffer[]) => bs.map((b) => b.toString('hex'));
const maxSize = 300;
const big = leaves(maxSize);
const tree = new MerkleTree(big);

describe('the Merkle tree, against RFC 9162 §2.1', () => {
  test('the empty tree is SHA-256 of nothing; one leaf is SHA-256(0x00 ‖ leaf)', () => {
    expect(new MerkleTree([]).root().toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(new MerkleTree([Buffer.from('L')]).root()).toEqual(sha(Buffer.from([0]), Buffer.from('L')));
  });

  fcTest.prop([fc.integer({ min: 0, max: maxSize })])('the root of every prefix is MTH of that prefix', (n) => {
    expect(tree.root(n)).toEqual(mth(big.slice(0, n)));
  });

  fcTest.prop([fc.integer({ min: 1, max: maxSize }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 })))])(
    'an inclusion proof is PATH(m, D[n])',
    ([n, m]) => {
      expect(hex(tree.inclusionProof(m, n))).toEqual(hex(pathOf(m, big.slice(0, n))));
    },
  );

  fcTest.prop([fc.integer({ min: 1, max: maxSize }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)))])(
    'a consistency proof is PROOF(m, D[n])',
    ([m, n]) => {
      expect(hex(tree.consistencyProof(m, n))).toEqual(hex(subproof(m, big.slice(0, n), true)));
    },
  );

  test(`every inclusion proof verifies, for every tree size and index up to ${maxSize}`, () => {
    let checked = 0;
    for (let n = 1; n <= maxSize; n += 1) {
      const root = tree.root(n);
      for (let m = 0; m < n; m += 1) {
        if (!verifyInclusion(big[m]!, m, n, tree.inclusionProof(m, n), root)) throw new Error(`leaf ${m} of ${n} did not verify`);
        checked += 1;
      }
    }
    expect(checked).toBe((maxSize * (maxSize + 1)) / 2);
  });

  test(`every consistency proof verifies, for every pair of sizes up to ${maxSize}`, () => {
    for (let n = 0; n <= maxSize; n += 1) {
      const root = tree.root(n);
      for (let m = 0; m <= n; m += 1) {
        if (!verifyConsistency(m, n, tree.root(m), root, tree.consistencyProof(m, n))) throw new Error(`${m} → ${n} did not verify`);
      }
    }
  });

  fcTest.prop([fc.integer({ min: 2, max: maxSize }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })))])(
    'an inclusion proof fails for another leaf, another index or another tree size',
    ([n, m, other]) => {
      const proof = tree.inclusionProof(m, n);
      const root = tree.root(n);
      expect(verifyInclusion(sha(Buffer.from('forged')), m, n, proof, root)).toBe(false);
      if (other !== m) expect(verifyInclusion(big[other]!, m, n, proof, root)).toBe(false);
      if (other !== m) expect(verifyInclusion(big[m]!, other, n, proof, root)).toBe(false);
      if (n < maxSize) expect(verifyInclusion(big[m]!, m, n + 1, proof, tree.root(n + 1))).toBe(false);
      expect(verifyInclusion(big[m]!, m, n, proof, tree.root(n - 1))).toBe(false);
    },
  );

  fcTest.prop([fc.integer({ min: 2, max: maxSize }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n - 1 }), fc.constant(n), fc.integer({ min: 0, max: n - 1 })))])(
    'a consistency proof fails against a rewritten prefix, another size, or a proof with one hash changed',
    ([m, n, rewritten]) => {
      const proof = tree.consistencyProof(m, n);
      // The same log with one leaf of the prefix rewritten: its new root cannot extend the old one.
      const forged = new MerkleTree(big.slice(0, n).map((l, i) => (i === rewritten ? sha(Buffer.from('forged')) : l)));
      expect(verifyConsistency(m, n, tree.root(m), forged.root(n), forged.consistencyProof(m, n))).toBe(rewritten >= m);
      expect(verifyConsistency(m, n, tree.root(m), tree.root(n), proof)).toBe(true);
      if (m > 1) expect(verifyConsistency(m - 1, n, tree.root(m), tree.root(n), proof)).toBe(false);
      const damaged = proof.map((p, i) => (i === rewritten % proof.length ? sha(p) : p));
      expect(verifyConsistency(m, n, tree.root(m), tree.root(n), damaged)).toBe(false);
    },
  );

  test('a truncated log is not consistent with the larger tree signed before', () => {
    const before = tree.root(200);
    const truncated = new MerkleTree(big.slice(0, 150));
    expect(verifyConsistency(200, 150, before, truncated.root(), [])).toBe(false);
    expect(() => truncated.consistencyProof(200)).toThrow(RangeError);
  });
});

describe('a tree grown by appends', () => {
  fcTest.prop([fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 12 })])('has the roots and proofs of the tree built at once', (chunks) => {
    const grown = new MerkleTree();
    let size = 0;
    for (const c of chunks) {
      grown.append(big.slice(size, Math.min(maxSize, size + c)));
      size = Math.min(maxSize, size + c);
    }
    expect(grown.size).toBe(size);
    for (let n = 0; n <= size; n += 1) expect(grown.root(n)).toEqual(tree.root(n));
    if (size > 0) expect(hex(grown.inclusionProof(size - 1))).toEqual(hex(tree.inclusionProof(size - 1, size)));
  });
});
