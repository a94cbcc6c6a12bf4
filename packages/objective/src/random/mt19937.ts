/**
 * The Mersenne Twister (MT19937) as numpy's legacy `np.random.RandomState(seed)` runs
 * it: Matsumoto & Nishimura's `init_genrand` seeding for an integer seed, their
 * tempering, doubles from 53 bits of two draws, and numpy's legacy formulas for
 * `uniform`, `rand`, `choice(n, size, p)`, `randint` and the polar-method `normal`. Samplers
 * that replay Optuna (TPE, Random) draw from it, so a study with `seed: s` takes the same
 * path as Optuna's with `seed=s`.
 *
 * State is a `Uint32Array` of 624 words regenerated in place every 624 draws; no draw
 * allocates.
 */
import { ObjectiveError, echo } from '../errors.js';
import type { Rng } from './rng.js';

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;

/** A numpy-compatible MT19937 generator (see the module comment). */
export class MT19937 implements Rng {
  private readonly state = new Uint32Array(N);
  private index = N;
  private hasGauss = false;
  private gauss = 0;

  /**
   * @param seed An integer in [0, 2³²): the same stream as `np.random.RandomState(seed)`.
   *   @default undefined (a seed drawn from the platform's entropy source)
   */
  constructor(seed?: number) {
    this.seed(seed);
  }

  /** Restarts the stream from `seed` (numpy's `RandomState.seed`); without one, from entropy. */
  seed(seed?: number): void {
    const s = seed ?? (globalThis.crypto.getRandomValues(new Uint32Array(1))[0] as number);
    if (!Number.isInteger(s) || s < 0 || s > 0xffffffff) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected an integer in [0, 2^32) for \`seed\` (numpy's RandomState range), got ${echo(seed)}`);
    }
    const mt = this.state;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] as number;
      mt[i] = (Math.imul(1812433253, (prev ^ (prev >>> 30)) >>> 0) + i) >>> 0;
    }
    this.index = N;
    this.hasGauss = false;
    this.gauss = 0;
  }

  private twist(): void {
    const mt = this.state;
    let k = 0;
    for (; k < N - M; k++) {
      const y = ((mt[k] as number) & UPPER_MASK) | ((mt[k + 1] as number) & LOWER_MASK);
      mt[k] = (mt[k + M] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; k < N - 1; k++) {
      const y = ((mt[k] as number) & UPPER_MASK) | ((mt[k + 1] as number) & LOWER_MASK);
      mt[k] = (mt[k + M - N] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = ((mt[N - 1] as number) & UPPER_MASK) | ((mt[0] as number) & LOWER_MASK);
    mt[N - 1] = (mt[M - 1] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.index = 0;
  }

  /** The next tempered 32-bit output (numpy's `mt19937_next32`). */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.state[this.index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Uniform in [0, 1) from 27 + 26 bits of two draws (numpy's `random_sample`, `rand`). */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * TWO_POW_26 + b) / TWO_POW_53;
  }

  /** `low + (high − low)·random()`, numpy's `uniform(low, high)`. */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.random();
  }

  /**
   * Uniform integer in [low, high], both inclusive: numpy's legacy `randint(low, high + 1)`
   * (32-bit draws masked to the next power of two, rejected above the range).
   */
  integer(low: number, high: number): number {
    const range = high - low;
    if (!(range >= 0) || range > 0xffffffff) throw new RangeError(`expected low ≤ high within 2^32, got [${low}, ${high}]`);
    if (range === 0) return low;
    let mask = range;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do value = (this.nextUint32() & mask) >>> 0;
    while (value > range);
    return low + value;
  }

  /** Standard normal by numpy's legacy polar method (the second value of a pair is kept for the next call). */
  normal(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      return this.gauss;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * this.random() - 1;
      x2 = 2 * this.random() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** `size` draws of {@link random} (numpy's `rand(size)`). */
  rand(size: number, out: Float64Array = new Float64Array(size)): Float64Array {
    for (let i = 0; i < size; i++) out[i] = this.random();
    return out;
  }

  /**
   * `size` indices in [0, p.length) drawn with probabilities `p`, as numpy's legacy
   * `choice(len(p), size, p=p)`: running sums divided by the last one, then for each of
   * `size` uniforms the first index whose running sum exceeds it.
   */
  choice(p: ArrayLike<number>, size: number, out: Int32Array = new Int32Array(size)): Int32Array {
    return numpyChoice(p, size, () => this.random(), out);
  }
}

/** A numpy-compatible generator (`np.random.RandomState(seed)`); without a seed, from entropy. */
export function createMT19937(seed?: number): MT19937 {
  return new MT19937(seed);
}

/**
 * numpy's legacy `choice(len(p), size, p=p)` on any source of uniforms: running sums of
 * `p` divided by the last one, then for each of `size` uniforms the first index whose
 * running sum exceeds it (`searchsorted(cdf, u, side='right')`).
 */
export function numpyChoice(
  p: ArrayLike<number>,
  size: number,
  random: () => number,
  out: Int32Array = new Int32Array(size),
  /** Room for the n cumulative probabilities (overwritten). */
  cdf: Float64Array = new Float64Array(p.length),
): Int32Array {
  const n = p.length;
  if (n === 0) throw new RangeError('expected a non-empty probability vector for `choice`, got length 0');
  let acc = 0;
  for (let i = 0; i < n; i++) cdf[i] = acc += p[i] as number;
  for (let i = 0; i < n; i++) cdf[i] = (cdf[i] as number) / acc;
  for (let s = 0; s < size; s++) {
    const u = random();
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) <= u) lo = mid + 1;
      else hi = mid;
    }
    // cdf[n − 1] is 1 and u < 1, so lo < n; the bound only guards against a NaN weight.
    out[s] = Math.min(lo, n - 1);
  }
  return out;
}
