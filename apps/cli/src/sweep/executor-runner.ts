import type { RunnerFactory } from '@hyperopt/executor';
import { fitItemId, type FitItem, type FitResult } from './fit-result.js';
import type { SweepBackend, TrialParams } from './sweep-backend.js';

/** Adapts a sweep backend to the executor's runner factory (one runner per trial and process). */
export function executorRunnerFactory(backend: SweepBackend, cacheDir: string): RunnerFactory<TrialParams, FitItem, FitResult> {
  return async (params, context) => {
    const runner = await backend.createRunner(params, { trialId: context.trialId, cacheDir });
    return {
      run: async (batch, { signal }) => {
        const results = await runner.run(
          batch.map((b) => b.item),
          signal,
        );
        const byId = new Map(results.map((r) => [fitItemId(r), r]));
        return batch.flatMap((b) => {
          const result = byId.get(b.id);
          return result === undefined ? [] : [{ id: b.id, result }];
        });
      },
      close: () => runner.close(),
    };
  };
}
