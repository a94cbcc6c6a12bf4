/**
 * The README's example: a study in a journal file that Python Optuna can open too.
 * Run: node --conditions=source --import tsx examples/quickstart.ts [journal-path]
 */
import { createStudy, JournalFileStorage, RandomSampler, TrialPruned } from '@hyperopt/objective';

export async function quickstart(journalPath: string) {
  const study = createStudy({
    studyName: 'quickstart',
    storage: new JournalFileStorage(journalPath),
    sampler: new RandomSampler({ seed: 42 }),
    direction: 'minimize',
    loadIfExists: true,
  });
  study.enqueueTrial({ x: 2, layers: 3, optimizer: 'adam' }, { skipIfExists: true });

  await study.optimize(
    async (trial) => {
      const x = trial.suggestFloat('x', -10, 10);
      const lr = trial.suggestFloat('lr', 1e-5, 1e-1, { log: true });
      const layers = trial.suggestInt('layers', 1, 8);
      const optimizer = trial.suggestCategorical('optimizer', ['adam', 'sgd'] as const);
      let loss = Number.POSITIVE_INFINITY;
      for (let step = 0; step < 5; step++) {
        loss = (x - 2) ** 2 + layers * lr + (optimizer === 'sgd' ? 1 : 0) + 1 / (step + 1);
        trial.report(loss, step);
        if (trial.shouldPrune()) throw new TrialPruned();
      }
      return loss;
    },
    { nTrials: 20 },
  );
  return study;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const study = await quickstart(process.argv[2] ?? 'quickstart.journal');
  process.stdout.write(`best value ${study.bestValue} with ${JSON.stringify(study.bestParams)}\n`);
}
