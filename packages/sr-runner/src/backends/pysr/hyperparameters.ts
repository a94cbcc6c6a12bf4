import { SrRunnerError } from '../../errors.js';

/**
 * PySRRegressor keyword names (PySR 1.x) that hyperopt passes through. Our names are
 * the camelCase forms (`populationSize` → `population_size`). The driver sets
 * `random_state` and `timeout_in_seconds` itself for every fit.
 */
export const PYSR_PARAMETER_NAMES = [
  'binary_operators', 'unary_operators', 'operators', 'maxsize', 'maxdepth', 'niterations', 'populations',
  'population_size', 'max_evals', 'timeout_in_seconds', 'ncycles_per_iteration', 'elementwise_loss', 'loss_function',
  'model_selection', 'dimensional_constraint_penalty', 'dimensionless_constants_only', 'complexity_of_operators',
  'complexity_of_constants', 'complexity_of_variables', 'parsimony', 'constraints', 'nested_constraints',
  'adaptive_parsimony_scaling', 'use_frequency', 'use_frequency_in_tournament', 'should_simplify', 'alpha', 'annealing',
  'early_stop_condition', 'batching', 'batch_size', 'warmup_maxsize_by', 'weight_add_node', 'weight_insert_node',
  'weight_delete_node', 'weight_do_nothing', 'weight_mutate_constant', 'weight_mutate_operator', 'weight_swap_operands',
  'weight_rotate_tree', 'weight_randomize', 'weight_simplify', 'weight_optimize', 'crossover_probability',
  'skip_mutation_failures', 'migration', 'hof_migration', 'fraction_replaced', 'fraction_replaced_hof', 'topn',
  'should_optimize_constants', 'optimizer_algorithm', 'optimizer_nrestarts', 'optimizer_f_calls_limit',
  'optimize_probability', 'optimizer_iterations', 'perturbation_factor', 'probability_negate_constant',
  'tournament_selection_n', 'tournament_selection_p', 'parallelism', 'procs', 'heap_size_hint_in_bytes', 'precision',
  'turbo', 'bumper', 'deterministic', 'verbosity', 'update_verbosity', 'progress', 'denoise', 'select_k_features',
  'extra_sympy_mappings', 'output_directory', 'temp_equation_file', 'delete_tempfiles',
] as const;

const KNOWN = new Set<string>(PYSR_PARAMETER_NAMES);

/** `populationSize` → `population_size`, `tournamentSelectionN` → `tournament_selection_n`. */
export function toSnakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();
}

/**
 * Maps hyperopt's camelCase hyperparameters to PySRRegressor keywords. Names that
 * PySR does not know are rejected (typos would otherwise be silently ignored), unless
 * listed in `passThrough` (sent as given, for newer PySR options).
 */
export function toPySRParams(hyperparameters: Readonly<Record<string, unknown>>, passThrough: readonly string[] = []): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(hyperparameters)) {
    if (value === undefined) continue;
    if (passThrough.includes(name)) {
      params[name] = value;
      continue;
    }
    const snake = toSnakeCase(name);
    if (snake === 'random_state' || snake === 'timeout_in_seconds') continue;
    if (!KNOWN.has(snake)) {
      throw new SrRunnerError(
        'SR_RUNNER_INVALID_OPTIONS',
        `hyperparameter \`${name}\` (PySR keyword \`${snake}\`) is not a PySRRegressor parameter hyperopt knows; got value ${JSON.stringify(value)} (list it in \`pysr.passThrough\` to send it anyway)`,
      );
    }
    params[snake] = value;
  }
  return params;
}
