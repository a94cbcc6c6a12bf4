/**
 * Differential test of whole TPE studies against Python Optuna 3.1 (Debian's python3-optuna,
 * numpy 1.24), for the features tpe-stream-vs-optuna.slow.test.ts leaves out: `group` on a
 * conditional space, `constantLiar` (sequential, and three trials asked before any is told),
 * pruned trials (MedianPruner on a synthetic learning curve), `constraintsFunc`,
 * multi-objective TPE (2 objectives, with and without constraints, also over discrete
 * parameters; 3 objectives), and non-default
 * `considerEndpoints`, `priorWeight`, `nEICandidates` and `gamma`.
 *
 * test/python/tpe_features_reference.py runs each case of CASES with Optuna's
 * TPESampler(seed=s, ...) for seeds 0–2 and records every trial's state, params and values;
 * we drive the same studies in the same interleaving of ask, suggest and tell, and compare
 * every trial as the stream test does: states exactly, floats to FLOAT_TOL of their range
 * (log range for log parameters), ints and categoricals exactly, the values, and the
 * constraint values stored in the system attrs.
 *
 * The one difference allowed is the stream test's: an exact tie between TPE's best candidates
 * (a lone categorical whose choices were seen equally often), which Optuna breaks by
 * numpy/OpenBLAS rounding. It counts only where the Python side recorded that exact tie at
 * that trial between its winner and candidates holding our value, and only if it is listed
 * in EXPECTED_DIVERGENCES, so a new one fails the test until someone looks at it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FrozenTrial } from '../src/frozen-trial.js';
import { MedianPruner } from '../src/pruners/median-pruner.js';
import { NopPruner } from '../src/pruners/nop-pruner.js';
import { PROBLEMS } from '../src/samplers/test-support/problems.js';
import { TPESampler, type TPESamplerOptions } from '../src/samplers/tpe/tpe-sampler.js';
import type { StudyDirection } from '../src/study-direction.js';
import { createStudy } from '../src/study/study-registry.js';
import type { Trial } from '../src/trial/trial.js';
import { compareParam, expectOnlyListedDivergences, explainedByExactTie, nearTiesSchema, type Comparison } from './support/optuna-replay.js';
import { hasOptuna, runPython } from './support/python.js';

const N_TRIALS = 70;
const SEEDS = [0, 1, 2];
/** As in tpe-stream-vs-optuna.slow.test.ts: floats agree to this fraction of their range. */
const FLOAT_TOL = 1e-9;
const ROUNDING_TOL = 1e-13;
/**
 * Runs whose floats agree less closely than ROUNDING_TOL, with where and by how much (a
 * bound on the measured worst). mo/zdt/0, trial 45, x0: a kernel sample at the standard
 * quantile x ≈ 4.0049 (q = 0.99996 of [−0.568, 6.432]), inside [1, 6] where
 * truncnorm-ppf.ts reproduces the edge of Optuna's coarse log Φ step: in 50-digit
 * arithmetic the exact sample is 0.65328520346310454, Optuna's 0.6532852034630501 (5e-14
 * off), ours 0.6532852034634128 (3.1e-13 off) — a rounding of our quantile, not a
 * different trial.
 */
const ROUNDING_EXCEPTIONS: Record<string, { at: string; below: number }> = {
  'mo/zdt/0': { at: '45:x0', below: 5e-13 },
};
/** Runs (case/seed@trial) that part from Optuna at an exact tie broken by rounding (see the module comment). */
const EXPECTED_DIVERGENCES: Record<string, 'exact-tie'> = {
  // `kind` ('a' or 'b', a group of its own) seen 5 times in each estimator at TPE's first trial.
  'group/conditional/2@10': 'exact-tie',
  // `kind` of `mixed`: the same tie as tpe/mixed/1@26 of the stream test (the current
  // RUNNING trial has no `kind` yet, so the liar changes nothing there).
  'liar/mixed/1@26': 'exact-tie',
  // `kind` of `mixed`, 'a' and 'd' tied, with two RUNNING trials in the study.
  'liar-batch3/mixed/1@20': 'exact-tie',
  // `kind` of zdt_mixed, 'b' and 'c' tied exactly (their float scores bitwise equal on
  // Optuna's side, where numpy's argmax takes the first; ours differ in the last bit).
  'mo-discrete/zdt_mixed/0@17': 'exact-tie',
};

/** An objective's result: a value, values (multi-objective), or undefined when pruned. */
type Objective = (trial: Trial) => number | number[] | undefined;

// The problems below are tpe_features_reference.py's, with the same suggestion order.
const conditional: Objective = (t) => {
  const kind = t.suggestCategorical('kind', ['a', 'b']);
  if (kind === 'a') {
    const x = t.suggestFloat('xa', -5, 5);
    const y = t.suggestFloat('ya', -5, 5);
    return (x - 1) ** 2 + (y + 2) ** 2 + 0.5;
  }
  const lr = t.suggestFloat('lr', 1e-3, 10, { log: true });
  const n = t.suggestInt('n', 0, 12);
  return (Math.log10(lr) - 0.5) ** 2 + ((n - 4) / 3) ** 2;
};

const curve: Objective = (t) => {
  const lr = t.suggestFloat('lr', 1e-4, 1, { log: true });
  const width = t.suggestInt('width', 1, 16);
  const drop = t.suggestFloat('drop', 0, 0.5);
  const final = (Math.log10(lr) + 2) ** 2 + (width - 9) ** 2 / 20 + 4 * (drop - 0.2) ** 2;
  for (let step = 0; step < 8; step++) {
    t.report(final + (2 + drop) / (step + 1), step);
    if (t.shouldPrune()) return undefined;
  }
  return final;
};

const zdt: Objective = (t) => {
  const x = [0, 1, 2].map((i) => t.suggestFloat(`x${i}`, 0, 1)) as [number, number, number];
  const g = 1 + (9 * (x[1] + x[2])) / 2;
  return [x[0], -g * (1 - Math.sqrt(x[0] / g))];
};

const dtlz2: Objective = (t) => {
  const x = [0, 1, 2, 3].map((i) => t.suggestFloat(`x${i}`, 0, 1)) as [number, number, number, number];
  const g = (x[2] - 0.5) ** 2 + (x[3] - 0.5) ** 2;
  const a = (x[0] * Math.PI) / 2;
  const b = (x[1] * Math.PI) / 2;
  return [(1 + g) * Math.cos(a) * Math.cos(b), (1 + g) * Math.cos(a) * Math.sin(b), (1 + g) * Math.sin(a)];
};

const zdtMixed: Objective = (t) => {
  const x0 = t.suggestFloat('x0', 0, 1);
  const lr = t.suggestFloat('lr', 1e-3, 1, { log: true });
  const n = t.suggestInt('n', 0, 10);
  const kind = t.suggestCategorical('kind', ['a', 'b', 'c']);
  const g = 1 + (9 * ((Math.log10(lr) + 3) / 3 + n / 10)) / 2 + ({ a: 0, b: 0.5, c: 1 } as Record<string, number>)[kind as string]!;
  return [x0, g * (1 - Math.sqrt(x0 / g))];
};

const braninConstraints = (trial: FrozenTrial): number[] => {
  const x1 = trial.params.x1 as number;
  const x2 = trial.params.x2 as number;
  return [x1 + x2 - 8, 2 - x2];
};

const zdtConstraints = (trial: FrozenTrial): number[] => [(trial.params.x1 as number) + (trial.params.x2 as number) - 0.6, 0.1 - (trial.params.x0 as number)];

const problem = (name: string): Objective => {
  const found = PROBLEMS.find((p) => p.name === name);
  if (found === undefined) throw new Error(`unknown problem ${name}`);
  return found.fn;
};

const OPTIONS: TPESamplerOptions = {
  considerEndpoints: true,
  priorWeight: 2,
  nEICandidates: 10,
  gamma: (n) => Math.min(Math.ceil(0.25 * n), 25),
};

interface Case {
  options: TPESamplerOptions;
  objective: Objective;
  drive: 'sequential' | 'batch3' | 'pruned';
  directions?: StudyDirection[];
}

/** tpe_features_reference.py's CASES. */
const CASES: Record<string, Case> = {
  'group/conditional': { options: { multivariate: true, group: true }, objective: conditional, drive: 'sequential' },
  'liar/mixed': { options: { constantLiar: true }, objective: problem('mixed'), drive: 'sequential' },
  'liar-batch3/mixed': { options: { constantLiar: true }, objective: problem('mixed'), drive: 'batch3' },
  'liar-batch3-multivariate/branin': { options: { constantLiar: true, multivariate: true }, objective: problem('branin'), drive: 'batch3' },
  'pruned/curve': { options: {}, objective: curve, drive: 'pruned' },
  'pruned-multivariate/curve': { options: { multivariate: true }, objective: curve, drive: 'pruned' },
  'constraints/branin': { options: { constraintsFunc: braninConstraints }, objective: problem('branin'), drive: 'sequential' },
  'constraints-multivariate/branin': { options: { constraintsFunc: braninConstraints, multivariate: true }, objective: problem('branin'), drive: 'sequential' },
  'mo/zdt': { options: {}, objective: zdt, drive: 'sequential', directions: ['minimize', 'maximize'] as StudyDirection[] },
  'mo-multivariate/zdt': { options: { multivariate: true }, objective: zdt, drive: 'sequential', directions: ['minimize', 'maximize'] as StudyDirection[] },
  'mo-constraints/zdt': { options: { constraintsFunc: zdtConstraints }, objective: zdt, drive: 'sequential', directions: ['minimize', 'maximize'] as StudyDirection[] },
  'mo3/dtlz2': { options: {}, objective: dtlz2, drive: 'sequential', directions: ['minimize', 'minimize', 'minimize'] as StudyDirection[] },
  'mo-discrete/zdt_mixed': { options: {}, objective: zdtMixed, drive: 'sequential', directions: ['minimize', 'minimize'] as StudyDirection[] },
  'mo-discrete-multivariate/zdt_mixed': { options: { multivariate: true }, objective: zdtMixed, drive: 'sequential', directions: ['minimize', 'minimize'] as StudyDirection[] },
  'options/mixed': { options: OPTIONS, objective: problem('mixed'), drive: 'sequential' },
  'options-multivariate/branin': { options: { ...OPTIONS, multivariate: true }, objective: problem('branin'), drive: 'sequential' },
};

const runSchema = z.object({
  case: z.string(),
  seed: z.number().int(),
  trials: z.array(
    z.object({
      number: z.number().int(),
      state: z.enum(['COMPLETE', 'PRUNED']),
      params: z.record(z.string(), z.union([z.number(), z.string()])),
      values: z.array(z.number()).nullable(),
      constraints: z.array(z.number()).nullable(),
    }),
  ),
  nearTies: nearTiesSchema,
});
const referenceSchema = z.object({ optuna: z.string(), numpy: z.string(), runs: z.array(runSchema) });
type Run = z.infer<typeof runSchema>;

/** Runs a case as the Python side does: same asks, suggestions and tells, in the same order. */
function runCase(c: Case, seed: number, nTrials: number): readonly FrozenTrial[] {
  const study = createStudy({
    sampler: new TPESampler({ ...c.options, seed }),
    pruner: c.drive === 'pruned' ? new MedianPruner({ nStartupTrials: 5, nWarmupSteps: 1 }) : new NopPruner(),
    ...(c.directions ? { directions: c.directions } : {}),
  });
  const batch = c.drive === 'batch3' ? 3 : 1;
  let n = 0;
  while (n < nTrials) {
    const asked: Trial[] = [];
    for (let i = 0; i < batch && n < nTrials; i++, n++) asked.push(study.ask());
    const results = asked.map((trial) => c.objective(trial));
    asked.forEach((trial, i) => {
      const result = results[i];
      study.tell(trial, result === undefined ? 'PRUNED' : result);
    });
  }
  return study.getTrials();
}

function compareRun(ref: Run): Comparison {
  const c = CASES[ref.case];
  if (c === undefined) throw new Error(`unknown case ${ref.case}`);
  const trials = runCase(c, ref.seed, ref.trials.length);
  let maxRelative = 0;
  let worstAt: string | undefined;
  for (let t = 0; t < ref.trials.length; t++) {
    const theirs = ref.trials[t] as Run['trials'][number];
    const trial = trials[t];
    if (trial === undefined) return { firstDifference: { trial: t, what: 'missing trial' }, maxRelative };
    const ours = trial.params;
    // Parameters both trials have first, in Optuna's suggestion order: on a conditional
    // space the first one that differs (say `kind`) is why the names differ.
    for (const [name, expected] of Object.entries(theirs.params)) {
      if (!(name in ours)) continue;
      const result = compareParam(trial, t, name, expected, FLOAT_TOL);
      if ('difference' in result) return { firstDifference: result.difference, maxRelative };
      if (result.relative > maxRelative) worstAt = `${t}:${name} ${String(ours[name])} vs ${expected}`;
      maxRelative = Math.max(maxRelative, result.relative);
    }
    const names = (o: object): string => Object.keys(o).sort().join();
    if (names(ours) !== names(theirs.params)) {
      return { firstDifference: { trial: t, what: `names ${names(ours)} vs ${names(theirs.params)}` }, maxRelative };
    }
    if (trial.state !== theirs.state) return { firstDifference: { trial: t, what: `state ${trial.state} vs ${theirs.state}` }, maxRelative };
    const values = trial.values ?? [];
    const expectedValues = theirs.values ?? [];
    const same =
      values.length === expectedValues.length &&
      values.every((v, i) => Math.abs(v - (expectedValues[i] as number)) <= 1e-8 * Math.max(1, Math.abs(expectedValues[i] as number)));
    if (!same) return { firstDifference: { trial: t, what: `values ${values.join()} vs ${expectedValues.join()}` }, maxRelative };
    const constraints = trial.systemAttrs.constraints;
    const sameConstraints =
      theirs.constraints === null
        ? constraints === undefined
        : Array.isArray(constraints) &&
          constraints.length === theirs.constraints.length &&
          theirs.constraints.every((v, i) => Math.abs((constraints[i] as number) - v) <= 1e-8 * Math.max(1, Math.abs(v)));
    if (!sameConstraints) return { firstDifference: { trial: t, what: `constraints ${JSON.stringify(constraints)} vs ${JSON.stringify(theirs.constraints)}` }, maxRelative };
  }
  return { firstDifference: undefined, maxRelative, ...(worstAt === undefined ? {} : { worstAt }) };
}

describe.runIf(hasOptuna())('TPESampler features replay Optuna 3.1 studies trial by trial', () => {
  let runs: Run[] = [];
  const results = new Map<Run, Comparison>();

  beforeAll(async () => {
    const ref = referenceSchema.parse(JSON.parse(await runPython('tpe_features_reference.py', [String(N_TRIALS), SEEDS.join(',')])));
    expect(ref.optuna.startsWith('3.1')).toBe(true);
    runs = ref.runs;
    for (const run of runs) results.set(run, compareRun(run));
  }, 300_000);

  const label = (run: Run): string => `${run.case}/${run.seed}`;

  it.each(Object.keys(CASES))('%s: every trial of seeds 0–2', (name) => {
    const selected = runs.filter((run) => run.case === name);
    expect(selected).toHaveLength(SEEDS.length);
    expectOnlyListedDivergences(selected, (run) => (results.get(run) as Comparison).firstDifference, label, EXPECTED_DIVERGENCES, (run, _kind, difference) =>
      explainedByExactTie(run.nearTies, difference),
    );
  });

  it('exercises the features: pruned trials, infeasible and feasible trials', () => {
    const count = (prefix: string, keep: (trial: Run['trials'][number]) => boolean): number =>
      runs.filter((run) => run.case.startsWith(prefix)).reduce((n, run) => n + run.trials.filter(keep).length, 0);
    expect(count('pruned', (t) => t.state === 'PRUNED')).toBeGreaterThan(100);
    for (const prefix of ['constraints', 'mo-constraints']) {
      expect(count(prefix, (t) => (t.constraints ?? []).some((c) => c > 0))).toBeGreaterThan(30);
      expect(count(prefix, (t) => t.constraints !== null && t.constraints.every((c) => c <= 0))).toBeGreaterThan(30);
    }
  });

  it('lists only divergences that still happen', () => {
    const happened = runs.flatMap((run) => {
      const d = results.get(run)?.firstDifference;
      return d === undefined ? [] : [`${label(run)}@${d.trial}`];
    });
    expect(happened.sort()).toEqual(Object.keys(EXPECTED_DIVERGENCES).sort());
  });

  it(`agrees to rounding: floats within ${ROUNDING_TOL} of their range over all compared trials`, () => {
    let worst = 0;
    const exceptions: Record<string, { at: string; below: number }> = {};
    for (const [run, comparison] of results) {
      const exception = ROUNDING_EXCEPTIONS[label(run)];
      if (exception === undefined) worst = Math.max(worst, comparison.maxRelative);
      else {
        expect(comparison.maxRelative).toBeLessThan(exception.below);
        exceptions[label(run)] = { at: (comparison.worstAt ?? '').split(' ')[0] as string, below: exception.below };
      }
    }
    expect(worst).toBeLessThan(ROUNDING_TOL);
    // Each exception still happens where it was measured.
    expect(exceptions).toEqual(ROUNDING_EXCEPTIONS);
  });
});
