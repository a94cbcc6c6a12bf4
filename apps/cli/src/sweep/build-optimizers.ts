import {
  BruteForceSampler,
  CmaEsSampler,
  GridSampler,
  NSGAIISampler,
  QMCSampler,
  RandomSampler,
  TPESampler,
  HyperbandPruner,
  MedianPruner,
  NopPruner,
  PatientPruner,
  PercentilePruner,
  SuccessiveHalvingPruner,
  ThresholdPruner,
  WilcoxonPruner,
  type BasePruner,
  type BaseSampler,
  type PatientPrunerOptions,
  type PercentilePrunerOptions,
  type ThresholdPrunerOptions,
} from '@hyperopt/objective';
import type { SearchSpace } from '../config/search-space-schema.js';
import type { SweepConfig } from '../config/sweep-config-schema.js';
import { CliError } from '../errors.js';

type Options = Record<string, unknown>;

/** The grid of a search space, for GridSampler: every value of every parameter. */
export function gridOf(space: SearchSpace): Record<string, (string | number | boolean | null)[]> {
  const grid: Record<string, (string | number | boolean | null)[]> = {};
  for (const [name, spec] of Object.entries(space)) {
    if (spec.type === 'categorical') grid[name] = [...spec.choices];
    else if (spec.type === 'int' && !spec.log) grid[name] = Array.from({ length: Math.floor((spec.high - spec.low) / spec.step) + 1 }, (_, i) => spec.low + i * spec.step);
    else if (spec.type === 'float' && spec.step !== undefined) {
      const step = spec.step;
      grid[name] = Array.from({ length: Math.floor((spec.high - spec.low) / step + 1e-9) + 1 }, (_, i) => Number((spec.low + i * step).toPrecision(12)));
    } else {
      throw new CliError('CLI_CONFIG_INVALID', `the grid sampler needs a finite grid: give \`searchSpace.${name}\` a \`step\` (or make it categorical), got ${JSON.stringify(spec)}`);
    }
  }
  return grid;
}

/** The sampler the config asks for, with its options (Optuna's, camelCase); the grid defaults to the search space's values. */
export function buildSampler(config: SweepConfig): BaseSampler {
  const { type, ...options } = config.study.sampler;
  try {
    switch (type) {
      case 'random':
        return new RandomSampler(options);
      case 'tpe':
        return new TPESampler(options);
      case 'cmaes':
        return new CmaEsSampler(options);
      case 'qmc':
        return new QMCSampler(options);
      case 'nsga2':
        return new NSGAIISampler(options);
      case 'bruteforce':
        return new BruteForceSampler(options);
      case 'grid': {
        const { searchSpace, ...rest } = options as { searchSpace?: Record<string, (string | number | boolean | null)[]> };
        return new GridSampler(searchSpace ?? gridOf(config.searchSpace), rest);
      }
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError('CLI_CONFIG_INVALID', `\`study.sampler\` (${type}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The pruner the config asks for, with its options (Optuna's, camelCase). `patient` wraps `wrapped` (a pruner config, default median). */
export function buildPruner(config: SweepConfig): BasePruner {
  const { type, ...options } = config.study.pruner;
  try {
    switch (type) {
      case 'none':
        return new NopPruner();
      case 'median':
        return new MedianPruner(options);
      case 'percentile':
        return new PercentilePruner(options as unknown as PercentilePrunerOptions);
      case 'successive-halving':
        return new SuccessiveHalvingPruner(options);
      case 'hyperband':
        return new HyperbandPruner(options);
      case 'threshold':
        return new ThresholdPruner(options as unknown as ThresholdPrunerOptions);
      case 'wilcoxon':
        return new WilcoxonPruner(options);
      case 'patient': {
        const { wrapped, ...rest } = options as { wrapped?: Options };
        const inner = buildPruner({ ...config, study: { ...config.study, pruner: { type: 'median', ...(wrapped ?? {}) } } });
        return new PatientPruner(inner, rest as unknown as PatientPrunerOptions);
      }
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError('CLI_CONFIG_INVALID', `\`study.pruner\`: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
