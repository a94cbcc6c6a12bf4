import { hostname } from 'node:os';
import type { SweepConfig } from '../config/sweep-config-schema.js';
import { CliError } from '../errors.js';
import type { SweepEventSink } from '../progress/sweep-events.js';
import { readStatus } from '../progress/status-file.js';
import { readConfigSnapshot } from './config-snapshot.js';
import { createSweepExecutor } from './create-executor.js';
import { executorRunnerFactory } from './executor-runner.js';
import type { SweepBackendFactory } from './sweep-backend.js';
import { SweepLayout } from './sweep-layout.js';

/** Options of {@link runWorker}. */
export interface RunWorkerOptions {
  readonly sweepDir: string;
  readonly loadBackend: SweepBackendFactory;
  readonly events: SweepEventSink;
  readonly signal?: AbortSignal | undefined;
  readonly workerId?: string | undefined;
  /** How long to wait for the master to record the sweep's config. @default 300000 */
  readonly waitForConfigMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** How long a "finished" status must stay unchanged before a worker that never saw the master running exits. @default 5000 */
  readonly finishedConfirmMs?: number;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Waits (bounded, with back-off) for the master to record the sweep's config. */
export async function waitForConfig(layout: SweepLayout, options: { timeoutMs: number; now: () => number; sleep: (ms: number, signal?: AbortSignal) => Promise<void>; signal?: AbortSignal | undefined; onWait?: () => void }): Promise<SweepConfig | undefined> {
  const deadline = options.now() + options.timeoutMs;
  let delay = 50;
  let told = false;
  for (;;) {
    const config = await readConfigSnapshot(layout);
    if (config !== undefined) return config;
    if (options.now() >= deadline || options.signal?.aborted === true) return undefined;
    if (!told && delay >= 1000) {
      options.onWait?.();
      told = true;
    }
    await options.sleep(delay, options.signal);
    delay = Math.min(2000, delay * 2);
  }
}

/**
 * Watches the master's status file: a worker that starts after the sweep ended never sees
 * the master running, so the executor's shutdown notice does not apply to it; the same
 * "finished" snapshot seen twice, `confirmMs` apart, ends it instead.
 */
async function watchForFinishedSweep(layout: SweepLayout, finished: AbortController, stop: AbortSignal, sleep: (ms: number, signal?: AbortSignal) => Promise<void>, confirmMs: number): Promise<void> {
  let seen: number | undefined;
  while (!stop.aborted && !finished.signal.aborted) {
    const status = await readStatus(layout.status);
    if (status?.state === 'finished') {
      if (seen === status.updatedAt) finished.abort();
      seen = status.updatedAt;
    } else seen = undefined;
    await sleep(confirmMs, stop);
  }
}

/**
 * A worker: reads the sweep's config from the sweep directory, then takes part in every
 * trial the master publishes, with one SR runner per trial, until the master's shutdown
 * notice (`"shutdown"`) or its own interruption (`"interrupted"`).
 */
export async function runWorker(options: RunWorkerOptions): Promise<'shutdown' | 'interrupted'> {
  const now = options.now ?? Date.now;
  const layout = new SweepLayout(options.sweepDir);
  const timeoutMs = options.waitForConfigMs ?? 300_000;
  const config = await waitForConfig(layout, {
    timeoutMs,
    now,
    sleep: options.sleep ?? abortableSleep,
    signal: options.signal,
    onWait: () => options.events.handle({ type: 'warning', at: now(), code: 'CLI_SWEEP_NOT_FOUND', message: `no sweep in ${layout.root} yet: waiting up to ${Math.round(timeoutMs / 1000)} s for its master to start` }),
  });
  if (config === undefined) {
    if (options.signal?.aborted === true) return 'interrupted';
    throw new CliError('CLI_SWEEP_NOT_FOUND', `no sweep config in \`${layout.config}\`: start the master (hyperopt run <config>) on this sweep directory first`);
  }
  const backend = await options.loadBackend(config);
  const finished = new AbortController();
  const stopWatching = new AbortController();
  const sleep = options.sleep ?? abortableSleep;
  const watching = watchForFinishedSweep(layout, finished, stopWatching.signal, sleep, options.finishedConfirmMs ?? 5_000);
  const signal = options.signal === undefined ? finished.signal : AbortSignal.any([options.signal, finished.signal]);
  const executor = createSweepExecutor(config, layout, 'worker', { workerId: options.workerId, signal });
  executor.on('warning', (e) => options.events.handle({ type: 'warning', at: now(), code: e.code, message: e.message }));
  executor.on('trial-joined', (e) => options.events.handle({ type: 'worker-joined', at: now(), workerId: `${e.workerId} (trial ${e.trialId})`, host: hostname() }));
  options.events.handle({ type: 'sweep-started', at: now(), role: 'worker', workerId: executor.workerId, studyName: config.study.name, sweepDir: layout.root, nTrials: config.study.nTrials ?? null, finishedTrials: 0, items: 0 });
  let result: Awaited<ReturnType<typeof executor.runWorker>>;
  try {
    result = await executor.runWorker({ createRunner: executorRunnerFactory(backend, layout.cacheDir) });
  } finally {
    stopWatching.abort();
    await watching;
  }
  if (finished.signal.aborted && options.signal?.aborted !== true) return 'shutdown';
  if (result.outcome === 'interrupted') options.events.handle({ type: 'interrupted', at: now(), reason: 'signal' });
  return result.outcome === 'interrupted' ? 'interrupted' : 'shutdown';
}
