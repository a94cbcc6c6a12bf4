import type { ExecutorErrorCode } from './errors.js';

/** Everything the executor reports, for a CLI to show; the executor itself never prints. */
export interface ExecutorEvents {
  /** The master published a trial (or found it already published and resumed it). */
  'trial-published': { trialId: string; items: number; chunks: number; resumed: boolean };
  /** A worker took part in a trial: it saw the trial and acknowledged it. */
  'trial-joined': { trialId: string; workerId: string };
  /** A trial ended for this process. */
  'trial-ended': { trialId: string; outcome: 'completed' | 'cancelled' | 'interrupted' | 'shutdown' };
  /** `runTrial` was asked for a trial already in the processed-trials file; its results were read back. */
  'trial-skipped': { trialId: string; reason: 'processed' };
  /** The master saw a new process register. */
  'worker-joined': { slot: number; workerId: string; role: 'master' | 'worker'; host: string; pid: number };
  /** The master declared a process gone: its heartbeat stopped or it said it exited. */
  'worker-lost': { slot: number; workerId: string; reason: 'timeout' | 'exited' | 'replaced' };
  /** The master re-opened a dead process's unfinished chunk. */
  'chunk-reclaimed': { trialId: string; chunk: number; generation: number; fromWorkerId: string; items: number };
  /** New item results were recorded (by the master: merged; by a worker: published). */
  'items-done': { trialId: string; workerId: string; count: number; completed: number; total: number };
  /** The trial was cancelled (published by the master, observed by a worker). */
  'trial-cancelled': { trialId: string };
  /** This process is shutting down: a signal, or the master's shutdown notice. */
  shutdown: { reason: 'signal' | 'notice'; detail: string };
  /** Something was ignored (a bad file, a late result, a slow worker) and the run goes on. */
  warning: { code: ExecutorErrorCode; message: string; path?: string };
}

/** Name of an executor event. */
export type ExecutorEventName = keyof ExecutorEvents;

/** A listener of one event. */
export type ExecutorListener<E extends ExecutorEventName> = (payload: ExecutorEvents[E]) => void;

/** A small typed event emitter; listener errors are swallowed so they cannot break the protocol. */
export class TypedEmitter {
  private readonly listeners = new Map<ExecutorEventName, Set<(payload: never) => void>>();

  /** Adds a listener; returns a function that removes it. */
  on<E extends ExecutorEventName>(event: E, listener: ExecutorListener<E>): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as (payload: never) => void);
    return () => this.off(event, listener);
  }

  /** Removes a listener. */
  off<E extends ExecutorEventName>(event: E, listener: ExecutorListener<E>): void {
    this.listeners.get(event)?.delete(listener as (payload: never) => void);
  }

  /** Calls every listener of `event` with `payload`. */
  emit<E extends ExecutorEventName>(event: E, payload: ExecutorEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as ExecutorListener<E>)(payload);
      } catch {
        // a listener's failure must not break coordination
      }
    }
  }
}
