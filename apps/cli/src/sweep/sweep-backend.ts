import type { SweepConfig } from '../config/sweep-config-schema.js';
import type { FitItem, FitResult } from './fit-result.js';

/** Hyperparameter values of one trial. */
export type TrialParams = Readonly<Record<string, string | number | boolean | null>>;

/** Runs fits for one trial's hyperparameters; created once per trial per process. */
export interface SweepTrialRunner {
  run(items: readonly FitItem[], signal: AbortSignal): Promise<FitResult[]>;
  close(): Promise<void>;
}

/** One equation of the benchmark, as the report shows it. */
export interface BenchmarkEquation {
  readonly id: string;
  readonly formula: string | null;
}

/** What the CLI needs of an SR backend: the benchmark's equations, and runners. */
export interface SweepBackend {
  /** The equations of the configured benchmark (throws CLI_CONFIG_INVALID for unknown ids or subsets). */
  equations(): readonly BenchmarkEquation[];
  /** A runner for one trial's params; `cacheDir` holds finished fits so no fit is redone. */
  createRunner(params: TrialParams, context: { readonly trialId: string; readonly cacheDir: string }): Promise<SweepTrialRunner>;
}

/** Builds a backend from the sweep config. */
export type SweepBackendFactory = (config: SweepConfig) => Promise<SweepBackend> | SweepBackend;

/** The (equation, run) items of a trial: every run of every equation. */
export function trialItems(config: SweepConfig, equations: readonly BenchmarkEquation[]): FitItem[] {
  const items: FitItem[] = [];
  for (const equation of equations) for (let run = 0; run < config.benchmark.runs; run++) items.push({ equation: equation.id, run });
  return items;
}
