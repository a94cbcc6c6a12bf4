/** One unit of work: a stable id (unique within the trial) and the caller's opaque, JSON-serialisable item. */
export interface WorkItem<I> {
  readonly id: string;
  readonly item: I;
}

/** The result of one item, as returned by a runner. */
export interface ItemOutcome<R> {
  readonly id: string;
  readonly result: R;
}

/** A recorded result: which process produced it and how long it took. */
export interface ItemResult<R> extends ItemOutcome<R> {
  readonly workerId: string;
  readonly durationMs: number;
}

/** Context handed to a runner's `run`. */
export interface RunContext {
  /** Aborts when the trial is cancelled or the process shuts down; return what is finished. */
  readonly signal: AbortSignal;
  readonly trialId: string;
}

/**
 * Runs items for one trial's params. Created once per trial per process, on the first
 * sub-batch the process takes, and closed when the trial ends for it.
 */
export interface TrialRunner<I, R> {
  /**
   * Runs a sub-batch. Must return one outcome per item, in any order; when `signal`
   * aborts, may return only the items that finished. Throwing fails this process's run
   * (`EXECUTOR_RUNNER_FAILED`): encode per-item failures in `R` instead.
   */
  run(batch: readonly WorkItem<I>[], context: RunContext): Promise<readonly ItemOutcome<R>[]>;
  /** Releases the runner's resources. */
  close?(): Promise<void> | void;
}

/** Creates a runner for a trial's params. */
export type RunnerFactory<P, I, R> = (params: P, context: { readonly trialId: string }) => Promise<TrialRunner<I, R>> | TrialRunner<I, R>;
