// The README's example: the quick Feynman subset, native backend, 2 runs, cached.
// Run: node --conditions=source --import tsx examples/quick-start.ts [cacheDir]
import { QUICK_FEYNMAN_EQUATION_IDS, QUICK_NATIVE_HYPERPARAMETERS, aggregateResults, createRunner, feynmanSubset, planItems } from '@hyperopt/sr-runner';

const benchmark = feynmanSubset(QUICK_FEYNMAN_EQUATION_IDS);
const runner = await createRunner({
  benchmark,
  backend: 'native',
  hyperparameters: { ...QUICK_NATIVE_HYPERPARAMETERS, parsimony: 0.001 },
  cacheDir: process.argv[2] ?? '.sr-cache',
  rows: 300,
});
const results = await runner.runEquations(planItems(benchmark, 2), { signal: AbortSignal.timeout(600_000) });
await runner.close();
const { meanTestR2, solutionRate, perEquation } = aggregateResults(results);
process.stdout.write(`${JSON.stringify({ meanTestR2, solutionRate, perEquation: perEquation.map((e) => [e.equationId, e.medianTestR2]) })}\n`);
