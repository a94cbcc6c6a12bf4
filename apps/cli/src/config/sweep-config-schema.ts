import { z } from 'zod';
import { categoricalChoiceSchema, searchSpaceSchema } from './search-space-schema.js';

const direction = z.enum(['minimize', 'maximize']);

/** Sampler: a type and that sampler's options (Optuna's, in camelCase), passed to its constructor. */
export const samplerSchema = z
  .looseObject({
    type: z
      .enum(['tpe', 'random', 'cmaes', 'qmc', 'grid', 'nsga2', 'bruteforce'])
      .default('tpe')
      .describe('tpe (default), random, cmaes, qmc, grid, nsga2 (multi-objective) or bruteforce.'),
    seed: z
      .number()
      .int()
      .nonnegative()
      .max(2 ** 32 - 1)
      .optional()
      .describe('Seed for reproducible sampling, an integer in [0, 2^32) (the same seed gives Optuna 3.1\'s trials for tpe and random).'),
  })
  .describe('The sampler and its options, e.g. `{ type: tpe, seed: 0, nStartupTrials: 10, multivariate: true }`.');

/** Pruner: a type and that pruner's options (Optuna's, in camelCase). */
export const prunerSchema = z
  .looseObject({
    type: z
      .enum(['none', 'median', 'percentile', 'successive-halving', 'hyperband', 'threshold', 'patient', 'wilcoxon'])
      .default('median')
      .describe('median (default), none, percentile, successive-halving, hyperband, threshold, patient or wilcoxon.'),
  })
  .describe('The pruner and its options, e.g. `{ type: median, nStartupTrials: 5, nWarmupSteps: 0 }`.');

/** A metric computed from one trial's per-(equation, run) results. */
export const metricSchema = z
  .enum(['test_r2', 'train_r2', 'test_loss', 'solution_rate', 'complexity', 'wall_s'])
  .describe('test_r2: R² on held-out data; solution_rate: share of exact recoveries; test_loss; complexity; wall_s (fit time).');

/** How per-(equation, run) values are combined into one number. */
export const aggregationSchema = z
  .enum(['median-then-mean', 'mean', 'median'])
  .describe('median-then-mean (SRBench: per-equation median over runs, then mean over equations), mean or median over all fits.');

export const objectiveSchema = z
  .strictObject({
    metric: metricSchema.default('test_r2'),
    aggregation: aggregationSchema.default('median-then-mean'),
  })
  .describe('What a trial is scored on.');

export const studySchema = z
  .strictObject({
    name: z.string().min(1).default('hyperopt').describe('Study name in the journal.'),
    direction: direction.optional().describe('Single objective: minimize or maximize (default: follows the metric).'),
    directions: z.array(direction).min(2).optional().describe('Several objectives: one direction per entry of `objectives`.'),
    sampler: samplerSchema.prefault({}),
    pruner: prunerSchema.prefault({}),
    nTrials: z.number().int().positive().optional().describe('Stop after this many finished trials (counted across restarts).'),
    timeoutSeconds: z.number().positive().optional().describe('Stop starting new trials after this many seconds of this run.'),
  })
  .refine((s) => !(s.direction !== undefined && s.directions !== undefined), { message: 'give `direction` or `directions`, not both', path: ['directions'] })
  .describe('The Optuna study.');

export const benchmarkSchema = z
  .strictObject({
    suite: z.string().min(1).default('feynman').describe('Benchmark suite (feynman), or a path to a benchmark file.'),
    equations: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .default('quick')
      .describe('A named subset of the suite (e.g. `quick`, `all`) or a list of equation ids.'),
    runs: z.number().int().positive().default(1).describe('Runs (seeds) per equation.'),
    rows: z.number().int().positive().default(500).describe('Training rows per dataset.'),
    testRows: z.number().int().positive().optional().describe('Held-out rows per dataset (default: same as rows).'),
    noise: z.number().nonnegative().default(0).describe('Gaussian noise as a fraction of the target standard deviation.'),
    seed: z.number().int().nonnegative().default(0).describe('Base seed of data generation and fits.'),
  })
  .describe('Which equations every trial is scored on.');

export const backendSchema = z
  .strictObject({
    name: z.enum(['native', 'pysr']).default('native').describe('native (built in, default) or pysr (needs Python + PySR).'),
    options: z.record(z.string(), z.unknown()).default({}).describe('Fixed hyperparameters of every fit (e.g. niterations, procs, timeoutInSeconds).'),
    fitTimeLimitSeconds: z.number().positive().default(300).describe('Wall-clock limit per fit; a fit over it is recorded as failed.'),
    concurrency: z.number().int().positive().default(1).describe('Fits run at the same time in each process.'),
    python: z.string().optional().describe('Python executable with PySR (pysr backend; default $HYPEROPT_PYTHON or /usr/bin/python3).'),
    pythonPath: z.array(z.string()).default([]).describe('Folders prepended to PYTHONPATH for the pysr backend.'),
  })
  .describe('The SR engine.');

export const executionSchema = z
  .strictObject({
    sweepDir: z.string().min(1).default('./sweep').describe('Sweep directory shared by master and workers (relative to the config file).'),
    subBatchSize: z.number().int().positive().default(1).describe('(equation, run) items claimed at once; results are reported after each.'),
    heartbeatIntervalSeconds: z.number().positive().default(10).describe('How often each process writes its heartbeat.'),
    heartbeatTimeoutSeconds: z.number().positive().default(60).describe('A process silent for this long is dead; its unfinished items are redone.'),
    sharing: z.enum(['private', 'group']).default('private').describe('File permissions of the sweep directory: private (0600) or group.'),
    maxRetries: z.number().int().nonnegative().default(3).describe('How many times an interrupted or failed trial is re-run with the same params.'),
  })
  .describe('How the sweep runs.');

/** The whole sweep config file. Defaults live here and nowhere else. */
export const sweepConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    study: studySchema.prefault({}),
    benchmark: benchmarkSchema.prefault({}),
    backend: backendSchema.prefault({}),
    searchSpace: searchSpaceSchema,
    baselines: z
      .array(z.record(z.string(), categoricalChoiceSchema))
      .default([])
      .describe('Trials enqueued once per study with these params (e.g. PySR defaults), run before sampled ones.'),
    objective: z.union([objectiveSchema, z.array(objectiveSchema).min(2)]).prefault({}).describe('One objective, or a list matching `study.directions`.'),
    execution: executionSchema.prefault({}),
  })
  .superRefine((config, ctx) => {
    const multi = Array.isArray(config.objective);
    if (multi && config.study.directions !== undefined && config.study.directions.length !== (config.objective as unknown[]).length) {
      ctx.addIssue({ code: 'custom', path: ['study', 'directions'], message: `expected one direction per objective (${(config.objective as unknown[]).length}), got ${JSON.stringify(config.study.directions)}`, input: config.study.directions });
    }
    if (!multi && config.study.directions !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['objective'], message: 'several `study.directions` need a list of objectives', input: config.objective });
    }
    for (const [index, baseline] of config.baselines.entries()) {
      for (const [name, value] of Object.entries(baseline)) {
        const spec = config.searchSpace[name];
        if (spec === undefined) {
          ctx.addIssue({ code: 'custom', path: ['baselines', index, name], message: `baseline parameter \`${name}\` is not in \`searchSpace\`` });
        } else if (spec.type === 'categorical' ? !spec.choices.includes(value) : typeof value !== 'number' || value < spec.low || value > spec.high || (spec.type === 'int' && !Number.isInteger(value))) {
          const expected = spec.type === 'categorical' ? `one of ${JSON.stringify(spec.choices)}` : `${spec.type === 'int' ? 'an integer' : 'a number'} in [${spec.low}, ${spec.high}]`;
          ctx.addIssue({ code: 'custom', path: ['baselines', index, name], message: `expected ${expected} (the search space of \`${name}\`)`, input: value });
        }
      }
    }
  })
  .describe('A hyperopt sweep: an Optuna study whose trials are scored on a symbolic-regression benchmark.');

/** The sweep config as written in the file (before defaults). */
export type SweepConfigInput = z.input<typeof sweepConfigSchema>;
/** The sweep config with every default applied. */
export type SweepConfig = z.infer<typeof sweepConfigSchema>;
export type ObjectiveSpec = z.infer<typeof objectiveSchema>;
export type Metric = z.infer<typeof metricSchema>;
export type Aggregation = z.infer<typeof aggregationSchema>;
export type Direction = z.infer<typeof direction>;

/** The natural direction of each metric. */
export const metricDirections: Record<Metric, Direction> = {
  test_r2: 'maximize',
  train_r2: 'maximize',
  solution_rate: 'maximize',
  test_loss: 'minimize',
  complexity: 'minimize',
  wall_s: 'minimize',
};

/** The study's directions, one per objective (a single direction defaults to the metric's). */
export function studyDirections(config: SweepConfig): Direction[] {
  if (Array.isArray(config.objective)) return config.study.directions ?? config.objective.map((o) => metricDirections[o.metric]);
  return [config.study.direction ?? metricDirections[config.objective.metric]];
}

/** The objectives as a list. */
export function objectiveList(config: SweepConfig): ObjectiveSpec[] {
  return Array.isArray(config.objective) ? config.objective : [config.objective];
}
