import type { Reclaim } from '../protocol/schemas.js';
import type { TrialSignals } from './trial-work.js';

/** The master's own participation in its trial: the view comes from memory, not from disk. */
export class MemoryTrialSignals implements TrialSignals {
  private readonly stop = new AbortController();
  private active = true;
  private reclaims: readonly Reclaim[] = [];
  private waiters: Array<() => void> = [];

  get stopSignal(): AbortSignal {
    return this.stop.signal;
  }

  view() {
    return { active: this.active, reclaims: this.reclaims };
  }

  waitForChange(): Promise<void> {
    if (!this.active) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  setReclaims(reclaims: readonly Reclaim[]): void {
    this.reclaims = reclaims;
    this.wake();
  }

  /** No more claims; with `abort`, running items are told to stop too. */
  end(abort: boolean): void {
    this.active = false;
    if (abort) this.stop.abort();
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
