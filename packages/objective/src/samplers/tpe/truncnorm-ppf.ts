/**
 * The inverse CDF of a standard normal truncated to [a, b] as Optuna 3.1's
 * `_truncnorm.ppf` defines it, branch for branch, so that one uniform quantile gives
 * Optuna's kernel sample:
 * - a < 0: x = Φ⁻¹(exp(logaddexp(log Φ(a), log q + log(Φ(b) − Φ(a)))));
 * - a ≥ 0: x = −Φ⁻¹(exp(logaddexp(log Φ(−b), log(1 − q) + log(Φ(b) − Φ(a)))));
 * - q = 0 gives a, q = 1 gives b, a = b gives NaN.
 *
 * Optuna inverts log Φ by 100 bisection steps on [−100, 100]; we invert it by Newton steps
 * in log space from Acklam's rational approximation (relative error ~1e-9), so two steps
 * reach double precision. Both find the root of log Φ(x) = y to within the rounding of
 * log Φ itself (about 1e-16/φ(x) in x, which only exceeds 1e-12 beyond x ≈ 4.5).
 */
import { logGaussMass, logNdtr, logNormPdf } from './normal-math.js';

/** numpy's `logaddexp`. */
function logAddExp(x: number, y: number): number {
  if (x === y) return x + Math.LN2;
  const d = x - y;
  if (d > 0) return x + Math.log1p(Math.exp(-d));
  if (d <= 0) return y + Math.log1p(Math.exp(d));
  return x + y;
}

// Acklam's rational approximation of the normal quantile (relative error below 1.15e-9).
const A1 = -3.969683028665376e1;
const A2 = 2.209460984245205e2;
const A3 = -2.759285104469687e2;
const A4 = 1.38357751867269e2;
const A5 = -3.066479806614716e1;
const A6 = 2.506628277459239;
const B1 = -5.447609879822406e1;
const B2 = 1.615858368580409e2;
const B3 = -1.556989798598866e2;
const B4 = 6.680131188771972e1;
const B5 = -1.328068155288572e1;
const C1 = -7.784894002430293e-3;
const C2 = -3.223964580411365e-1;
const C3 = -2.400758277161838;
const C4 = -2.549732539343734;
const C5 = 4.374664141464968;
const C6 = 2.938163982698783;
const D1 = 7.784695709041462e-3;
const D2 = 3.224671290700398e-1;
const D3 = 2.445134137142996;
const D4 = 3.754408661907416;
const LOG_P_LOW = Math.log(0.02425);
const LOG_P_HIGH = Math.log1p(-0.02425);

function tail(t: number): number {
  return (((((C1 * t + C2) * t + C3) * t + C4) * t + C5) * t + C6) / ((((D1 * t + D2) * t + D3) * t + D4) * t + 1);
}

/** A first guess of x with log Φ(x) = y (y < 0). */
function guess(y: number): number {
  if (y < LOG_P_LOW) return tail(Math.sqrt(-2 * y));
  if (y > LOG_P_HIGH) return -tail(Math.sqrt(-2 * Math.log(-Math.expm1(y))));
  const q = Math.exp(y) - 0.5;
  const r = q * q;
  return ((((((A1 * r + A2) * r + A3) * r + A4) * r + A5) * r + A6) * q) / (((((B1 * r + B2) * r + B3) * r + B4) * r + B5) * r + 1);
}

/** Optuna's search interval for the inverse of log Φ. */
const LIMIT = 100;

/** The x with log Φ(x) = y, by Newton steps (no clamping). */
function solveLogNdtr(y: number): number {
  let x = guess(y);
  if (!(x > -LIMIT)) return -LIMIT;
  for (let it = 0; it < 8; it++) {
    const l = logNdtr(x);
    // Newton on log Φ: slope φ(x)/Φ(x).
    const dx = (l - y) / Math.exp(logNormPdf(x) - l);
    x -= dx;
    // Quadratic convergence: the error left is about |f''/2f'|·dx² ≤ (|x| + ½)·dx², since
    // f''/f' = −x − φ/Φ. Stop when that is below 1e-17 of x (Acklam's start needs one step).
    const ax = Math.abs(x);
    if ((ax + 0.5) * dx * dx <= 1e-17 * Math.max(1, ax)) break;
  }
  return x;
}

/** log Φ at 1 and 6: between them Optuna's log Φ is coarse (see {@link ndtriExp}). */
const LOG_NDTR_1 = logNdtr(1);
const LOG_NDTR_6 = logNdtr(6);
/** Spacing of the doubles in [0.5, 1). */
const ULP = 2 ** -53;

/**
 * x with log Φ(x) = y, within [−100, 100] as Optuna's bisection, including where Optuna's
 * log Φ is coarse: for 1 ≤ x ≤ 6 it computes log(1 − ½·erfc(x/√2)), whose inner
 * difference rounds to a multiple of 2⁻⁵³, so log Φ moves in steps and the bisection ends on
 * the edge of a step — up to 1e-16/φ(x) from the exact root (1e-11 near x = 5). There we
 * solve for that edge instead: the smallest T ≥ e^y that is a double with log T ≥ y, then
 * the x where 1 − ½·erfc(x/√2) rounds up to T, i.e. where the upper tail equals
 * 1 − T + ½ulp.
 */
export function ndtriExp(y: number): number {
  // log Φ < 0 everywhere: a target of 0 (a rounding) is out of reach, as for Optuna's bisection.
  if (!(y < 0)) return Number.isNaN(y) ? y : LIMIT;
  if (y < LOG_NDTR_1 || y > LOG_NDTR_6) return Math.min(Math.max(solveLogNdtr(y), -LIMIT), LIMIT);
  {
    // Φ(x) ≥ Φ(1) > 0.5, where doubles are ULP = 2⁻⁵³ apart (the bounded loops take a step or two).
    let t = Math.min(1, Math.max(0.5, Math.exp(y)));
    for (let k = 0; k < 8 && Math.log(t) < y && t < 1; k++) t += ULP;
    for (let k = 0; k < 8 && t - ULP >= 0.5 && Math.log(t - ULP) >= y; k++) t -= ULP;
    // 1 − tail rounds to t for tails up to (1 − t) + ULP/2.
    const tailAtEdge = 1 - t + ULP / 2;
    return -solveLogNdtr(Math.log(tailAtEdge));
  }
}

/**
 * Optuna 3.1's truncated-normal quantile at q ∈ [0, 1] for the interval [a, b] (see the
 * module comment). The result is kept inside [a, b] (Optuna's can leave it by a rounding).
 */
export function optunaTruncNormPpf(q: number, a: number, b: number): number {
  return optunaTruncNormPpfFrom(q, a, b, truncationTail(a, b), logGaussMass(a, b));
}

/** The log Φ term of {@link optunaTruncNormPpf}'s branch: log Φ(a) when a < 0, else log Φ(−b). */
export function truncationTail(a: number, b: number): number {
  return a < 0 ? logNdtr(a) : logNdtr(-b);
}

/**
 * {@link optunaTruncNormPpf} from its two per-interval terms, {@link truncationTail} and
 * log(Φ(b) − Φ(a)), which a Parzen kernel computes once for all its samples.
 */
export function optunaTruncNormPpfFrom(q: number, a: number, b: number, logTail: number, logMass: number): number {
  if (a === b) return Number.NaN;
  if (q === 0) return a;
  if (q === 1) return b;
  const x = a < 0 ? ndtriExp(logAddExp(logTail, Math.log(q) + logMass)) : -ndtriExp(logAddExp(logTail, Math.log1p(-q) + logMass));
  return Math.min(Math.max(x, a), b);
}
