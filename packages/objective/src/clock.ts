/** Time as the library sees it; pass a fake one in tests. */
export interface Clock {
  /** Wall-clock milliseconds since the epoch (used for datetimes and heartbeats). */
  now(): number;
  /** Monotonic milliseconds (used for timeouts and lock back-off). */
  monotonic(): number;
  /** Schedules `callback` after `ms`; returns a handle for {@link Clock.clearTimeout}. */
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Blocks the thread for `ms` (bounded waits in the synchronous storage API). */
  sleepSync(ms: number): void;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  sleepSync: (ms) => {
    if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
  },
};
