import { resolve } from 'node:path';
import { ExecutorError } from './errors.js';
import { TypedEmitter, type ExecutorEventName, type ExecutorListener } from './events.js';
import type { MetadataCounts } from './fs/metadata-counter.js';
import { SharedFs } from './fs/shared-fs.js';
import { resolveOptions, type ExecutorOptions, type ResolvedOptions } from './options.js';
import { SweepLayout } from './protocol/layout.js';
import { FileStore } from './protocol/store.js';
import type { RoleContext } from './roles/context.js';
import { Master, type RunTrialOptions, type TrialOutcome } from './roles/master.js';
import { runWorkerLoop, type WorkerOutcome } from './roles/worker.js';
import type { RunnerFactory } from './runner.js';
import { randomId } from './util/random-id.js';

/** Options of `runWorker`. */
export interface RunWorkerOptions<P, I, R> {
  /** Creates this worker's runner for a trial's params, once per trial it takes part in. */
  createRunner: RunnerFactory<P, I, R>;
  /** Aborting it interrupts the worker gracefully (in addition to the executor's `signal`). */
  signal?: AbortSignal;
}

/** How `runWorker` ended: the master's shutdown notice, or this process's own interruption. */
export interface WorkerResult {
  readonly outcome: WorkerOutcome;
}

/**
 * Spreads each trial's items over a master and any number of workers that share only a
 * filesystem. Generic over the trial's params `P`, its items `I` and their results `R`
 * (all opaque, JSON-serialisable values).
 *
 * @example
 * ```ts
 * const executor = new DistributedTrialExecutor<{ k: number }, number, number>({ sweepDir, role: 'master' });
 * const { outcome, results } = await executor.runTrial(0, { k: 3 }, {
 *   items: [1, 2, 3],
 *   createRunner: ({ k }) => ({ run: async (batch) => batch.map(({ id, item }) => ({ id, result: item * k })) }),
 * });
 * await executor.shutdown();
 * ```
 */
export class DistributedTrialExecutor<P, I, R> {
  private readonly options: ResolvedOptions;
  private readonly events = new TypedEmitter();
  private readonly fs: SharedFs;
  private readonly ctx: RoleContext;
  private master: Master | undefined;
  private workerRunning = false;

  constructor(options: ExecutorOptions) {
    this.options = resolveOptions(options);
    this.fs = new SharedFs(this.options.sharing);
    const layout = new SweepLayout(resolve(this.options.sweepDir));
    const store = new FileStore(this.fs, this.options.clock, this.events);
    this.ctx = { options: this.options, fs: this.fs, store, layout, events: this.events, incarnation: randomId(8) };
  }

  /** This process's role. */
  get role(): 'master' | 'worker' {
    return this.options.role;
  }

  /** This process's label in files and events. */
  get workerId(): string {
    return this.options.workerId;
  }

  /** Listens to an event; returns a function that stops listening. */
  on<E extends ExecutorEventName>(event: E, listener: ExecutorListener<E>): () => void {
    return this.events.on(event, listener);
  }

  /** Stops listening. */
  off<E extends ExecutorEventName>(event: E, listener: ExecutorListener<E>): void {
    this.events.off(event, listener);
  }

  /** Metadata operations this process did on the shared filesystem so far (for benchmarks). */
  metadataCounts(): MetadataCounts {
    return this.fs.metadataCounts();
  }

  /**
   * Master only. Publishes the trial, runs items alongside the workers, calls
   * `onProgress` as results arrive, and returns when every item has a result
   * (`"completed"`), the caller cancelled (`"cancelled"`) or this process was
   * interrupted (`"interrupted"`; the trial is left for a restarted master to resume).
   * A trial already in the processed-trials file is not run again: its recorded results
   * are returned with `resumed: true`.
   */
  runTrial(trialId: string | number, params: P, options: RunTrialOptions<P, I, R>): Promise<TrialOutcome<R>> {
    if (this.options.role !== 'master') {
      return Promise.reject(new ExecutorError('EXECUTOR_WRONG_ROLE', `runTrial needs role "master", this executor has role ${JSON.stringify(this.options.role)}`));
    }
    this.master ??= new Master(this.ctx);
    return this.master.runTrial(trialId, params, options);
  }

  /**
   * Master only. Publishes the shutdown notice that ends every worker's loop; call it
   * when the sweep is over.
   */
  async shutdown(): Promise<void> {
    if (this.options.role !== 'master') {
      throw new ExecutorError('EXECUTOR_WRONG_ROLE', `shutdown needs role "master", this executor has role ${JSON.stringify(this.options.role)}`);
    }
    this.master ??= new Master(this.ctx);
    await this.master.shutdown('finished');
  }

  /**
   * Worker only. Takes part in every trial the master publishes until the master's
   * shutdown notice (`"shutdown"`) or this process's interruption (`"interrupted"`).
   */
  async runWorker(options: RunWorkerOptions<P, I, R>): Promise<WorkerResult> {
    if (this.options.role !== 'worker') {
      throw new ExecutorError('EXECUTOR_WRONG_ROLE', `runWorker needs role "worker", this executor has role ${JSON.stringify(this.options.role)}`);
    }
    if (this.workerRunning) throw new ExecutorError('EXECUTOR_BUSY', 'runWorker is already running on this executor');
    this.workerRunning = true;
    const signals = [this.options.signal, options.signal].filter((s): s is AbortSignal => s !== undefined);
    const interrupt = signals.length === 0 ? new AbortController().signal : AbortSignal.any(signals);
    try {
      return { outcome: await runWorkerLoop(this.ctx, options.createRunner, interrupt) };
    } finally {
      this.workerRunning = false;
    }
  }
}
