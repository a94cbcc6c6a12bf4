import type { Rng } from './clock.js';

/** Poll intervals that start short after activity and double (with jitter) while idle. */
export class Backoff {
  private current: number;

  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
    private readonly rng: Rng,
    private readonly factor = 2,
  ) {
    this.current = minMs;
  }

  /** The next wait, then grows the one after it. Jitter is ±10% so pollers do not march in step. */
  next(): number {
    const base = this.current;
    this.current = Math.min(this.maxMs, Math.max(this.minMs, this.current * this.factor));
    const jitter = 1 + (this.rng() - 0.5) * 0.2;
    return Math.max(1, Math.round(base * jitter));
  }

  /** Something happened, as it may again soon: poll twice as often. */
  halve(): void {
    this.current = Math.max(this.minMs, this.current / 2);
  }

  /** Something happened: poll quickly again. */
  reset(): void {
    this.current = this.minMs;
  }

  /** The interval the next call to `next` would start from (before jitter). */
  peek(): number {
    return this.current;
  }
}
