/** The signals that mean "stop taking work, publish what is finished, exit as interrupted". */
export const shutdownSignals = ['SIGINT', 'SIGTERM', 'SIGUSR1', 'SIGUSR2'] as const;

/** One of {@link shutdownSignals}. */
export type ShutdownSignalName = (typeof shutdownSignals)[number];

/** An AbortSignal driven by process signals, and the function that removes the handlers. */
export interface ShutdownSignalHandle {
  readonly signal: AbortSignal;
  /** The process signal that aborted `signal`, once one has. */
  readonly received: () => ShutdownSignalName | undefined;
  readonly dispose: () => void;
}

/**
 * Maps SIGINT, SIGTERM, SIGUSR1 and SIGUSR2 (SLURM's `--signal` warning before the time
 * limit) to an AbortSignal, for the executor's `signal` option. The handlers replace
 * Node's default of exiting at once, so the executor can publish before the process ends.
 */
export function installShutdownSignals(names: readonly ShutdownSignalName[] = shutdownSignals): ShutdownSignalHandle {
  const controller = new AbortController();
  let received: ShutdownSignalName | undefined;
  const handlers = names.map((name) => {
    const handler = () => {
      received ??= name;
      controller.abort(new Error(`received ${name}`));
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    received: () => received,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
