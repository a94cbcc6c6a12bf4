import type { Clock } from '../../src/util/clock.js';

interface Timer {
  at: number;
  resolve: () => void;
}

/**
 * Virtual time for whole loops: `sleep` parks the caller; `step` waits until the given
 * number of callers are parked (so real I/O in between has finished), then jumps to the
 * earliest wake-up time. Lets a test run minutes of polling in milliseconds.
 */
export class VirtualClock implements Clock {
  private time = 0;
  private timers: Timer[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: Timer = { at: this.time + Math.max(0, ms), resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          resolve();
        },
        { once: true },
      );
    });
  }

  /** Waits (really, bounded) until `sleepers` timers are pending, then fires the earliest. */
  async step(sleepers: number): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (this.timers.length < sleepers) {
      if (Date.now() > deadline) throw new Error(`only ${this.timers.length} of ${sleepers} loops are sleeping`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.timers.sort((a, b) => a.at - b.at);
    const next = this.timers.shift() as Timer;
    this.time = Math.max(this.time, next.at);
    next.resolve();
  }
}
