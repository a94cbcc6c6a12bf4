import type { Distribution } from '../../distributions/index.js';
import { contains, toExternal, toInternal } from '../../distributions/representation.js';
import type { FrozenTrial } from '../../frozen-trial.js';
import type { Rng } from '../../random/rng.js';
import type { StudyDirection } from '../../study-direction.js';
import type { ParamValue } from '../base-sampler.js';
import { transformBounds, untransformNumerical } from '../optuna-transform.js';
import type { Crossover } from './crossovers.js';

type NumericalDistribution = Exclude<Distribution, { kind: 'categorical' }>;

/** What {@link performCrossover} needs from the sampler. */
export interface CrossoverContext {
  readonly crossover: Crossover;
  readonly rng: Rng;
  readonly directions: readonly StudyDirection[];
  /** Probability of taking a categorical gene from the last parent rather than the first. */
  readonly swappingProb: number;
  readonly dominates: (a: FrozenTrial, b: FrozenTrial, directions: readonly StudyDirection[]) => boolean;
}

/**
 * Optuna gives up never; after this many children outside the search space in a row
 * (a pathological case where Optuna 3.1 would loop forever) the last one is clipped.
 */
export const MAX_CROSSOVER_ATTEMPTS = 10_000;

/**
 * One child of `population` (Optuna 3.1's `perform_crossover`): parents drawn by binary
 * tournaments, `crossover.nParents` of them, each distinct; categorical genes by uniform
 * crossover between the first and the last parent; numerical genes by the operator in
 * the transformed space (log scale, half steps), mapped back as Optuna does (rounded and
 * clipped for discrete parameters, kept below `high` for continuous ones). A child with
 * a continuous value below `low` (or NaN) is rejected: new parents, new crossover.
 */
export function performCrossover(ctx: CrossoverContext, population: readonly FrozenTrial[], space: Record<string, Distribution>): Record<string, ParamValue> {
  const names = Object.keys(space);
  const categorical = names.filter((n) => (space[n] as Distribution).kind === 'categorical');
  const numerical = names.filter((n) => (space[n] as Distribution).kind !== 'categorical');
  const dists = numerical.map((n) => space[n] as NumericalDistribution);
  const bounds = dists.map((d) => transformBounds(d));
  const multiObjective = ctx.directions.length > 1;
  for (let attempt = 1; ; attempt++) {
    const parents = selectParents(ctx, population);
    const first = parents[0] as FrozenTrial;
    const last = parents[parents.length - 1] as FrozenTrial;
    const child: Record<string, ParamValue> = {};
    // Optuna's inlined categorical crossover: the first parent's choice where the draw is below swappingProb.
    for (const name of categorical) child[name] = (ctx.rng.random() < ctx.swappingProb ? first : last).params[name] as ParamValue;
    if (numerical.length === 0) return child;
    const rows = parents.map((p) => Float64Array.from(dists, (d, i) => transformValue(d, toInternal(d, p.params[numerical[i] as string]))));
    const x = ctx.crossover.crossover(rows, ctx.rng, bounds, multiObjective);
    const values = dists.map((d, i) => untransformValue(d, x[i] as number));
    const inside = values.every((v, i) => contains(dists[i] as NumericalDistribution, v));
    if (!inside && attempt < MAX_CROSSOVER_ATTEMPTS) continue;
    dists.forEach((d, i) => {
      const v = inside ? (values[i] as number) : Math.min(Math.max(Number.isNaN(values[i]) ? d.low : (values[i] as number), d.low), d.high);
      child[numerical[i] as string] = toExternal(d, v);
    });
    return child;
  }
}

/** Optuna's `_select_parents`: `nParents` binary tournaments, each among the trials not chosen yet. */
function selectParents(ctx: CrossoverContext, population: readonly FrozenTrial[]): FrozenTrial[] {
  const pool = [...population];
  const parents: FrozenTrial[] = [];
  for (let k = 0; k < ctx.crossover.nParents; k++) {
    const a = pool[ctx.rng.integer(0, pool.length - 1)] as FrozenTrial;
    const b = pool[ctx.rng.integer(0, pool.length - 1)] as FrozenTrial;
    const winner = ctx.dominates(a, b, ctx.directions) ? a : b;
    parents.push(winner);
    pool.splice(pool.indexOf(winner), 1);
  }
  return parents;
}

function transformValue(d: NumericalDistribution, v: number): number {
  return d.log ? Math.log(v) : v;
}

/** Optuna 3.1's `_untransform_numerical_param` (numpy rounding: halves to even). */
export const untransformValue = untransformNumerical;
