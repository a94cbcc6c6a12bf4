import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SymregError } from '../errors.js';
import type { EvolveResult, EvolveTask } from './island.js';
import type { SymbolicRegressorOptions } from './options.js';
import type { IslandRunner } from './runner.js';
import { fromWorkerSchema, type FromWorker, type ToWorker } from './worker-protocol.js';

/**
 * Starts a worker on `worker-entry`: the built `.js` directly, or — when this module runs
 * from TypeScript sources (tests, `tsx`) — the `.ts` file through tsx's loader.
 */
function startWorker(): Worker {
  const here = import.meta.url;
  // Inherit the process's Node options except those that only apply to a main entry script.
  const execArgv = process.execArgv.filter((arg, i, all) => !arg.startsWith('--input-type') && all[i - 1] !== '--input-type');
  if (!here.endsWith('.ts')) return new Worker(new URL('./worker-entry.js', here), { execArgv });
  const target = new URL('./worker-entry.ts', here).href;
  const resolved = createRequire(here).resolve('tsx/esm/api');
  const api = pathToFileURL(resolved.replace(/\.cjs$/, '.mjs')).href;
  const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(bootstrap, { eval: true, execArgv: ['--conditions=source'] });
}

interface Slot {
  readonly worker: Worker;
  listener: ((message: FromWorker) => void) | undefined;
  failure: ((error: Error) => void) | undefined;
}

/** Worker threads that stay up across fits; each fit sends its data once. */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private fitCounter = 0;
  private taskCounter = 0;
  private failure: Error | undefined;

  /** True once a worker failed; the pool cannot be used any more. */
  get broken(): boolean {
    return this.failure !== undefined;
  }

  constructor(private readonly size: number) {}

  private ensureStarted(): void {
    while (this.slots.length < this.size) {
      const slot: Slot = { worker: startWorker(), listener: undefined, failure: undefined };
      slot.worker.on('message', (raw: unknown) => {
        const parsed = fromWorkerSchema.safeParse(raw);
        if (!parsed.success) {
          slot.failure?.(new SymregError('SYMREG_WORKER_FAILED', `malformed message from a search worker: ${parsed.error.message}`));
          return;
        }
        slot.listener?.(parsed.data);
      });
      const fail = (error: Error) => {
        this.failure = new SymregError('SYMREG_WORKER_FAILED', `a search worker failed: ${error.message}`, { cause: error });
        slot.failure?.(this.failure);
      };
      slot.worker.on('error', fail);
      slot.worker.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
      slot.worker.unref();
      this.slots.push(slot);
    }
  }

  private request(slot: Slot, message: ToWorker, accept: (reply: FromWorker) => boolean): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      if (this.failure) {
        reject(this.failure);
        return;
      }
      // Keep the process alive while a worker is busy for us; idle workers never hold it.
      slot.worker.ref();
      const settle = () => {
        slot.listener = undefined;
        slot.failure = undefined;
        slot.worker.unref();
      };
      slot.failure = (error) => {
        settle();
        reject(error);
      };
      slot.listener = (reply) => {
        if (reply.type === 'error') {
          settle();
          reject(new SymregError('SYMREG_WORKER_FAILED', `search worker error: ${reply.message}`));
        } else if (accept(reply)) {
          settle();
          resolve(reply);
        }
      };
      slot.worker.postMessage(message);
    });
  }

  /** Sends the dataset of a fit to every worker; returns the runner for that fit. */
  async prepare(columns: readonly Float64Array[], y: Float64Array, variableNames: readonly string[], options: SymbolicRegressorOptions): Promise<IslandRunner> {
    this.ensureStarted();
    const fitId = ++this.fitCounter;
    const message: ToWorker = {
      type: 'fit',
      fitId,
      columns: [...columns],
      y,
      variableNames: [...variableNames],
      options: { ...options } as Record<string, unknown>,
    };
    await Promise.all(this.slots.map((slot) => this.request(slot, message, (r) => r.type === 'ready' && r.fitId === fitId)));
    return {
      evolve: (tasks, onResult, shouldStop) => this.evolve(fitId, tasks, onResult, shouldStop),
    };
  }

  private async evolve(
    fitId: number,
    tasks: readonly EvolveTask[],
    onResult: (index: number, result: EvolveResult) => void,
    shouldStop: () => boolean,
  ): Promise<void> {
    let next = 0;
    const runSlot = async (slot: Slot): Promise<void> => {
      while (next < tasks.length && !shouldStop()) {
        const index = next++;
        const taskId = ++this.taskCounter;
        const reply = await this.request(slot, { type: 'evolve', fitId, taskId, task: tasks[index]! }, (r) => r.type === 'result' && r.taskId === taskId);
        if (reply.type === 'result') onResult(index, reply.result);
      }
    };
    await Promise.all(this.slots.map(runSlot));
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    this.failure ??= new SymregError('SYMREG_CLOSED', 'the worker pool was closed');
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }
}
