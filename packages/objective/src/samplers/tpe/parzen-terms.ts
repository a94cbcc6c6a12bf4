/**
 * The multivariate Parzen estimator's two hot loops in WebAssembly with SIMD (two kernels
 * per instruction, no bounds checks): each sample's log terms against every kernel, and
 * the loose sums of their exponentials. About 4× the JavaScript loops of
 * parzen-continuous.ts, with bitwise the same terms — per kernel the same IEEE operations
 * in the same order — so the full sums taken from them are the same too. Where
 * WebAssembly SIMD is missing, {@link parzenTermsSimd} is null and the JavaScript loops run.
 *
 * Source: parzen-terms.wat; bytes: parzen-terms-wasm.ts (`pnpm --filter @hyperopt/objective build:wasm`).
 */
import { PARZEN_TERMS_WASM } from './parzen-terms-wasm.js';

/** The part of the WebAssembly API used here (the package's TypeScript libs carry no WebAssembly types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

interface Exports {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  terms(cols: number, stride: number, off: number, m: number, nDims: number, ts: number, norm: number, acc: number): number;
  looseSum(acc: number, m: number, max: number, cutoff: number, pow2: number): number;
}

const PAGE = 65536;
/** Byte layout: 2^(−j/64) for j < 64, then the 2·x̃ of the current sample (up to 64 KB of dimensions), then the rest. */
const POW2_AT = 0;
const TS_AT = 512;
const DATA_AT = PAGE;

/**
 * One estimator's shared kernels in WebAssembly memory, with room for `size` samples'
 * terms. Valid until the next {@link ParzenTermsSimd.load} (which reuses the memory).
 */
export interface LoadedKernels {
  /** Terms of sample s at [s·m, (s+1)·m) (m = all kernels; {@link terms} writes the shared ones). */
  readonly terms: Float64Array;
  /** The 2·x̃ of the sample whose terms come next, one per dimension. */
  readonly ts: Float64Array;
  /** Sample s's terms over the shared kernels (from `ts` and ‖x̃‖²); returns their largest. */
  computeTerms(s: number, norm: number): number;
  /** Σ e^(term − max) over sample s's terms (all m), those more than `cutoff` below `max` left out; max must be finite. */
  looseSum(s: number, max: number, cutoff: number): number;
}

export class ParzenTermsSimd {
  private f64: Float64Array;

  constructor(private readonly exports: Exports) {
    this.f64 = new Float64Array(exports.memory.buffer);
  }

  /**
   * Copies the shared kernels' scaled columns and offsets (`columns[d][i]`, `offset[i]`
   * for i < shared) into WebAssembly memory and makes room for `size` samples' terms over
   * all m kernels.
   */
  load(columns: readonly Float64Array[], offset: Float64Array, shared: number, size: number): LoadedKernels {
    const m = offset.length;
    const nDims = columns.length;
    if (8 * nDims > DATA_AT - TS_AT) throw new RangeError(`expected at most ${(DATA_AT - TS_AT) / 8} dimensions, got ${nDims}`);
    const colsAt = DATA_AT;
    const offsetAt = colsAt + 8 * m * nDims;
    const termsAt = offsetAt + 8 * m;
    const end = termsAt + 8 * m * size;
    const { memory, terms, looseSum } = this.exports;
    if (end > memory.buffer.byteLength) {
      memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
      this.f64 = new Float64Array(memory.buffer);
    }
    const f64 = this.f64;
    for (let d = 0; d < nDims; d++) f64.set((columns[d] as Float64Array).subarray(0, shared), colsAt / 8 + d * m);
    f64.set(offset.subarray(0, shared), offsetAt / 8);
    return {
      terms: f64.subarray(termsAt / 8, end / 8),
      ts: f64.subarray(TS_AT / 8, TS_AT / 8 + nDims),
      computeTerms: (s, norm) => terms(colsAt, 8 * m, offsetAt, shared, nDims, TS_AT, norm, termsAt + 8 * m * s),
      looseSum: (s, max, cutoff) => looseSum(termsAt + 8 * m * s, m, max, cutoff, POW2_AT),
    };
  }
}

let instance: ParzenTermsSimd | null | undefined;

/** The shared WebAssembly kernels, or null where WebAssembly SIMD is unavailable (the JavaScript loops then run). */
export function parzenTermsSimd(): ParzenTermsSimd | null {
  if (instance !== undefined) return instance;
  instance = null;
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) return instance;
  const bytes = Uint8Array.from(atob(PARZEN_TERMS_WASM), (c) => c.charCodeAt(0));
  if (!wasm.validate(bytes)) return instance;
  const exports = new wasm.Instance(new wasm.Module(bytes)).exports as Exports;
  exports.memory.grow(1);
  new Float64Array(exports.memory.buffer, POW2_AT, 64).set(Array.from({ length: 64 }, (_, j) => 2 ** (-j / 64)));
  instance = new ParzenTermsSimd(exports);
  return instance;
}
