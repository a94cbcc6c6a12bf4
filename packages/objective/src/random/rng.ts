/**
 * A small, fast, seedable random generator (xoshiro128** seeded through splitmix32),
 * so samplers replay exactly for a seed. Library code takes an `Rng` instead of
 * calling `Math.random`.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  random(): number;
  /** Uniform in [low, high). */
  uniform(low: number, high: number): number;
  /** Uniform integer in [low, high] (both inclusive). */
  integer(low: number, high: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** A 32-bit unsigned integer, for seeding child generators. */
  nextUint32(): number;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Creates a generator. The same seed always gives the same sequence; without a
 * seed, one is drawn from the platform's entropy source.
 */
export function createRng(seed?: number): Rng {
  const init = splitmix32(seed ?? (globalThis.crypto.getRandomValues(new Uint32Array(1))[0] as number));
  let s0 = init();
  let s1 = init();
  let s2 = init();
  let s3 = init();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  let spare: number | undefined;
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 = (s2 ^ t) >>> 0;
    s3 = rotl(s3, 11);
    return result;
  };
  const random = (): number => {
    // 53 random bits from two draws.
    const hi = nextUint32() >>> 5;
    const lo = nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  return {
    random,
    nextUint32,
    uniform: (low, high) => low + (high - low) * random(),
    integer: (low, high) => low + Math.floor(random() * (high - low + 1)),
    normal: () => {
      if (spare !== undefined) {
        const v = spare;
        spare = undefined;
        return v;
      }
      let u = 0;
      while (u === 0) u = random();
      const v = random();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
