import type { Rng } from '../../random/rng.js';

/** The first `n` primes. */
export function firstPrimes(n: number): number[] {
  const primes: number[] = [];
  for (let k = 2; primes.length < n; k++) if (primes.every((p) => p * p > k || k % p !== 0)) primes.push(k);
  return primes;
}

/**
 * A Halton sequence (radical inverses in the first d prime bases), optionally
 * scrambled with an independent random permutation of the digits at every position
 * of every base (Owen-style permutation scrambling, as SciPy's `scramble=True`).
 */
export class Halton {
  private readonly bases: number[];
  private readonly perms: Uint16Array[][] | undefined;

  constructor(
    readonly d: number,
    options: { scramble?: boolean; rng?: Rng } = {},
  ) {
    this.bases = firstPrimes(d);
    if (options.scramble) {
      const rng = options.rng;
      if (rng === undefined) throw new RangeError('a scrambled Halton sequence needs an rng');
      this.perms = this.bases.map((b) => {
        const digits = Math.ceil(53 / Math.log2(b));
        return Array.from({ length: digits }, () => {
          const p = Uint16Array.from({ length: b }, (_, i) => i);
          for (let i = b - 1; i > 0; i--) {
            const k = Math.floor(rng.random() * (i + 1));
            const t = p[i] as number;
            p[i] = p[k] as number;
            p[k] = t;
          }
          return p;
        });
      });
    }
  }

  /** Point number `index` (0-based) in [0, 1)^d. */
  point(index: number): Float64Array {
    const out = new Float64Array(this.d);
    for (let j = 0; j < this.d; j++) {
      const b = this.bases[j] as number;
      const perms = this.perms?.[j];
      let n = index;
      let f = 1 / b;
      let x = 0;
      const digits = perms ? perms.length : Infinity;
      for (let k = 0; k < digits && (perms || n > 0); k++, f /= b) {
        const digit = n % b;
        n = Math.floor(n / b);
        x += (perms ? ((perms[k] as Uint16Array)[digit] as number) : digit) * f;
      }
      out[j] = Math.min(x, 1 - Number.EPSILON);
    }
    return out;
  }
}
