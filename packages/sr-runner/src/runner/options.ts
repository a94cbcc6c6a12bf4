import { z } from 'zod';
import type { Benchmark } from '../benchmarks/benchmark.js';
import type { SrBackend, Timers } from '../backends/backend.js';
import type { SrRunnerEvent } from './events.js';

/** Options of the PySR backend that can live in a config file. */
export const pysrConfigSchema = z.strictObject({
  /** Python interpreter with PySR. @default process.env.HYPEROPT_PYTHON ?? '/usr/bin/python3' */
  python: z.string().min(1).optional(),
  /** Folders prepended to PYTHONPATH. @default [] */
  pythonPath: z.array(z.string()).default([]),
  /** Extra environment for the driver. @default {} */
  env: z.record(z.string(), z.string()).default({}),
  /** Where the driver's stderr (PySR/Julia output) goes. @default `<tmpdir>/hyperopt-pysr-<pid>.log` */
  logFile: z.string().min(1).optional(),
  /** Allowed time for `import pysr` (Julia start-up). @default 600000 */
  startupTimeoutMs: z.number().positive().default(600_000),
  /** Extra time after the fit limit before the process is killed. @default 60000 */
  timeoutGraceMs: z.number().nonnegative().default(60_000),
  /** Hyperparameter names sent to PySR unchecked. @default [] */
  passThrough: z.array(z.string()).default([]),
});

/**
 * The serialisable settings of a runner (what a sweep config holds). Defaults live here.
 */
export const srRunnerConfigSchema = z.strictObject({
  /** SR engine. @default 'native' */
  backend: z.enum(['native', 'pysr']).default('native'),
  /** Hyperparameters in PySR's names, camelCase (`populationSize`, `niterations`…). @default {} */
  hyperparameters: z.record(z.string(), z.unknown()).default({}),
  /** Folder of the result cache; without it nothing is cached. */
  cacheDir: z.string().min(1).optional(),
  /** Rows generated per fit (train + test) for formula equations. @default 1000 */
  rows: z.number().int().min(4).default(1000),
  /** Share of rows held out as the test set. @default 0.25 */
  testFraction: z.number().gt(0).lt(1).default(0.25),
  /** Training-target noise as a fraction of the target RMS (SRBench). @default 0 */
  noise: z.number().min(0).default(0),
  /** Seeds of run `r` derive from this and `r` (same seeds for every equation). @default 0 */
  baseSeed: z.number().int().nonnegative().default(0),
  /** Wall-clock limit per fit. @default 300000 */
  timeLimitMs: z.number().positive().default(300_000),
  /** Fits run at the same time in this process (one backend instance each). @default 1 */
  concurrency: z.number().int().positive().default(1),
  /** Claims of other hosts older than this are taken over. @default 21600000 */
  staleClaimMs: z.number().positive().default(6 * 3600_000),
  /** PySR backend settings. @default {} */
  pysr: pysrConfigSchema.default({ pythonPath: [], env: {}, startupTimeoutMs: 600_000, timeoutGraceMs: 60_000, passThrough: [] }),
});

export type SrRunnerConfigInput = z.input<typeof srRunnerConfigSchema>;
export type SrRunnerConfig = z.infer<typeof srRunnerConfigSchema>;

/** Creates a backend for a runner (one per concurrency lane). */
export type BackendFactory = (config: SrRunnerConfig, context: { readonly lane: number; readonly signal?: AbortSignal }) => Promise<SrBackend>;

/** Everything `createRunner` takes: the config plus the benchmark and runtime hooks. */
export interface SrRunnerOptions extends SrRunnerConfigInput {
  /** The equations this runner may be asked to run. */
  readonly benchmark: Benchmark;
  /** Receives progress and cache events (no console output from this package). */
  readonly onEvent?: (event: SrRunnerEvent) => void;
  /** Replaces the built-in backends (custom engines, tests). */
  readonly createBackend?: BackendFactory;
  /** Timer functions. @default the global ones */
  readonly timers?: Timers;
  /** Monotonic milliseconds for wall times. @default performance.now */
  readonly now?: () => number;
  /** Aborts backend start-up (e.g. the Python import). */
  readonly signal?: AbortSignal;
}
