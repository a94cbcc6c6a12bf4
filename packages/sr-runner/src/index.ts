// The runner
export { SRBatchRunner, createRunner } from './runner/sr-batch-runner.js';
export { planItems, itemId } from './runner/items.js';
export { QUICK_NATIVE_HYPERPARAMETERS } from './runner/quick.js';
export { srRunnerConfigSchema, pysrConfigSchema } from './runner/options.js';
export { equationRunResultSchema, paretoPointSchema, resultErrorSchema } from './runner/result.js';

// Backends
export { NativeBackend } from './backends/native-backend.js';
export { PySRBackend, PYSR_DRIVER_PATH } from './backends/pysr/pysr-backend.js';
export { toPySRParams, toSnakeCase, PYSR_PARAMETER_NAMES } from './backends/pysr/hyperparameters.js';
export { PYSR_PROTOCOL_VERSION } from './backends/pysr/protocol.js';

// Benchmarks and data
export {
  FEYNMAN_BENCHMARK,
  FEYNMAN_EQUATIONS,
  QUICK_FEYNMAN_EQUATION_IDS,
  BENCH_FEYNMAN_EQUATION_IDS,
  feynmanEquation,
  feynmanSubset,
  feynmanDatasetName,
} from './benchmarks/feynman.js';
export { loadBenchmarkFile } from './benchmarks/benchmark-file.js';
export { validateBenchmark } from './benchmarks/validate.js';
export { rangesOf, variableNamesOf, benchmarkFileSchema } from './benchmarks/benchmark.js';
export { generateData } from './data/generate.js';
export { seededRandom, deriveSeed } from './data/rng.js';

// Metrics
export { r2Score, meanSquaredError } from './metrics/regression.js';
export { aggregateResults, median } from './metrics/aggregate.js';

// Result cache
export { ResultCache } from './cache/result-cache.js';
export { resultCacheKey, CACHE_KEY_VERSION } from './cache/cache-key.js';
export { canonicalJson, hashCanonical } from './cache/canonical-json.js';

// Errors
export { SrRunnerError, SR_RUNNER_ERROR_CODES, isSrRunnerError } from './errors.js';

export type { RunEquationsOptions } from './runner/sr-batch-runner.js';
export type { EquationRunItem } from './runner/items.js';
export type { SrRunnerOptions, SrRunnerConfig, SrRunnerConfigInput, BackendFactory } from './runner/options.js';
export type { SrRunnerEvent } from './runner/events.js';
export type { EquationRunResult, RunOutcome, ParetoPoint, ResultError } from './runner/result.js';
export type { SrBackend, FitRequest, FitOutcome, Timers } from './backends/backend.js';
export type { NativeBackendOptions } from './backends/native-backend.js';
export type { PySRBackendOptions } from './backends/pysr/pysr-backend.js';
export type { Benchmark, BenchmarkEquation, FormulaEquation, DatasetEquation, DatasetRows, VariableRange, BenchmarkFileInput } from './benchmarks/benchmark.js';
export type { DataSpec, DataSplit, GeneratedData } from './data/generate.js';
export type { Random } from './data/rng.js';
export type { ScoredRun, AggregateOptions, EquationAggregate, BenchmarkAggregate } from './metrics/aggregate.js';
export type { CacheRead, ClaimOutcome, ClaimOwner, ResultCacheOptions } from './cache/result-cache.js';
export type { CacheKeyParts } from './cache/cache-key.js';
export type { SrRunnerErrorCode } from './errors.js';
