/**
 * Column loops that run a libm algorithm inline instead of calling Math.* per element: V8
 * computes Math.exp, Math.log, Math.sin… in C with fdlibm, and each call costs 4–5 ns
 * before any arithmetic.
 *
 * `expColumn` is bit for bit Math.exp, 10–25% faster per element: the same reduction
 * `x = k ln2 + r` with ln2 split in a high and a low part, the same degree-5 rational
 * approximation of `exp(r)` with the same coefficients, scaling by `2^k`, so every
 * operation rounds exactly as fdlibm's does. Its rare cases (NaN, ±Inf, |x| ≥ 708,
 * |x| < 2^-28, and x = 1, which V8 answers with Math.E) go to Math.exp itself.
 *
 * Tried and left out, measured slower or no faster than the C call inside a column loop:
 * log (needs the exponent bits of each value), tanh through an inline expm1 (bit-identical
 * but branchier), and tanh as 1 − 2/(exp(2|x|)+1) (within 1 ulp, faster only for |x| ≥ 1,
 * which is half the inputs of typical trees).
 *
 * Verified against Math.exp on millions of values, edge cases included (libm-kernels.test.ts).
 * Algorithm and coefficients: fdlibm e_exp.c (Sun Microsystems, freely distributable).
 */

const words = new DataView(new ArrayBuffer(8));
/** The double whose high and low 32-bit words are `hi`, `lo`. */
function fromWords(hi: number, lo: number): number {
  words.setUint32(0, hi);
  words.setUint32(4, lo);
  return words.getFloat64(0);
}

/** `2^k` at index `k + 1074`, k in [-1074, 1023]: exact scaling without touching bits. */
const POW2 = new Float64Array(2098);
for (let k = -1074; k <= 1023; k++) POW2[k + 1074] = 2 ** k;

/** fdlibm reduces when the high word of |x| exceeds 0x3fd62e42 (about ln2/2). */
const REDUCE_FROM = fromWords(0x3fd62e43, 0);
/** fdlibm returns 1 + x below 2^-28. */
const TINY = fromWords(0x3e300000, 0);
/** Below this |x| the exponent k stays within [-1021, 1021]: no overflow, underflow or subnormal scaling. */
const SAFE = 708;
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;

export function expColumn(a: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const x0 = a[i]!;
    const ax = Math.abs(x0);
    // V8 returns Math.E for exp(1) exactly, where fdlibm would be one bit off.
    if (!(ax < SAFE) || ax < TINY || x0 === 1) {
      out[i] = x0 === x0 ? Math.exp(x0) : x0;
      continue;
    }
    // k = round-half-away(x / ln2) as fdlibm's (int)(invln2*x ± 0.5); 0 below the reduction threshold.
    const k = ax < REDUCE_FROM ? 0 : (INV_LN2 * x0 + (x0 < 0 ? -0.5 : 0.5)) | 0;
    const hi = x0 - k * LN2_HI;
    const lo = k * LN2_LO;
    const r = hi - lo;
    const t = r * r;
    const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    // With k = 0 this is fdlibm's `1 - ((r*c)/(c-2) - r)` operation for operation (lo = 0, hi = r).
    out[i] = (1 - (lo - (r * c) / (2.0 - c) - hi)) * POW2[k + 1074]!;
  }
}

