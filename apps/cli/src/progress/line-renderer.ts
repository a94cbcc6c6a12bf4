import { formatNumber, formatParams, plain } from './format.js';
import type { SweepEvent, SweepEventSink } from './sweep-events.js';

/** One concise line per event, without control characters: for log files (SLURM output) and pipes. */
export function formatEventLine(event: SweepEvent): string | undefined {
  const time = new Date(event.at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const text = ((): string | undefined => {
    switch (event.type) {
      case 'sweep-started':
        return `${event.role} ${event.workerId} started: study ${event.studyName}, ${event.finishedTrials} trial(s) finished${event.nTrials === null ? '' : ` of ${event.nTrials}`}, ${event.items} fits per trial, sweep ${event.sweepDir}`;
      case 'baselines-enqueued':
        return `enqueued ${event.count} baseline trial(s)`;
      case 'stale-trials-failed':
        return `failed ${event.trials.length} trial(s) left running by a previous master (${event.trials.join(', ')}); they will be re-run with the same params`;
      case 'trial-started':
        return `trial ${event.trial} started${event.retryOf === null ? '' : ` (retry of trial ${event.retryOf})`}: ${formatParams(event.params)}`;
      case 'trial-progress':
        return `trial ${event.trial}: ${event.completed}/${event.total} fits, objective ${formatNumber(event.value)}, ${event.workersAlive} worker(s)`;
      case 'trial-pruned':
        return `trial ${event.trial} pruned at step ${event.step} (objective ${formatNumber(event.value)})`;
      case 'trial-finished':
        return `trial ${event.trial} ${event.state.toLowerCase()}: value ${event.values === null ? '-' : event.values.map(formatNumber).join(', ')}; best ${formatNumber(event.bestValue)}${event.bestTrial === null ? '' : ` (trial ${event.bestTrial})`}; ${event.finishedTrials} finished${event.error === null ? '' : `; error: ${event.error}`}`;
      case 'worker-joined':
        return `worker ${event.workerId} joined (${event.host})`;
      case 'worker-lost':
        return `worker ${event.workerId} lost (${event.reason})`;
      case 'warning':
        return `warning ${event.code}: ${event.message}`;
      case 'interrupted':
        return `interrupted (${event.reason}): finished work is saved; run the same command again to resume`;
      case 'sweep-finished':
        return `sweep finished: ${event.finishedTrials} trial(s); best value ${formatNumber(event.bestValue)}${event.bestTrial === null ? '' : ` (trial ${event.bestTrial})`}${event.bestParams === null ? '' : `; best params ${formatParams(event.bestParams)}`}${event.reportPath === null ? '' : `; report ${event.reportPath}`}`;
    }
  })();
  return text === undefined ? undefined : `${time} ${plain(text)}`;
}

/** Writes one plain line per event. */
export class LineRenderer implements SweepEventSink {
  constructor(private readonly write: (line: string) => void) {}

  handle(event: SweepEvent): void {
    const line = formatEventLine(event);
    if (line !== undefined) this.write(`${line}\n`);
  }
}
