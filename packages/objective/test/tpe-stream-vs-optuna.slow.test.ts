/**
 * Differential test of whole studies against Python Optuna 3.1 (Debian's python3-optuna,
 * numpy 1.24): with the same seed, our TPESampler (univariate and multivariate) and
 * RandomSampler must suggest Optuna's parameters trial after trial.
 *
 * test/python/tpe_stream_reference.py runs Optuna's TPESampler(seed=s),
 * TPESampler(seed=s, multivariate=True) and RandomSampler(seed=s) for N_TRIALS trials on
 * the benchmark problems (branin, rosenbrock, styblinski_tang, mixed: the same
 * definitions and suggestion order as src/samplers/test-support/problems.ts) with seeds
 * 0–2, and records every trial's params and value. We run the same studies and compare
 * every trial: floats to FLOAT_TOL of their range (log range for log parameters), ints and
 * categoricals exactly, and the objective values too.
 *
 * The one difference allowed, and only where it is proven: when TPE's best candidates tie
 * exactly — in exact arithmetic on the estimator's model, choices of a lone categorical
 * seen equally often in the good and the bad trials score the same — Optuna's pick among
 * them is decided by float rounding inside numpy/OpenBLAS (row normalisation and a BLAS
 * dot product whose summation order depends on the CPU's kernel), which we cannot
 * reproduce. Such a trial counts as explained only if the Python side recorded, at that
 * trial and for that parameter, an exact tie (`exactTie`) between Optuna's winner and
 * candidates holding our value; the studies part ways there, so the run is compared up to
 * that trial. Every explained divergence is listed in EXPECTED_DIVERGENCES, so a new one
 * fails the test until someone looks at it.
 *
 * A second kind is kept as a category but no longer happens: on `ints` (integer ranges
 * with an odd number of values, so the Parzen prior's centre is a grid value) numpy's
 * quicksort can put the prior's centre before an observed centre equal to it, which
 * changes which tied kernel gets which bandwidth; numpyCentreOrder hands the kernels that
 * whole order and parzen-kernels.ts takes it as is. Such a run would count as explained
 * only if it agreed up to the first trial where the Python side saw numpy do so
 * (`firstPriorBeforeEqual`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { BaseSampler } from '../src/samplers/base-sampler.js';
import { RandomSampler } from '../src/samplers/random-sampler.js';
import { runStudy } from '../src/samplers/test-support/run-study.js';
import { PROBLEMS, type Problem } from '../src/samplers/test-support/problems.js';
import { TPESampler } from '../src/samplers/tpe/tpe-sampler.js';
import { compareParam, expectOnlyListedDivergences, explainedByExactTie, nearTiesSchema, type Comparison } from './support/optuna-replay.js';
import { hasOptuna, runPython } from './support/python.js';

const N_TRIALS = 100;
const SEEDS = [0, 1, 2];
/**
 * Agreement of float parameters, as a fraction of the parameter's range (of its log range
 * for log parameters): a trial whose floats differ by more is a different trial. Both sides
 * compute the same formulas and differ by rounding only (our truncated-normal quantile is
 * solved by Newton steps, Optuna's by bisection, on log Φ from different erfc code); the
 * last test holds the measured worst case to ROUNDING_TOL.
 */
const FLOAT_TOL = 1e-9;
const ROUNDING_TOL = 1e-13;
/** Runs (sampler/problem/seed@trial) that part from Optuna, and why (see the module comment). */
const EXPECTED_DIVERGENCES: Record<string, 'exact-tie' | 'prior-before-equal'> = {
  'tpe/mixed/1@26': 'exact-tie',
};

/** Integer parameters whose Parzen prior centre is a grid value; tpe_stream_reference.py defines the same. */
const ints: Problem = {
  name: 'ints',
  optimum: 0,
  fn: (t) => {
    const k = t.suggestInt('k', 0, 10);
    const m = t.suggestInt('m', -20, 20, { step: 2 });
    const x = t.suggestFloat('x', -1, 1);
    return (k - 7) ** 2 + (m - 6) ** 2 / 10 + x * x;
  },
};
const ALL_PROBLEMS = [...PROBLEMS, ints];

const runSchema = z.object({
  sampler: z.enum(['tpe', 'tpe_multivariate', 'random']),
  problem: z.string(),
  seed: z.number().int(),
  params: z.array(z.record(z.string(), z.union([z.number(), z.string()]))),
  values: z.array(z.number()),
  firstTieReorder: z.number().int().nullable(),
  firstPriorBeforeEqual: z.number().int().nullable(),
  nearTies: nearTiesSchema,
});
const referenceSchema = z.object({ optuna: z.string(), numpy: z.string(), runs: z.array(runSchema) });
type Run = z.infer<typeof runSchema>;

function makeSampler(name: Run['sampler'], seed: number): BaseSampler {
  if (name === 'tpe') return new TPESampler({ seed });
  if (name === 'tpe_multivariate') return new TPESampler({ seed, multivariate: true });
  return new RandomSampler({ seed });
}

function compareRun(ref: Run): Comparison {
  const problem = ALL_PROBLEMS.find((p) => p.name === ref.problem);
  if (problem === undefined) throw new Error(`unknown problem ${ref.problem}`);
  const study = runStudy(makeSampler(ref.sampler, ref.seed), problem.fn, ref.params.length);
  const trials = study.getTrials();
  let maxRelative = 0;
  for (let t = 0; t < ref.params.length; t++) {
    const theirs = ref.params[t] as Record<string, number | string>;
    const trial = trials[t];
    if (trial === undefined) return { firstDifference: { trial: t, what: 'missing trial' }, maxRelative };
    const ours = trial.params;
    if (Object.keys(ours).sort().join() !== Object.keys(theirs).sort().join()) {
      return { firstDifference: { trial: t, what: `names ${Object.keys(ours).join()} vs ${Object.keys(theirs).join()}` }, maxRelative };
    }
    for (const [name, expected] of Object.entries(theirs)) {
      const result = compareParam(trial, t, name, expected, FLOAT_TOL);
      if ('difference' in result) return { firstDifference: result.difference, maxRelative };
      maxRelative = Math.max(maxRelative, result.relative);
    }
    const value = trial.values?.[0] as number;
    const expectedValue = ref.values[t] as number;
    if (!(Math.abs(value - expectedValue) <= 1e-8 * Math.max(1, Math.abs(expectedValue)))) {
      return { firstDifference: { trial: t, what: `value ${value} vs ${expectedValue}` }, maxRelative };
    }
  }
  return { firstDifference: undefined, maxRelative };
}

describe.runIf(hasOptuna())('TPESampler and RandomSampler replay Optuna 3.1 studies trial by trial', () => {
  let runs: Run[] = [];
  const results = new Map<Run, Comparison>();

  beforeAll(async () => {
    const ref = referenceSchema.parse(JSON.parse(await runPython('tpe_stream_reference.py', [String(N_TRIALS), SEEDS.join(',')])));
    expect(ref.optuna.startsWith('3.1')).toBe(true);
    runs = ref.runs;
    for (const run of runs) results.set(run, compareRun(run));
  }, 400_000);

  const label = (run: Run): string => `${run.sampler}/${run.problem}/${run.seed}`;
  const expectAllAgree = (sampler: Run['sampler']): void => {
    const selected = runs.filter((run) => run.sampler === sampler);
    expect(selected).toHaveLength(ALL_PROBLEMS.length * SEEDS.length);
    expectOnlyListedDivergences(selected, (run) => (results.get(run) as Comparison).firstDifference, label, EXPECTED_DIVERGENCES, (run, kind, difference) =>
      kind === 'exact-tie' ? explainedByExactTie(run.nearTies, difference) : run.firstPriorBeforeEqual !== null && difference.trial >= run.firstPriorBeforeEqual,
    );
  };

  it('RandomSampler: every trial of every run', () => expectAllAgree('random'));

  it('TPESampler (univariate): every trial, but for a listed exact tie broken by rounding; tied centres in numpy\'s order', () => {
    expectAllAgree('tpe');
    // The comparison exercised numpy's tie order: in some runs Optuna's quicksort put tied
    // Parzen centres out of trial order (a stable sort would have taken another path).
    expect(runs.filter((run) => run.sampler === 'tpe' && run.firstTieReorder !== null).length).toBeGreaterThan(0);
    // Exact ties are common on `mixed` (the categorical); we break all but the listed ones as Optuna did.
    const ties = runs.flatMap((run) => run.nearTies.filter((tie) => tie.exactTie && tie.trial < (results.get(run)?.firstDifference?.trial ?? Infinity)));
    expect(ties.length).toBeGreaterThan(Object.values(EXPECTED_DIVERGENCES).filter((kind) => kind === 'exact-tie').length);
  });

  it("TPESampler (multivariate): every trial of every run (parameters in Optuna's dict order)", () => expectAllAgree('tpe_multivariate'));

  it('lists only divergences that still happen', () => {
    const happened = runs.flatMap((run) => {
      const d = results.get(run)?.firstDifference;
      return d === undefined ? [] : [`${label(run)}@${d.trial}`];
    });
    expect(happened.sort()).toEqual(Object.keys(EXPECTED_DIVERGENCES).sort());
  });

  it(`agrees to rounding: floats within ${ROUNDING_TOL} of their range over all compared trials`, () => {
    let worst = 0;
    for (const comparison of results.values()) worst = Math.max(worst, comparison.maxRelative);
    expect(worst).toBeLessThan(ROUNDING_TOL);
  });
});
