import * as objective from '@hyperopt/objective';
import {
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
type SamplerClass = new (options: Options) => BaseSampler;

const samplerClasses: Record<SweepConfig['study']['sampler']['type'], string> = {
  random: 'RandomSampler',
  tpe: 'TPESampler',
  cmaes: 'CmaEsSampler',
  qmc: 'QMCSampler',
  grid: 'GridSampler',
  nsga2: 'NSGAIISampler',
  bruteforce: 'BruteForceSampler',
};

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

/** The sampler the config asks for, with its options. */
export function buildSampler(config: SweepConfig): BaseSampler {
  const { type, ...options } = config.study.sampler;
  const className = samplerClasses[type];
  const Class = exported<SamplerClass>(className, 'study.sampler.type', type);
  const withGrid = type === 'grid' && options.searchSpace === undefined ? { ...options, searchSpace: gridOf(config.searchSpace) } : options;
  try {
    return new Class(withGrid);
  } catch (error) {
    throw new CliError('CLI_CONFIG_INVALID', `\`study.sampler\`: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function exported<T>(className: string, field: string, type: string): T {
  const value = (objective as unknown as Record<string, unknown>)[className];
  if (typeof value !== 'function') {
    throw new CliError('CLI_CONFIG_INVALID', `\`${field}\`: ${JSON.stringify(type)} (${className}) is not available in this build of @hyperopt/objective`);
  }
  return value as T;
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
