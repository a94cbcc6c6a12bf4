import type { SrBackend, Timers } from '../backends/backend.js';
import { PySRBackend } from '../backends/pysr/pysr-backend.js';
import type { SrRunnerEvent } from './events.js';
import type { SrRunnerConfig } from './options.js';

/** Creates the configured built-in backend (`native` or `pysr`) for one lane. */
export async function createBuiltinBackend(
  config: SrRunnerConfig,
  context: { readonly lane: number; readonly signal?: AbortSignal; readonly timers: Timers; readonly onEvent?: (event: SrRunnerEvent) => void },
): Promise<SrBackend> {
  if (config.backend === 'native') {
    // Loaded on demand: a PySR sweep never loads the native engine.
    const { NativeBackend } = await import('../backends/native-backend.js');
    return new NativeBackend(config.hyperparameters, { timers: context.timers });
  }
  const { pysr } = config;
  return PySRBackend.create(
    config.hyperparameters,
    {
      ...(pysr.python !== undefined ? { python: pysr.python } : {}),
      ...(pysr.logFile !== undefined ? { logFile: pysr.logFile } : {}),
      pythonPath: pysr.pythonPath,
      env: pysr.env,
      startupTimeoutMs: pysr.startupTimeoutMs,
      timeoutGraceMs: pysr.timeoutGraceMs,
      passThrough: pysr.passThrough,
      timers: context.timers,
      onStart: (info) => context.onEvent?.({ type: 'backend-start', lane: context.lane, pid: info.pid, restart: info.restart }),
    },
    context.signal,
  );
}
