import { ExecutorError } from '../errors.js';
import type { Reclaim, ResultsFile, TrialFile } from '../protocol/schemas.js';
import type { ItemResult, RunnerFactory, TrialRunner, WorkItem } from '../runner.js';
import type { RoleContext } from './context.js';
import { findFrontier } from './frontier.js';
import type { Slot } from './slot.js';

/** How a participant sees the trial it works on. */
export interface TrialSignals {
  /** Whether work may still be taken, and the chunks re-opened by the master. */
  view(): { readonly active: boolean; readonly reclaims: readonly Reclaim[] };
  /** Resolves when the view may have changed (bounded wait). */
  waitForChange(): Promise<void>;
  /** Aborts when running items must stop (cancel, shutdown, interruption). */
  readonly stopSignal: AbortSignal;
}

/** Number of chunks of a trial. */
export function chunkCount(trial: TrialFile): number {
  return Math.ceil(trial.items.length / trial.chunkSize);
}

/** Positions of the items of chunk `chunk`. */
export function chunkIndices(trial: TrialFile, chunk: number): number[] {
  const start = chunk * trial.chunkSize;
  const end = Math.min(trial.items.length, start + trial.chunkSize);
  return Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);
}

/**
 * One process's part of a trial, the same for master and workers: claim the next chunk
 * (exclusive create of `claim-<chunk>-<generation>.json` at the claiming frontier, found
 * with a few `stat`s however many processes claim), run it, publish the cumulative
 * results, repeat; when nothing is left, say "waiting" and watch for re-opened chunks
 * until the trial stops.
 */
export async function workTrial<P, I, R>(
  ctx: RoleContext,
  slot: Slot,
  trial: TrialFile,
  signals: TrialSignals,
  createRunner: RunnerFactory<P, I, R>,
  onPublished: (fresh: readonly ItemResult<R>[], all: readonly ItemResult<R>[]) => void | Promise<void>,
): Promise<readonly ItemResult<R>[]> {
  const { clock, workerId } = ctx.options;
  const chunks = chunkCount(trial);
  const tried = new Set<string>();
  const published = new Map<string, ItemResult<R>>();
  let seq = 0;
  let hint = 0;
  let runner: TrialRunner<I, R> | undefined;
  const trialId = String(trial.trialId);

  const tryClaim = async (chunk: number, generation: number): Promise<boolean> => {
    const key = `${chunk}-${generation}`;
    if (tried.has(key)) return false;
    tried.add(key);
    const path = ctx.layout.claim(trial.key, chunk, generation);
    // One exclusive open: EEXIST (or a failure with the name present) means someone else has it.
    const body = { chunk, generation, slot: slot.index, workerId, incarnation: ctx.incarnation, at: clock.now() };
    return (await ctx.store.createInPlace(path, 'claim', body)) === 'created';
  };

  // Fresh chunks: search for the claiming frontier (see findFrontier), guessing it moved
  // as far as it did between this process's last two claims.
  let lastClaimed = -1;
  let stride = 1;
  const claimed = (chunk: number) => ctx.fs.exists(ctx.layout.claim(trial.key, chunk, 0));
  const claimNext = async (): Promise<number[] | undefined> => {
    while (hint < chunks && signals.view().active) {
      const chunk = await findFrontier(claimed, hint, chunks, hint + stride - 1);
      hint = chunk + 1;
      if (chunk >= chunks) break;
      if (await tryClaim(chunk, 0)) {
        if (lastClaimed >= 0) stride = Math.max(1, chunk - lastClaimed);
        lastClaimed = chunk;
        return chunkIndices(trial, chunk);
      }
    }
    for (const reclaim of signals.view().reclaims) {
      if (!signals.view().active) return undefined;
      if (await tryClaim(reclaim.chunk, reclaim.generation)) return reclaim.indices.filter((i) => i < trial.items.length);
    }
    return undefined;
  };

  // Publishing overlaps the next sub-batch: a flush is scheduled (setImmediate) once the
  // next run is under way, and writes everything finished by then in one go, so sub-batches
  // that end together cost one write. It is always flushed before this process says it is
  // waiting or leaves the trial.
  let unpublished: ItemResult<R>[] = [];
  let flushing: Promise<void> | undefined;
  let publishError: unknown;
  const publish = (fresh: ItemResult<R>[]) => {
    for (const result of fresh) published.set(result.id, result);
    unpublished.push(...fresh);
    flushing ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => {
        flushing = undefined;
        const batch = unpublished;
        unpublished = [];
        seq += 1;
        const all = [...published.values()];
        const body: ResultsFile = { slot: slot.index, workerId, incarnation: ctx.incarnation, seq, results: all.map((r) => ({ id: r.id, result: r.result, ms: r.durationMs })) };
        await ctx.store.write(ctx.layout.results(trial.key, slot.index), 'results', body);
        await onPublished(batch, all);
      })
      .catch((error: unknown) => {
        publishError ??= error;
      });
  };
  const flush = async () => {
    while (flushing !== undefined) await flushing;
    if (publishError !== undefined) throw publishError;
  };

  try {
    for (;;) {
      if (!signals.view().active || signals.stopSignal.aborted) break;
      const indices = await claimNext();
      if (indices === undefined) {
        await flush();
        if (!signals.view().active) break;
        await slot.set('waiting', trial.key);
        await signals.waitForChange();
        continue;
      }
      await slot.set('working', trial.key);
      const batch = indices.map((i) => trial.items[i] as WorkItem<I>);
      try {
        runner ??= await createRunner(trial.params as P, { trialId });
      } catch (error) {
        throw new ExecutorError('EXECUTOR_RUNNER_FAILED', `createRunner failed for trial ${JSON.stringify(trialId)}`, { cause: error });
      }
      const started = clock.now();
      let outcomes;
      try {
        outcomes = await runner.run(batch, { signal: signals.stopSignal, trialId });
      } catch (error) {
        if (signals.stopSignal.aborted) outcomes = [];
        else throw new ExecutorError('EXECUTOR_RUNNER_FAILED', `runner.run failed on items ${JSON.stringify(batch.map((b) => b.id))}`, { cause: error });
      }
      const elapsed = clock.now() - started;
      const wanted = new Set(batch.map((b) => b.id));
      const fresh: ItemResult<R>[] = [];
      for (const outcome of outcomes) {
        if (!wanted.has(outcome.id)) {
          throw new ExecutorError('EXECUTOR_RUNNER_INCOMPLETE', `runner returned a result for id ${JSON.stringify(outcome.id)}, which is not in its sub-batch`);
        }
        wanted.delete(outcome.id);
        fresh.push({ id: outcome.id, result: outcome.result, workerId, durationMs: elapsed / Math.max(1, batch.length) });
      }
      if (wanted.size > 0 && !signals.stopSignal.aborted) {
        throw new ExecutorError('EXECUTOR_RUNNER_INCOMPLETE', `runner returned no result for ids ${JSON.stringify([...wanted])}`);
      }
      if (publishError !== undefined) throw publishError;
      if (fresh.length > 0) publish(fresh);
    }
    await flush();
    await slot.set('waiting', trial.key); // no longer running anything of the trial
  } finally {
    while (flushing !== undefined) await flushing;
    await runner?.close?.();
  }
  return [...published.values()];
}
