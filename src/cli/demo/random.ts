/**
 * A seeded generator (sfc32, seeded through splitmix32): the demo is the same data set
 * for the same seed, on every machine and every run.
 */
export type Random = {
  /** [0, 1) */
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** A version-4 UUID drawn from the generator. */
  uuid(): string;
  /** Roughly normal around `mean` (sum of uniforms), never below `min`. */
  around(mean: number, spread: number, min?: number): number;
};

const splitmix32 = (seed: number) => () => {
  seed = (seed + 0x9e3779b9) | 0;
  let z = seed;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
};

export const seededRandom = (seed: number): Random => {
  const init = splitmix32(seed);
  let [a, b, c, d] = [init(), init(), init(), init()];
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i += 1) next();
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const hex = (n: number) => Array.from({ length: n }, () => int(0, 15).toString(16)).join('');
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!,
    chance: (p) => next() < p,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(0, 3)]}${hex(3)}-${hex(12)}`,
    around: (mean, spread, min = 0) => Math.max(min, mean + (next() + next() + next() - 1.5) * spread),
  };
};
