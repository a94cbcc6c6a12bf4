import cliProgress from 'cli-progress';
import { formatNumber } from './format.js';
import { formatEventLine } from './line-renderer.js';
import type { SweepEvent, SweepEventSink } from './sweep-events.js';

/**
 * Live progress bars for a terminal: the running trial's fits done across all processes
 * (with ETA), and trials done with the best value so far and the workers alive. Notable
 * events (trial ends, warnings, workers) are printed above the bars.
 */
export class TtyRenderer implements SweepEventSink {
  private readonly multi: cliProgress.MultiBar;
  private readonly fits: cliProgress.SingleBar;
  private readonly trials: cliProgress.SingleBar;
  private best: number | null = null;
  private workers = 0;
  private finished = 0;
  private nTrials = 0;
  private closed = false;

  constructor(stream: NodeJS.WritableStream = process.stderr) {
    this.multi = new cliProgress.MultiBar(
      {
        stream,
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 20,
        fps: 5,
        format: '{label} {bar} {value}/{total} {detail}',
        barsize: 28,
        autopadding: true,
      },
      cliProgress.Presets.shades_classic,
    );
    this.trials = this.multi.create(1, 0, { label: 'trials', detail: '' });
    this.fits = this.multi.create(1, 0, { label: 'fits  ', detail: '' });
  }

  private trialsDetail(): string {
    return `best ${formatNumber(this.best)} | workers ${this.workers}`;
  }

  handle(event: SweepEvent): void {
    switch (event.type) {
      case 'sweep-started':
        this.nTrials = event.nTrials ?? Math.max(1, event.finishedTrials);
        this.finished = event.finishedTrials;
        this.trials.setTotal(Math.max(1, this.nTrials));
        this.trials.update(this.finished, { detail: this.trialsDetail() });
        this.fits.setTotal(Math.max(1, event.items));
        break;
      case 'trial-started':
        this.fits.setTotal(Math.max(1, event.items));
        this.fits.update(0, { label: `trial ${event.trial}`, detail: '' });
        break;
      case 'trial-progress':
        this.workers = event.workersAlive;
        this.fits.setTotal(Math.max(1, event.total));
        this.fits.update(event.completed, { label: `trial ${event.trial}` });
        this.fits.update({ detail: `objective ${formatNumber(event.value)} | ETA ${formatEta(this.fits)}` });
        this.trials.update(this.finished, { detail: this.trialsDetail() });
        break;
      case 'trial-finished':
        this.finished = event.finishedTrials;
        this.best = event.bestValue;
        if (this.nTrials < this.finished) this.trials.setTotal(this.finished);
        this.trials.update(this.finished, { detail: this.trialsDetail() });
        this.log(event);
        break;
      case 'worker-joined':
        this.workers += 1;
        this.log(event);
        break;
      case 'worker-lost':
        this.workers = Math.max(0, this.workers - 1);
        this.log(event);
        break;
      default:
        this.log(event);
    }
  }

  private log(event: SweepEvent): void {
    const line = formatEventLine(event);
    if (line !== undefined) this.multi.log(`${line}\n`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.multi.update(); // flush lines logged since the last frame
    this.multi.stop();
  }
}

function formatEta(bar: cliProgress.SingleBar): string {
  const total = bar.getTotal();
  const done = bar.getProgress() * total;
  const eta = (bar as unknown as { eta?: { getTime(): number } }).eta?.getTime();
  if (done >= total) return '0s';
  if (eta === undefined || !Number.isFinite(eta) || eta <= 0) return '?';
  return eta < 60 ? `${Math.round(eta)}s` : `${Math.floor(eta / 60)}m${String(Math.round(eta % 60)).padStart(2, '0')}s`;
}
