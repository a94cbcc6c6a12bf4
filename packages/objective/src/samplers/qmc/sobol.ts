import type { Rng } from '../../random/rng.js';
import { SOBOL_DIRECTIONS } from './sobol-direction-numbers.js';

/** Bits per coordinate (points are multiples of 2^-30, as SciPy's default). */
const BITS = 30;
const SCALE = 2 ** -BITS;

let table: { poly: number; m: number[] }[] | undefined;

function directionTable(): { poly: number; m: number[] }[] {
  table ??= SOBOL_DIRECTIONS.trim()
    .split(/\s+/)
    .map((entry) => {
      const [poly, ms] = entry.split(':') as [string, string];
      return { poly: Number(poly), m: ms.split(',').map(Number) };
    });
  return table;
}

/** Largest supported dimension. */
export function sobolMaxDimension(): number {
  return directionTable().length + 1;
}

/** The direction integers v_1..v_BITS of one dimension (0-based), left-aligned to BITS bits. */
function directions(dim: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (dim === 0) {
    for (let i = 0; i < BITS; i++) v[i] = 1 << (BITS - 1 - i);
    return v;
  }
  const entry = directionTable()[dim - 1];
  if (entry === undefined) throw new RangeError(`Sobol dimension ${dim + 1} is beyond the table (${sobolMaxDimension()})`);
  const s = entry.m.length;
  const m = new Uint32Array(BITS);
  for (let i = 0; i < Math.min(s, BITS); i++) m[i] = entry.m[i] as number;
  for (let i = s; i < BITS; i++) {
    // m_i = 2a₁m_{i-1} ⊕ 4a₂m_{i-2} ⊕ … ⊕ 2^{s-1}a_{s-1}m_{i-s+1} ⊕ 2^s m_{i-s} ⊕ m_{i-s}
    let value = (m[i - s] as number) ^ ((m[i - s] as number) << s);
    for (let k = 1; k < s; k++) {
      const a = (entry.poly >> (s - k)) & 1;
      if (a) value ^= (m[i - k] as number) << k;
    }
    m[i] = value >>> 0;
  }
  for (let i = 0; i < BITS; i++) v[i] = ((m[i] as number) << (BITS - 1 - i)) >>> 0;
  return v;
}

/**
 * A Sobol sequence in `d` dimensions with Joe–Kuo direction numbers, optionally
 * scrambled by a random linear matrix scramble and a digital shift (the scheme SciPy
 * uses), so every seed gives another randomised low-discrepancy sequence. Points are
 * addressed by index (Gray-code order), so any worker can compute point k directly.
 */
export class Sobol {
  private readonly v: Uint32Array[];
  private readonly shift: Uint32Array;

  constructor(
    readonly d: number,
    options: { scramble?: boolean; rng?: Rng } = {},
  ) {
    this.v = Array.from({ length: d }, (_, j) => directions(j));
    this.shift = new Uint32Array(d);
    if (options.scramble) {
      const rng = options.rng;
      if (rng === undefined) throw new RangeError('a scrambled Sobol sequence needs an rng');
      for (let j = 0; j < d; j++) {
        // Lower-triangular binary matrix with unit diagonal, row r acting on bit (BITS-1-r).
        const rows = Array.from({ length: BITS }, (_, r) => {
          let row = 1 << (BITS - 1 - r);
          for (let c = 0; c < r; c++) if (rng.random() < 0.5) row |= 1 << (BITS - 1 - c);
          return row >>> 0;
        });
        const vj = this.v[j] as Uint32Array;
        for (let i = 0; i < BITS; i++) {
          let out = 0;
          for (let r = 0; r < BITS; r++) if (popcount((rows[r] as number) & (vj[i] as number)) & 1) out |= 1 << (BITS - 1 - r);
          vj[i] = out >>> 0;
        }
        this.shift[j] = Math.floor(rng.random() * 2 ** BITS) >>> 0;
      }
    }
  }

  /** Point number `index` (0-based) in [0, 1)^d. */
  point(index: number): Float64Array {
    const gray = index ^ Math.floor(index / 2);
    const out = new Float64Array(this.d);
    for (let j = 0; j < this.d; j++) {
      let x = this.shift[j] as number;
      const vj = this.v[j] as Uint32Array;
      for (let bit = 0, g = gray; g > 0 && bit < BITS; bit++, g = Math.floor(g / 2)) if (g & 1) x ^= vj[bit] as number;
      out[j] = (x >>> 0) * SCALE;
    }
    return out;
  }
}

function popcount(x: number): number {
  let v = x >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
