import type { BenchmarkEquation } from '../benchmarks/benchmark.js';
import type { DataSpec } from '../data/generate.js';
import { hashCanonical } from './canonical-json.js';

/**
 * Version of the key recipe and of the data generator. Bump it when data generation or
 * scoring changes meaning, so old entries stop matching instead of being reused wrongly.
 */
export const CACHE_KEY_VERSION = 1;

/** Everything that determines one (equation, run) result. */
export interface CacheKeyParts {
  readonly backend: string;
  readonly backendVersion: string;
  readonly hyperparameters: Readonly<Record<string, unknown>>;
  readonly equation: BenchmarkEquation;
  readonly data: DataSpec;
  readonly seed: number;
}

/** The dataset part of a key: what defines the data, not the data themselves. */
export function datasetKeySpec(equation: BenchmarkEquation, data: DataSpec): Record<string, unknown> {
  if (equation.kind === 'formula') {
    return {
      kind: 'formula',
      id: equation.id,
      formula: equation.formula,
      variables: equation.variables.map((v) => [v.name, v.low, v.high]),
      rows: data.rows,
      testFraction: data.testFraction,
      noise: data.noise,
    };
  }
  return { kind: 'dataset', id: equation.id, contentSha256: equation.contentSha256, formula: equation.formula ?? null, noise: data.noise };
}

/** sha256 of the canonical JSON of every part that determines the result. */
export function resultCacheKey(parts: CacheKeyParts): string {
  return hashCanonical({
    keyVersion: CACHE_KEY_VERSION,
    backend: parts.backend,
    backendVersion: parts.backendVersion,
    hyperparameters: parts.hyperparameters,
    dataset: datasetKeySpec(parts.equation, parts.data),
    seed: parts.seed,
  });
}
