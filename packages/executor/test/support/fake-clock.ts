import type { Clock } from '../../src/util/clock.js';

/** A clock whose time moves only when told; `sleep` advances it and resolves at once. */
export class FakeClock implements Clock {
  constructor(public time = 1_000_000) {}

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    this.time += ms;
  }

  sleep(ms: number): Promise<void> {
    this.time += ms;
    return Promise.resolve();
  }
}
