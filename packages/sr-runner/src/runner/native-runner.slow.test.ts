import { describe, expect, it } from 'vitest';
import { createRunner } from './sr-batch-runner.js';
import { planItems } from './items.js';
import { QUICK_FEYNMAN_EQUATION_IDS, feynmanSubset } from '../benchmarks/feynman.js';
import { aggregateResults } from '../metrics/aggregate.js';
import { tempDir } from '../test-support/temp-dir.js';
import { QUICK_NATIVE_HYPERPARAMETERS } from './quick.js';

describe('runner with the native backend', () => {
  it('solves the quick Feynman subset with the quick settings and caches every run', async () => {
    const benchmark = feynmanSubset(QUICK_FEYNMAN_EQUATION_IDS, 'quick');
    const cacheDir = await tempDir();
    const runner = await createRunner({ benchmark, cacheDir, rows: 300, hyperparameters: { ...QUICK_NATIVE_HYPERPARAMETERS } });
    try {
      expect(runner.backendName).toBe('native');
      const results = await runner.runEquations(planItems(benchmark, 1));
      expect(results).toHaveLength(QUICK_FEYNMAN_EQUATION_IDS.length);
      expect(results.every((r) => r.error === null)).toBe(true);
      const aggregate = aggregateResults(results);
      expect(aggregate.meanTestR2).toBeGreaterThan(0.95);
      expect(aggregate.solutionRate).toBeGreaterThanOrEqual(0.5);
      const again = await runner.runEquations(planItems(benchmark, 1));
      expect(again.every((r) => r.fromCache)).toBe(true);
    } finally {
      await runner.close();
    }
  });
});
