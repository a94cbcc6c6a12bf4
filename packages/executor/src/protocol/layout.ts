import { join } from 'node:path';

/**
 * File names inside the sweep directory. Names are derived from checked ids and
 * integers only (see `toSafeName`), so nothing can point outside the directory.
 */
export class SweepLayout {
  constructor(readonly root: string) {}

  get control(): string {
    return join(this.root, 'control.json');
  }

  get processedTrials(): string {
    return join(this.root, 'processed-trials.json');
  }

  get slotsDir(): string {
    return join(this.root, 'slots');
  }

  slot(index: number): string {
    return join(this.slotsDir, `${index}.json`);
  }

  get trialsDir(): string {
    return join(this.root, 'trials');
  }

  trialDir(trialKey: string): string {
    return join(this.trialsDir, trialKey);
  }

  trial(trialKey: string): string {
    return join(this.trialDir(trialKey), 'trial.json');
  }

  claim(trialKey: string, chunk: number, generation: number): string {
    return join(this.trialDir(trialKey), `claim-${chunk}-${generation}.json`);
  }

  results(trialKey: string, slot: number): string {
    return join(this.trialDir(trialKey), `results-${slot}.json`);
  }
}
