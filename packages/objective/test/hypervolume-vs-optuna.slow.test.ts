/**
 * Our hypervolume of three and four objectives against Optuna 3.1's WFG, bit for bit, and
 * the greedy hypervolume subset selection of multi-objective TPE's split against
 * Optuna's `_solve_hssp` (test/python/wfg_reference.py): the same rounding is what makes a
 * near-tie between front points go Optuna's way.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { greedyHypervolumeSubset, hypervolume } from '../src/samplers/tpe/mo-weights.js';
import { hasOptuna, runPython } from './support/python.js';

const referenceSchema = z.object({
  cases: z.array(
    z.object({
      points: z.array(z.array(z.number())),
      ref: z.array(z.number()),
      hv: z.number(),
      size: z.number().int().positive(),
      picked: z.array(z.number().int()),
    }),
  ),
});

describe.runIf(hasOptuna())('hypervolume against Optuna 3.1', () => {
  it('equals WFG exactly and picks the same greedy subsets (60 sets of 3 and 4 objectives)', async () => {
    const { cases } = referenceSchema.parse(JSON.parse(await runPython('wfg_reference.py', [])));
    expect(cases.length).toBe(60);
    let manyPoints = 0;
    for (const [k, c] of cases.entries()) {
      const points = c.points.map((p) => Float64Array.from(p));
      const ref = Float64Array.from(c.ref);
      expect(hypervolume(points, ref), `case ${k}`).toBe(c.hv);
      expect(greedyHypervolumeSubset(points, c.size, ref), `case ${k}`).toEqual(c.picked);
      if (points.length >= 3) manyPoints++;
    }
    // Most sets take WFG's recursion, not only its one- and two-point cases.
    expect(manyPoints).toBeGreaterThan(40);
  });
});
