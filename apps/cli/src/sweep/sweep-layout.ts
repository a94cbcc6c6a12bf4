import { join } from 'node:path';

/** Where the CLI keeps things inside a sweep directory (the executor owns `executor/`). */
export class SweepLayout {
  constructor(readonly root: string) {}

  /** The Optuna-compatible journal of the study (Python Optuna and optuna-dashboard open it). */
  get journal(): string {
    return join(this.root, 'study.journal');
  }

  /** The executor's protocol directory. */
  get executorDir(): string {
    return join(this.root, 'executor');
  }

  /** The SR runner's per-(equation, run) result cache. */
  get cacheDir(): string {
    return join(this.root, 'cache');
  }

  /** The CLI's own files. */
  get cliDir(): string {
    return join(this.root, 'hyperopt');
  }

  /** The resolved config the sweep was started with (written once by the first master). */
  get config(): string {
    return join(this.cliDir, 'config.json');
  }

  /** The master's status snapshot, rewritten atomically as the sweep runs. */
  get status(): string {
    return join(this.cliDir, 'status.json');
  }

  /** The JSON-lines event log of one process (one writer per file). */
  eventLog(workerId: string): string {
    return join(this.cliDir, `events-${workerId}.jsonl`);
  }

  /** The default path of the HTML report. */
  get report(): string {
    return join(this.root, 'report.html');
  }
}
