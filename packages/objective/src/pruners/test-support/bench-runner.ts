/**
 * Our side of `pnpm bench:pruners` (bench/pruners.ts runs it as a child process).
 *
 * Usage: bench-runner.ts N_TRIALS N_STEPS REPEATS -> one JSON line {pruner: ms per shouldPrune}
 *
 * N_TRIALS complete trials with intermediate values i + 1/(s + 1) at steps
 * 0..N_STEPS-1 in the in-memory storage, then one running trial reports 1000 + sin(s)
 * at every step and asks shouldPrune after each report (it keeps going when pruned, so
 * every call does the full work). Best of REPEATS runs. Mirrors test/python/pruner-bench.py.
 */
import { createStudy } from '../../study/study-registry.js';
import type { BasePruner } from '../base-pruner.js';
import { HyperbandPruner } from '../hyperband-pruner.js';
import { MedianPruner } from '../median-pruner.js';
import { PatientPruner } from '../patient-pruner.js';
import { PercentilePruner } from '../percentile-pruner.js';
import { SuccessiveHalvingPruner } from '../successive-halving-pruner.js';
import { ThresholdPruner } from '../threshold-pruner.js';
import { WilcoxonPruner } from '../wilcoxon-pruner.js';

const [nTrials, nSteps, repeats] = process.argv.slice(2, 5).map(Number) as [number, number, number];

const pruners: Record<string, () => BasePruner> = {
  median: () => new MedianPruner(),
  percentile: () => new PercentilePruner({ percentile: 25 }),
  successiveHalving: () => new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 3 }),
  hyperband: () => new HyperbandPruner({ minResource: 1, maxResource: 100 }),
  threshold: () => new ThresholdPruner({ upper: 1e9 }),
  patient: () => new PatientPruner(new MedianPruner(), { patience: 3 }),
  wilcoxon: () => new WilcoxonPruner(),
};

const out: Record<string, number> = {};
for (const [name, make] of Object.entries(pruners)) {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) {
    const study = createStudy({ studyName: `bench-${name}`, pruner: make() });
    study.addTrials(
      Array.from({ length: nTrials }, (_, i) => ({
        state: 'COMPLETE' as const,
        value: i,
        intermediateValues: new Map(Array.from({ length: nSteps }, (_, s) => [s, i + 1 / (s + 1)] as [number, number])),
      })),
    );
    const trial = study.ask();
    const t0 = performance.now();
    for (let s = 0; s < nSteps; s++) {
      trial.report(1000 + Math.sin(s), s);
      trial.shouldPrune();
    }
    best = Math.min(best, (performance.now() - t0) / nSteps);
  }
  out[name] = Number(best.toFixed(4));
}
process.stdout.write(`${JSON.stringify(out)}\n`);
