import type { ControlFile, Reclaim } from '../protocol/schemas.js';
import { Backoff } from '../util/backoff.js';
import type { RoleContext } from './context.js';
import type { ShutdownRule } from './shutdown-rule.js';
import type { TrialSignals } from './trial-work.js';

const WAITING_POLL_MIN_CAP_MS = 100;
const WAITING_POLL_MS_PER_PROCESS = 2;

/** Why a worker stopped working on a trial. */
export type TrialStop = 'finished' | 'cancelled' | 'shutdown' | 'interrupted' | 'replaced';

/**
 * A worker's view of one trial, kept fresh by polling `control.json` (one open + fstat
 * per poll, with back-off) for as long as the worker takes part in the trial.
 */
export class DiskTrialWatcher implements TrialSignals {
  private readonly stop = new AbortController();
  private reclaims: readonly Reclaim[] = [];
  private reason: TrialStop | undefined;
  private waiters: Array<() => void> = [];
  private readonly backoff: Backoff;
  private lastSeq = -1;
  private waiting = false;
  private processes = 1;
  private readonly done = new AbortController();
  private readonly loop: Promise<void>;

  constructor(
    private readonly ctx: RoleContext,
    private readonly trialKey: string,
    private readonly rule: ShutdownRule,
    private readonly interrupt: AbortSignal,
    initial: ControlFile,
  ) {
    this.backoff = new Backoff(ctx.options.pollMinMs, ctx.options.pollMaxMs, ctx.options.rng);
    this.apply(initial);
    const onInterrupt = () => this.end('interrupted');
    if (interrupt.aborted) onInterrupt();
    else interrupt.addEventListener('abort', onInterrupt, { once: true });
    this.loop = this.poll();
  }

  get stopSignal(): AbortSignal {
    return this.stop.signal;
  }

  /** Why the trial stopped for this worker, once it has. */
  get stopReason(): TrialStop | undefined {
    return this.reason;
  }

  view() {
    return { active: this.reason === undefined, reclaims: this.reclaims };
  }

  waitForChange(): Promise<void> {
    this.waiting = true;
    if (this.reason !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stops polling. */
  async close(): Promise<void> {
    this.done.abort();
    this.wake();
    await this.loop;
  }

  private async poll(): Promise<void> {
    const { clock } = this.ctx.options;
    while (!this.done.signal.aborted && this.reason === undefined) {
      // Waiting for the trial to end (nothing left to claim), poll often enough to start the
      // next trial promptly: at most WAITING_POLL_MS_PER_PROCESS × processes (≥ 100 ms), so
      // all waiting workers together stay near 500 polls per second however many there are.
      const cap = this.waiting ? Math.max(WAITING_POLL_MIN_CAP_MS, WAITING_POLL_MS_PER_PROCESS * this.processes) : Number.POSITIVE_INFINITY;
      await clock.sleep(Math.min(this.backoff.next(), cap), this.done.signal);
      if (this.done.signal.aborted) break;
      const read = await this.ctx.store.read(this.ctx.layout.control, 'control').catch(() => undefined);
      if (read?.status === 'ok') this.apply(read.value);
      this.wake();
    }
    this.wake();
  }

  private apply(control: ControlFile): void {
    this.processes = Math.max(1, control.nextSlotHint);
    if (control.seq !== this.lastSeq) {
      this.lastSeq = control.seq;
      this.backoff.reset();
    }
    if (this.rule.observe(control)) return this.end('shutdown');
    const trial = control.trial;
    if (trial === null || trial.key !== this.trialKey) return this.end('replaced');
    this.reclaims = trial.reclaims;
    if (trial.state === 'cancelled') {
      this.ctx.events.emit('trial-cancelled', { trialId: this.trialKey });
      return this.end('cancelled');
    }
    if (trial.state === 'finished') this.end('finished');
  }

  private end(reason: TrialStop): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.stop.abort();
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
