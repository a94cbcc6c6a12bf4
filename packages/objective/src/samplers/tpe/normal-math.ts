/**
 * Numerics of the (truncated) standard normal distribution used by the Parzen
 * estimator: scaled complementary error function, log of the normal CDF, log of the
 * probability mass of an interval, and the inverse CDF of a truncated normal.
 *
 * Everything works in log space where tails would underflow. The series and continued
 * fraction are the textbook expansions of erf/erfc (Abramowitz & Stegun 7.1.6, 7.1.14).
 */

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2 = Math.SQRT2;
const LOG_2 = Math.LN2;
export const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** exp(x²)·erfc(x) for x ≥ 0. */
export function erfcx(x: number): number {
  // Below 1.5 the series loses at most a few ulps to 1 − erf; above, the continued fraction is exact.
  if (x < 1.5) {
    // erf(x) = 2/√π · e^{-x²} Σ (2x²)^n x / (2n+1)!!  (all terms positive).
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 0; n < 200; n++) {
      term *= (2 * x2) / (2 * n + 3);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    const erf = (2 / SQRT_PI) * Math.exp(-x2) * sum;
    return Math.exp(x2) * (1 - erf);
  }
  // Continued fraction erfc(x) = e^{-x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))),
  // cut at the depth that reaches double precision for this x (measured against depth 400).
  const depth = x < 2 ? 90 : x < 2.5 ? 58 : x < 3 ? 40 : x < 3.5 ? 30 : x < 4 ? 24 : x < 5 ? 22 : x < 6 ? 16 : x < 8 ? 14 : x < 12 ? 11 : 9;
  let tail = 0;
  for (let k = depth; k >= 1; k--) tail = k / 2 / (x + tail);
  return 1 / SQRT_PI / (x + tail);
}

/** The error function. */
export function erf(x: number): number {
  if (x < 0) return -erf(-x);
  return 1 - Math.exp(-x * x) * erfcx(x);
}

/** log Φ(x), accurate in both tails. */
export function logNdtr(x: number): number {
  if (x > 6) return -0.5 * erfcLinear(x / SQRT_2); // log1p(-tiny) ≈ -tiny
  if (x > -1) return Math.log1p(-0.5 * erfcLinear(x / SQRT_2));
  const y = -x / SQRT_2;
  return -LOG_2 - y * y + Math.log(erfcx(y));
}

function erfcLinear(y: number): number {
  return y >= 0 ? Math.exp(-y * y) * erfcx(y) : 2 - Math.exp(-y * y) * erfcx(-y);
}

/** log(exp(a) - exp(b)) for a ≥ b. */
function logDiffExp(a: number, b: number): number {
  if (b === -Infinity) return a;
  return a + Math.log1p(-Math.exp(b - a));
}

/** log(Φ(b) − Φ(a)) for a < b, without cancellation. */
export function logGaussMass(a: number, b: number): number {
  if (b <= 0) return logDiffExp(logNdtr(b), logNdtr(a));
  if (a >= 0) return logDiffExp(logNdtr(-a), logNdtr(-b));
  return logInnerMass(-a, b);
}

/**
 * log(1 − Q(s) − Q(t)) for s, t > 0: the log mass of the interval (−s, t) under the
 * standard normal, from its two tails.
 */
export function logInnerMass(s: number, t: number): number {
  // A tail beyond 8.5 holds under 1e-17: it cannot change 1 − (the other tail) in double precision.
  const e = (s > 8.5 ? 0 : normalTail(s)) + (t > 8.5 ? 0 : normalTail(t)); // TAIL_END
  // log(1 − e) by its series while e is small (next term e⁵/5 < 4e-21): Math.log1p is a call.
  return e < 1 / 8192 ? -e * (1 + e * (1 / 2 + e * (1 / 3 + e / 4))) : Math.log1p(-e);
}

/*
 * The hot functions below (normalTail, logInnerMass, expNonPositive) write their constants
 * as literals: Node 20's V8 reads a module-level `const` from the module's context, with a
 * type check, at every use (−12 % instructions for a truncation mass, measured).
 */
/** Spacing of the tail table (a power of 2, so k·TAIL_STEP and x − k·TAIL_STEP are exact). */
const TAIL_STEP = 1 / 256;
/** The table covers [0, TAIL_END]; beyond, callers treat the tail as 0. */
const TAIL_END = 8.5;
/** Q(k/256) and φ(k/256) for k = 0..2178, interleaved (built on first use: ~2,000 erfcx calls). */
let tailTable: Float64Array | undefined;

function buildTailTable(): Float64Array {
  const n = Math.ceil(TAIL_END / TAIL_STEP) + 2;
  const table = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    const tk = k * TAIL_STEP;
    const y = tk / SQRT_2;
    table[2 * k] = 0.5 * Math.exp(-y * y) * erfcx(y);
    table[2 * k + 1] = Math.exp(-0.5 * tk * tk - LOG_SQRT_2PI);
  }
  tailTable = table;
  return table;
}

/**
 * The upper tail Q(t) = 1 − Φ(t) = Φ(−t) for 0 ≤ t ≤ 8.5 (larger t read as 8.5), from
 * a table of Q and φ every 1/256 and the Taylor series about the nearest entry:
 * Q⁽ⁿ⁾(t) = −φ⁽ⁿ⁻¹⁾(t) = (−1)ⁿ·Heₙ₋₁(t)·φ(t), five terms. With |δ| ≤ 1/512 the first
 * omitted term is under 1e-19 of φ; measured against {@link erfcx}, the relative error
 * stays below 3e-14 and the absolute below 1e-15. Every kernel of a multivariate
 * estimator needs its truncation mass, so this is hot: it is kept small enough for V8 to
 * inline (the table is built elsewhere) and uses multiplications only.
 */
export function normalTail(t: number): number {
  const table = tailTable ?? buildTailTable();
  const x = t < 8.5 ? t : 8.5; // TAIL_END
  const k = Math.round(x * 256); // 1 / TAIL_STEP
  const tk = k * 0.00390625; // TAIL_STEP
  const d = x - tk;
  const t2 = tk * tk;
  // Coefficients ÷ 2, 6, 24, 120 as products (V8 folds the literal quotients).
  const series = d * (-1 + d * (0.5 * tk + d * ((1 - t2) * (1 / 6) + d * ((t2 - 3) * tk * (1 / 24) + d * (-t2 * t2 + 6 * t2 - 3) * (1 / 120)))));
  return (table[2 * k] as number) + (table[2 * k + 1] as number) * series;
}

/** log of the standard normal density. */
export function logNormPdf(z: number): number {
  return -0.5 * z * z - LOG_SQRT_2PI;
}

/** Solves log Φ(x) = logP for x by safeguarded Newton steps inside [lo, hi]. */
function ndtriExp(logP: number, lo: number, hi: number): number {
  // Initial guess from the usual tail/centre approximations.
  let x: number;
  if (logP < -2) x = -Math.sqrt(-2 * (logP + 0.5 * Math.log(-4 * Math.PI * logP)));
  else {
    const p = Math.exp(logP);
    x = p >= 1 ? 8 : Math.log(p / (1 - p)) / 1.702;
  }
  let low = lo;
  let high = hi;
  if (!(x > low && x < high)) x = Number.isFinite(low) && Number.isFinite(high) ? 0.5 * (low + high) : Math.min(Math.max(x, low), high);
  for (let it = 0; it < 100; it++) {
    const lc = logNdtr(x);
    const f = lc - logP;
    if (f > 0) high = x;
    else low = x;
    const slope = Math.exp(logNormPdf(x) - lc);
    let next = x - f / slope;
    if (!(next > low && next < high)) {
      next = Number.isFinite(low) && Number.isFinite(high) ? 0.5 * (low + high) : f > 0 ? x - 1 : x + 1;
    }
    if (Math.abs(next - x) <= 1e-14 * Math.max(1, Math.abs(x))) return next;
    x = next;
  }
  return x;
}

/**
 * Inverse CDF of the standard normal truncated to [a, b], at quantile u ∈ [0, 1).
 * Works in the lower tail (flipping the interval when it lies right of zero) so
 * far-tail intervals keep their precision.
 */
export function truncNormPpf(u: number, a: number, b: number): number {
  if (a > 0) return -truncNormPpf(1 - u, -b, -a);
  const logPa = logNdtr(a);
  const logMass = logGaussMass(a, b);
  // log(Φ(a) + u·mass)
  const s = Math.log(u) + logMass;
  const m = Math.max(logPa, s);
  const logTarget = m === -Infinity ? -Infinity : m + Math.log(Math.exp(logPa - m) + Math.exp(s - m));
  if (logTarget === -Infinity) return a;
  const x = ndtriExp(logTarget, a, b);
  return Math.min(Math.max(x, a), b);
}

/** 2^(−j/64) for j = 0..63: e^y is split as 2^(−k/64)·e^r with |r| ≤ ln2/128. */
const STEPS = 64;
const POW2_FRACTION = Float64Array.from({ length: STEPS }, (_, j) => 2 ** (-j / STEPS));
const POW2_NEG = Float64Array.from({ length: 1100 }, (_, k) => 2 ** -k);

/**
 * exp(y) for y ≤ 0, relative error below 1e-15: y = −(k/64)·ln2 + r with |r| ≤ ln2/128,
 * then 2^−⌊k/64⌋ · 2^−(k mod 64)/64 (a table) · a degree-5 Taylor polynomial of e^r.
 * It inlines in hot loops where `Math.exp` is a call; the Parzen sums spend most of
 * their time here.
 */
export function expNonPositive(y: number): number {
  if (!(y > -745)) return 0;
  // 64/ln2; then ln2/64 in two parts (fdlibm's split of ln2, whose high part has 32
  // significant bits, ÷ 64): k·hi is exact for the k that occur (< 2^17) and hi + lo
  // carries ln2/64 to ~1e-27.
  const k = Math.round(-y * 92.33248261689366);
  const r = y + k * 0.01083042469326756 + k * 2.9815858269852933e-12;
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120)))));
  return p * (POW2_FRACTION[k & 63] as number) * (POW2_NEG[k >> 6] as number);
}
