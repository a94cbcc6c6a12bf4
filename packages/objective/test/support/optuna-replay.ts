/**
 * Shared pieces of the tests that replay Python Optuna 3.1 studies trial by trial
 * (tpe-stream-vs-optuna, tpe-features-vs-optuna): the near-tie records the Python side
 * writes, the comparison of one parameter, the rule that explains a divergence, and the
 * check that every divergence is listed and still what it was listed as.
 */
import { expect } from 'vitest';
import { z } from 'zod';
import type { Distribution } from '../../src/distributions/index.js';
import { toInternal } from '../../src/distributions/representation.js';
import type { FrozenTrial } from '../../src/frozen-trial.js';
import type { ParamValue } from '../../src/samplers/base-sampler.js';

/** A trial where Optuna's best candidates scored within rounding of each other (and whether exactly). */
export const nearTiesSchema = z.array(
  z.object({
    trial: z.number().int(),
    names: z.array(z.string()),
    winner: z.array(z.number()),
    tied: z.array(z.array(z.number())),
    exactTie: z.boolean().nullable(),
  }),
);
export type NearTies = z.infer<typeof nearTiesSchema>;

export interface Difference {
  trial: number;
  what: string;
  /** The parameter that differs, with our internal value (categoricals by index), if one does. */
  param?: { name: string; internal: number };
}

export interface Comparison {
  /** First trial whose params or value differ, with what differed; undefined if none. */
  firstDifference: Difference | undefined;
  /** Largest difference of any float parameter over the agreeing trials, as a fraction of its range. */
  maxRelative: number;
  /** Where maxRelative was reached: `trial:param ours vs theirs`. */
  worstAt?: string;
}

/**
 * Our value of `name` in trial `t` against Optuna's: categoricals and ints exactly, floats
 * to `floatTol` of their range (log range for log parameters). Returns the difference, or
 * the float's relative distance (0 for exact kinds).
 */
export function compareParam(trial: FrozenTrial, t: number, name: string, expected: number | string, floatTol: number): { difference: Difference } | { relative: number } {
  const got = trial.params[name] as ParamValue;
  const dist = trial.distributions[name] as Distribution;
  const difference = { difference: { trial: t, what: `${name}: ${String(got)} vs ${expected}`, param: { name, internal: toInternal(dist, got) } } };
  if (dist.kind !== 'float') return got === expected ? { relative: 0 } : difference;
  const scale = dist.log ? Math.log : (x: number): number => x;
  const relative = typeof got === 'number' && typeof expected === 'number' ? Math.abs(scale(got) - scale(expected)) / (scale(dist.high) - scale(dist.low)) : Infinity;
  return relative <= floatTol ? { relative } : difference;
}

/** Whether Optuna recorded an exact tie at the differing trial between its winner and candidates holding our value. */
export function explainedByExactTie(nearTies: NearTies, difference: Difference): boolean {
  const param = difference.param;
  if (param === undefined) return false;
  return nearTies.some((tie) => {
    const d = tie.names.indexOf(param.name);
    return tie.trial === difference.trial && d >= 0 && tie.exactTie === true && tie.tied.some((values) => values[d] === param.internal);
  });
}

/**
 * Each run that parts from Optuna must part at a trial listed in `listed` (by
 * `label(run)@trial`), and the listed reason must still explain it (`explained`).
 */
export function expectOnlyListedDivergences<R>(
  runs: readonly R[],
  firstDifference: (run: R) => Difference | undefined,
  label: (run: R) => string,
  listed: Readonly<Record<string, string>>,
  explained: (run: R, kind: string, difference: Difference) => boolean,
): void {
  for (const run of runs) {
    const difference = firstDifference(run);
    if (difference === undefined) continue;
    const id = `${label(run)}@${difference.trial}`;
    const kind = listed[id];
    expect(kind, `unlisted divergence ${id}: ${difference.what}`).toBeDefined();
    const ok = explained(run, kind as string, difference);
    expect({ id, kind, what: difference.what, explained: ok }).toEqual({ id, kind, what: difference.what, explained: true });
  }
}
