/**
 * Optuna 3.1's maps from a continuous space back to parameter values, with numpy's
 * rounding, so samplers that replay Optuna's draws land on the same values:
 * - `_SearchSpaceTransform` of one distribution (RandomSampler): bounds widened by half
 *   a step for discrete ranges, log scale for log ranges; back by exp, rounding to the
 *   grid and clipping, continuous values kept below `high`;
 * - the Parzen estimator's `_transform_from_uniform` (TPE): the same, except that
 *   continuous values are not clipped (truncated kernels already stay in range).
 */
import type { Distribution } from '../distributions/index.js';

type NumericalDistribution = Exclude<Distribution, { kind: 'categorical' }>;

/** numpy's `round`: to the nearest integer, halves to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  // Math.round takes halves up; numpy takes them to the even neighbour.
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function clip(x: number, low: number, high: number): number {
  return Math.min(Math.max(x, low), high);
}

const scratch = new Float64Array(1);
const scratchBits = new Uint32Array(scratch.buffer);
const LOW_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

/** The largest double below `x` (numpy's `nextafter(x, x - 1)`) for finite `x`. */
export function nextBelow(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  scratch[0] = x;
  const lo = LOW_WORD;
  const hi = 1 - LOW_WORD;
  // Positive: one less in the bit pattern; negative: one more.
  if (x > 0) {
    if (scratchBits[lo] === 0) scratchBits[hi] = (scratchBits[hi] as number) - 1;
    scratchBits[lo] = ((scratchBits[lo] as number) - 1) >>> 0;
  } else {
    scratchBits[lo] = ((scratchBits[lo] as number) + 1) >>> 0;
    if (scratchBits[lo] === 0) scratchBits[hi] = (scratchBits[hi] as number) + 1;
  }
  return scratch[0] as number;
}

/** Bounds of one numerical distribution in Optuna's `_SearchSpaceTransform` (log, half steps). */
export function transformBounds(d: NumericalDistribution): [number, number] {
  if (d.kind === 'float') {
    const low = d.log ? Math.log(d.low) : d.low;
    const high = d.log ? Math.log(d.high) : d.high;
    if (d.step !== null) return [low - 0.5 * d.step, high + 0.5 * d.step];
    return [low, high];
  }
  const half = 0.5 * d.step;
  if (d.log) return [Math.log(d.low - half), Math.log(d.high + half)];
  return [d.low - half, d.high + half];
}

/** Whether Optuna 3.1 counts the distribution as one value (`single()`). */
function isSingleFloat(d: Extract<Distribution, { kind: 'float' }>): boolean {
  if (d.low === d.high) return true;
  // Optuna compares through decimal strings; a float difference agrees except at exact multiples.
  return d.step !== null && d.high - d.low < d.step;
}

/** Optuna's `_untransform_numerical_param`: a value of the transformed space back to the distribution. */
export function untransformNumerical(d: NumericalDistribution, x: number): number {
  if (d.kind === 'float') {
    if (d.log) {
      const value = Math.exp(x);
      return isSingleFloat(d) ? value : Math.min(value, nextBelow(d.high));
    }
    if (d.step !== null) return clip(roundHalfEven((x - d.low) / d.step) * d.step + d.low, d.low, d.high);
    return isSingleFloat(d) ? x : Math.min(x, nextBelow(d.high));
  }
  if (d.log) return clip(roundHalfEven(Math.exp(x)), d.low, d.high);
  return clip(roundHalfEven((x - d.low) / d.step) * d.step + d.low, d.low, d.high);
}

/** The Parzen estimator's `_transform_from_uniform` for one sampled value (internal representation). */
export function parzenFromUniform(d: NumericalDistribution, x: number): number {
  if (d.kind === 'float') {
    if (d.log) return Math.exp(x);
    if (d.step === null) return x;
    return clip(roundHalfEven((x - d.low) / d.step) * d.step + d.low, d.low, d.high);
  }
  if (d.log) return clip(roundHalfEven(Math.exp(x)), d.low, d.high);
  return clip(roundHalfEven((x - d.low) / d.step) * d.step + d.low, d.low, d.high);
}
