import { isAbsolute, resolve } from 'node:path';
import {
  BENCH_FEYNMAN_EQUATION_IDS,
  FEYNMAN_BENCHMARK,
  QUICK_FEYNMAN_EQUATION_IDS,
  createRunner,
  feynmanSubset,
  loadBenchmarkFile,
  type Benchmark,
  type RunOutcome,
} from '@hyperopt/sr-runner';
import type { SweepConfig } from '../config/sweep-config-schema.js';
import { CliError } from '../errors.js';
import type { FitResult } from './fit-result.js';
import type { SweepBackend } from './sweep-backend.js';

/** Named subsets of the Feynman suite. */
export const feynmanSubsets: Readonly<Record<string, readonly string[] | 'all'>> = {
  quick: QUICK_FEYNMAN_EQUATION_IDS,
  bench: BENCH_FEYNMAN_EQUATION_IDS,
  all: 'all',
};

/** The benchmark a config names: a Feynman subset or id list, or a benchmark file. */
export async function resolveBenchmark(config: SweepConfig, baseDir: string): Promise<Benchmark> {
  const { suite, equations } = config.benchmark;
  let full: Benchmark;
  if (suite === 'feynman') full = FEYNMAN_BENCHMARK;
  else {
    try {
      full = await loadBenchmarkFile(isAbsolute(suite) ? suite : resolve(baseDir, suite));
    } catch (error) {
      throw new CliError('CLI_CONFIG_INVALID', `\`benchmark.suite\`: expected "feynman" or a benchmark file, got ${JSON.stringify(suite)} (${(error as Error).message})`, { cause: error });
    }
  }
  if (typeof equations === 'string') {
    if (equations === 'all') return full;
    const subset = suite === 'feynman' ? feynmanSubsets[equations] : undefined;
    if (subset === undefined || subset === 'all') {
      throw new CliError('CLI_CONFIG_INVALID', `\`benchmark.equations\`: expected a subset name (${suite === 'feynman' ? Object.keys(feynmanSubsets).join(', ') : 'all'}) or a list of ids, got ${JSON.stringify(equations)}`);
    }
    return feynmanSubset(subset, `feynman-${equations}`);
  }
  const byId = new Map(full.equations.map((e) => [e.id, e]));
  const picked = equations.map((id) => {
    const found = byId.get(id) ?? (suite === 'feynman' ? tryFeynman(id) : undefined);
    if (found === undefined) throw new CliError('CLI_CONFIG_INVALID', `\`benchmark.equations\`: unknown equation id ${JSON.stringify(id)} in suite ${JSON.stringify(suite)}`);
    return found;
  });
  return { name: `${full.name}-subset`, equations: picked };
}

function tryFeynman(id: string): Benchmark['equations'][number] | undefined {
  try {
    return feynmanSubset([id]).equations[0];
  } catch {
    return undefined;
  }
}

/** Converts a runner result to the CLI's record; a fit cancelled by the signal is not a result. */
export function toFitResult(outcome: RunOutcome): FitResult | undefined {
  if (outcome.error?.isCanceled === true) return undefined;
  return {
    equation: outcome.equationId,
    run: outcome.run,
    testR2: outcome.testR2,
    trainR2: outcome.trainR2,
    testLoss: outcome.testLoss,
    exact: outcome.exactRecovery === true,
    complexity: outcome.complexity,
    wallS: outcome.wallMs / 1000,
    expression: outcome.expression,
    error: outcome.error === null ? null : `${outcome.error.code}: ${outcome.error.message}`,
  };
}

/**
 * The sweep backend over @hyperopt/sr-runner: one SRBatchRunner per trial and process,
 * created from the fixed backend options plus the trial's hyperparameters, with the
 * sweep's result cache (finished fits are never redone).
 */
export async function createSrRunnerBackend(config: SweepConfig, baseDir: string = process.cwd()): Promise<SweepBackend> {
  const benchmark = await resolveBenchmark(config, baseDir);
  const { rows, testRows, noise, seed } = config.benchmark;
  const test = testRows ?? rows;
  return {
    equations: () => benchmark.equations.map((e) => ({ id: e.id, formula: e.formula ?? null })),
    createRunner: async (params, { cacheDir }) => {
      const runner = await createRunner({
        benchmark,
        backend: config.backend.name,
        hyperparameters: { ...config.backend.options, ...params },
        cacheDir,
        rows: rows + test,
        testFraction: test / (rows + test),
        noise,
        baseSeed: seed,
        timeLimitMs: config.backend.fitTimeLimitSeconds * 1000,
        concurrency: config.backend.concurrency,
        pysr: { pythonPath: config.backend.pythonPath, ...(config.backend.python === undefined ? {} : { python: config.backend.python }) },
      });
      return {
        run: async (items, signal) => {
          const outcomes = await runner.runEquations(
            items.map((i) => ({ equationId: i.equation, run: i.run })),
            { signal },
          );
          return outcomes.map(toFitResult).filter((r): r is FitResult => r !== undefined);
        },
        close: () => runner.close(),
      };
    },
  };
}
