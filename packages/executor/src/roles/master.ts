import { ExecutorError } from '../errors.js';
import { toSafeName } from '../protocol/ids.js';
import type { ControlFile, ProcessedFile, Reclaim, TrialFile } from '../protocol/schemas.js';
import type { ItemResult, RunnerFactory } from '../runner.js';
import { Backoff } from '../util/backoff.js';
import type { RoleContext } from './context.js';
import { MemoryTrialSignals } from './memory-trial-signals.js';
import { Slot } from './slot.js';
import { SlotTracker } from './slot-tracker.js';
import { fingerprint, identifyItems, orderByCost } from './trial-definition.js';
import { chunkCount, chunkIndices, workTrial } from './trial-work.js';

/** What `onProgress` receives. */
export interface TrialProgress<R> {
  readonly trialId: string;
  /** Every result recorded so far (one per item id). */
  readonly results: readonly ItemResult<R>[];
  /** Results new since the previous call. */
  readonly fresh: readonly ItemResult<R>[];
  readonly completed: number;
  readonly total: number;
}

/** Options of `runTrial`. */
export interface RunTrialOptions<P, I, R> {
  /** The trial's work items (opaque, JSON-serialisable). */
  items: readonly I[];
  /**
   * A stable id per item (unique in the trial); results are keyed by it.
   * @default the item's position, as a string
   */
  itemId?: (item: I, index: number) => string;
  /** Creates this process's runner for the trial (the master runs items too). */
  createRunner: RunnerFactory<P, I, R>;
  /**
   * Items per claim for this trial.
   * @default the executor's `subBatchSize`
   */
  subBatchSize?: number;
  /**
   * Order this trial's items by durations measured in earlier trials, longest first.
   * @default the executor's `orderByCost`
   */
  orderByCost?: boolean;
  /** Called after each batch of new results; return `"cancel"` to stop the trial (e.g. pruning). */
  onProgress?: (progress: TrialProgress<R>) => void | 'cancel' | Promise<void | 'cancel'>;
}

/** How a trial ended for the master. */
export interface TrialOutcome<R> {
  readonly outcome: 'completed' | 'cancelled' | 'interrupted';
  /** One result per finished item, in the order the items were given. */
  readonly results: readonly ItemResult<R>[];
  /** True when the trial had already been published (a restarted master) or processed. */
  readonly resumed: boolean;
}

/** The master merges at most this often, so its polling never starves its own items of CPU. */
const MERGE_POLL_MIN_MS = 10;
/** While a trial runs, the merge poll's longest interval: this many ms per live process, at least 50 ms. */
const MERGE_POLL_MS_PER_PROCESS = 5;
/** Longest interval while waiting for the last workers to stop working on a finished trial. */
const FINISH_POLL_MAX_MS = 20;

interface ChunkClaim {
  generation: number;
  /** The claimer's slot; undefined while the claim file is unreadable. */
  slot: number | undefined;
  /** Master-clock time the claim file was first found unreadable. */
  unreadableSince?: number;
}

/** The master: publishes trials, runs items itself, merges results, re-opens dead workers' chunks, ends trials. */
export class Master {
  private slot: Slot | undefined;
  private control: ControlFile | undefined;
  /** The master is the only writer of the processed-trials file: read once, then kept here. */
  private processed: ProcessedFile = { trials: [], itemCosts: {} };
  private readonly tracker: SlotTracker;
  private busy = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: RoleContext) {
    this.tracker = new SlotTracker(ctx, () => this.slot?.index);
  }

  private async init(): Promise<void> {
    if (this.control !== undefined) return;
    const { fs, layout, store, clock } = { ...this.ctx, clock: this.ctx.options.clock };
    await fs.mkdirp(layout.trialsDir);
    await fs.mkdirp(layout.slotsDir);
    const previous = await store.read(layout.control, 'control');
    if (previous.status === 'invalid' && previous.reason.startsWith('expected protocolVersion')) {
      throw new ExecutorError('EXECUTOR_PROTOCOL_MISMATCH', `\`${layout.control}\` was written by another protocol version: ${previous.reason}`);
    }
    const old = previous.status === 'ok' ? previous.value : undefined;
    const processed = await store.read(layout.processedTrials, 'processed');
    if (processed.status === 'ok') this.processed = processed.value;
    this.slot = await Slot.register(this.ctx, old?.nextSlotHint ?? 0, false);
    this.control = {
      masterIncarnation: this.ctx.incarnation,
      seq: (old?.seq ?? 0) + 1,
      at: clock.now(),
      nextSlotHint: old?.nextSlotHint ?? 0,
      trial: old?.trial ?? null,
      shutdown: null,
    };
    await this.publishControl();
  }

  private publishControl(change: (c: ControlFile) => ControlFile = (c) => c): Promise<void> {
    this.writing = this.writing.then(async () => {
      const current = this.control as ControlFile;
      this.control = { ...change(current), seq: current.seq + 1, at: this.ctx.options.clock.now(), nextSlotHint: this.tracker.nextIndex };
      await this.ctx.store.write(this.ctx.layout.control, 'control', this.control);
    });
    return this.writing;
  }

  /** Announces that workers should end their loops (the sweep is over, or the master was interrupted). */
  async shutdown(reason: 'finished' | 'interrupted'): Promise<void> {
    await this.init();
    await this.publishControl((c) => ({ ...c, shutdown: { reason, at: this.ctx.options.clock.now() } }));
    await this.slot?.set('exited', null);
  }

  async runTrial<P, I, R>(trialId: string | number, params: P, options: RunTrialOptions<P, I, R>): Promise<TrialOutcome<R>> {
    const key = toSafeName('trialId', trialId);
    if (this.busy) throw new ExecutorError('EXECUTOR_BUSY', `runTrial(${JSON.stringify(key)}) called while another trial is running`);
    this.busy = true;
    try {
      await this.init();
      return await this.run(key, params, options);
    } finally {
      this.busy = false;
    }
  }

  private async run<P, I, R>(key: string, params: P, options: RunTrialOptions<P, I, R>): Promise<TrialOutcome<R>> {
    const { store, layout, events, fs } = this.ctx;
    const { clock, signal, pollMinMs, pollMaxMs, rng, subBatchSize, orderByCost: byCost } = this.ctx.options;
    const items = identifyItems(options.items, options.itemId);
    const chunkSize = options.subBatchSize ?? subBatchSize;
    if (!Number.isInteger(chunkSize) || chunkSize < 1) {
      throw new ExecutorError('EXECUTOR_INVALID_OPTION', `expected a positive integer for \`subBatchSize\`, got ${JSON.stringify(chunkSize)}`);
    }
    const order = new Map(items.map((item, index) => [item.id, index]));
    const print = fingerprint(params, items);
    const slot = this.slot as Slot;

    const record = this.processed.trials.find((t) => t.key === key);
    const existing = await store.read(layout.trial(key), 'trial');
    if (existing.status === 'ok' && existing.value.fingerprint !== print) {
      throw new ExecutorError('EXECUTOR_TRIAL_CONFLICT', `trial ${JSON.stringify(key)} was already published with other params or items (fingerprint ${existing.value.fingerprint.slice(0, 12)}…, now ${print.slice(0, 12)}…)`);
    }
    if (existing.status === 'invalid') {
      throw new ExecutorError('EXECUTOR_TRIAL_CONFLICT', `\`${layout.trial(key)}\` exists but cannot be used (${existing.reason}); remove the trial's directory to run it again`);
    }
    const merged = new Map<string, ItemResult<R>>();
    const sorted = () => [...merged.values()].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    const finalized = new Set<number>();
    const seenSeq = new Map<number, number>();
    const seenSize = new Map<number, number>();

    // Results count only from a slot with a valid registration, and only from that slot's incarnation.
    const mergeFrom = async (slotIndex: number): Promise<ItemResult<R>[]> => {
      const owner = this.tracker.slots.get(slotIndex)?.file;
      if (owner === undefined) return [];
      // A results file only grows: one of the size already merged has nothing new.
      const read = await store.read(layout.results(key, slotIndex), 'results', seenSize.get(slotIndex));
      if (read.status === 'ok') seenSize.set(slotIndex, read.size);
      if (read.status !== 'ok' || read.value.slot !== slotIndex || read.value.incarnation !== owner.incarnation || seenSeq.get(slotIndex) === read.value.seq) return [];
      seenSeq.set(slotIndex, read.value.seq);
      const fresh: ItemResult<R>[] = [];
      for (const r of read.value.results) {
        if (!order.has(r.id) || merged.has(r.id)) continue;
        const result: ItemResult<R> = { id: r.id, result: r.result as R, workerId: read.value.workerId, durationMs: r.ms };
        merged.set(r.id, result);
        fresh.push(result);
      }
      return fresh;
    };
    const mergeAll = async (includeLive: boolean): Promise<ItemResult<R>[]> => {
      const fresh: ItemResult<R>[] = [];
      for (const tracked of this.tracker.slots.values()) {
        if (tracked.index === slot.index || finalized.has(tracked.index)) continue;
        if (!tracked.dead && !includeLive) continue;
        fresh.push(...(await mergeFrom(tracked.index)));
        if (tracked.dead) finalized.add(tracked.index);
      }
      return fresh;
    };

    if (record !== undefined) {
      await this.tracker.refresh(true);
      if (existing.status === 'ok') await mergeFrom(slot.index);
      await mergeAll(true);
      events.emit('trial-skipped', { trialId: key, reason: 'processed' });
      return { outcome: record.outcome, results: sorted(), resumed: true };
    }

    let trial: TrialFile;
    if (existing.status === 'ok') {
      trial = existing.value;
    } else {
      const ordered = (options.orderByCost ?? byCost) ? orderByCost(items, this.processed.itemCosts) : items;
      trial = { key, trialId: key, params, fingerprint: print, chunkSize, items: ordered, publishedAt: clock.now() };
      await fs.mkdirp(layout.trialDir(key));
      await store.write(layout.trial(key), 'trial', trial);
    }
    const resumed = existing.status === 'ok';
    await this.tracker.refresh(false);
    await this.publishControl((c) => ({ ...c, trial: { key, state: 'running', reclaims: resumed && c.trial?.key === key ? c.trial.reclaims : [] }, shutdown: null }));
    events.emit('trial-published', { trialId: key, items: items.length, chunks: chunkCount(trial), resumed });

    // Progress is reported in order, one call at a time.
    let cancelRequested = false;
    let progressChain: Promise<void> = Promise.resolve();
    const wake = { resolve: () => {} };
    const report = (fresh: readonly ItemResult<R>[], workerId: string) => {
      if (fresh.length === 0) return progressChain;
      events.emit('items-done', { trialId: key, workerId, count: fresh.length, completed: merged.size, total: items.length });
      progressChain = progressChain.then(async () => {
        const verdict = await options.onProgress?.({ trialId: key, results: sorted(), fresh, completed: merged.size, total: items.length });
        if (verdict === 'cancel') cancelRequested = true;
      });
      wake.resolve();
      return progressChain;
    };

    // Results published by earlier incarnations of this master are reused.
    if (resumed) {
      for (const tracked of this.tracker.slots.values()) {
        if (tracked.file?.role === 'master' && tracked.index !== slot.index) await report(await mergeFrom(tracked.index), tracked.file.workerId);
      }
      await report(await mergeAll(true), 'workers');
    }

    const own = new MemoryTrialSignals();
    own.setReclaims(this.control?.trial?.reclaims ?? []);
    let ownError: unknown;
    const ownWork = workTrial(this.ctx, slot, trial, own, options.createRunner, async (fresh) => {
      const mine = fresh.filter((r) => !merged.has(r.id));
      for (const r of mine) merged.set(r.id, r);
      await report(mine, this.ctx.options.workerId);
    }).catch((error: unknown) => {
      ownError = error;
      wake.resolve();
    });

    const claims = new Map<number, ChunkClaim>();
    // The merge poll opens one file per live process: its longest interval grows with their
    // number, so the master's load on the metadata server stays about 200 opens/s at most.
    const mergeMaxMs = () => Math.min(pollMaxMs, Math.max(50, MERGE_POLL_MS_PER_PROCESS * this.tracker.live().length));
    const backoff = new Backoff(Math.max(pollMinMs, MERGE_POLL_MIN_MS), Math.max(pollMaxMs, MERGE_POLL_MIN_MS), rng);
    let pause = new AbortController();
    const onInterrupt = () => pause.abort();
    signal?.addEventListener('abort', onInterrupt);
    wake.resolve = () => pause.abort();
    const decide = async (): Promise<TrialOutcome<R>['outcome']> => {
      for (;;) {
        await progressChain;
        if (ownError !== undefined) throw ownError;
        if (signal?.aborted) return 'interrupted';
        if (cancelRequested) return 'cancelled';
        if (merged.size === items.length) return 'completed';
        await this.tracker.refresh(false);
        const fresh = await mergeAll(true);
        if (fresh.length > 0) {
          // Results keep coming: poll about as often as they arrive.
          backoff.halve();
          await report(fresh, 'workers');
          if (merged.size === items.length) continue;
        } else {
          await this.reopenOrphans(key, trial, merged, claims, finalized, own);
        }
        if (!pause.signal.aborted) await clock.sleep(Math.min(backoff.next(), mergeMaxMs()), pause.signal);
        pause = new AbortController();
      }
    };
    let outcome: TrialOutcome<R>['outcome'];
    try {
      outcome = await decide();
    } catch (error) {
      // a failing runner, onProgress or filesystem: stop our own items before reporting it
      own.end(true);
      await ownWork;
      throw error;
    } finally {
      signal?.removeEventListener('abort', onInterrupt);
    }

    if (outcome === 'interrupted') {
      own.end(true);
      await ownWork;
      await report(await mergeAll(true), 'workers');
      await progressChain;
      await this.publishControl((c) => ({ ...c, shutdown: { reason: 'interrupted', at: clock.now() } }));
      await slot.set('exited', null);
      events.emit('shutdown', { reason: 'signal', detail: 'master interrupted by its signal' });
      events.emit('trial-ended', { trialId: key, outcome });
      return { outcome, results: sorted(), resumed };
    }

    if (outcome === 'cancelled') events.emit('trial-cancelled', { trialId: key });
    await this.publishControl((c) => ({ ...c, trial: { key, state: outcome === 'completed' ? 'finished' : 'cancelled', reclaims: c.trial?.reclaims ?? [] } }));
    own.end(outcome === 'cancelled');
    await ownWork;
    await this.waitForWorkers(key);
    await mergeAll(true);
    await progressChain;
    await this.recordProcessed(key, outcome, merged);
    events.emit('trial-ended', { trialId: key, outcome });
    return { outcome, results: sorted(), resumed };
  }

  /**
   * Waits until no live process is still running items of the trial: rereads only the
   * heartbeats of those last seen working on it, every few milliseconds (they are about
   * to say so); bounded, because a silent one is dead after the heartbeat timeout.
   */
  private async waitForWorkers(key: string): Promise<void> {
    const { clock, pollMinMs, rng, heartbeatTimeoutMs } = this.ctx.options;
    const backoff = new Backoff(pollMinMs, Math.max(pollMinMs, FINISH_POLL_MAX_MS), rng);
    const deadline = clock.now() + heartbeatTimeoutMs;
    await this.tracker.refresh(true);
    for (;;) {
      const busy = this.tracker.live().filter((s) => s.file?.trialKey === key && s.file.phase === 'working');
      if (busy.length === 0) return;
      if (clock.now() > deadline) {
        const ids = busy.map((s) => s.file?.workerId ?? String(s.index));
        this.ctx.events.emit('warning', { code: 'EXECUTOR_WAIT_TIMEOUT', message: `trial ${JSON.stringify(key)} ended but ${JSON.stringify(ids)} still report working after ${heartbeatTimeoutMs} ms; not waiting longer` });
        return;
      }
      await clock.sleep(backoff.next());
      await this.tracker.refresh(true, busy);
    }
  }

  /**
   * Re-opens chunks whose latest claimer is dead (or whose claim file is unusable):
   * the missing items get a new generation that anyone may claim.
   */
  private async reopenOrphans<R>(key: string, trial: TrialFile, merged: Map<string, ItemResult<R>>, claims: Map<number, ChunkClaim>, finalized: Set<number>, own: MemoryTrialSignals): Promise<void> {
    const control = this.control;
    if (control?.trial?.key !== key) return;
    const added: Reclaim[] = [];
    const latestReclaim = new Map(control.trial.reclaims.map((r) => [r.chunk, r.generation]));
    for (let chunk = 0; chunk < chunkCount(trial); chunk++) {
      const missing = chunkIndices(trial, chunk).filter((i) => !merged.has((trial.items[i] as { id: string }).id));
      if (missing.length === 0) continue;
      let known = claims.get(chunk);
      const target = latestReclaim.get(chunk) ?? 0;
      if (known === undefined || known.generation < target || known.slot === undefined) {
        const read = await this.ctx.store.read(this.ctx.layout.claim(key, chunk, target), 'claim', undefined, { createdInPlace: true });
        if (read.status === 'missing') {
          if (target === 0) break; // the claiming frontier: chunks beyond are not taken yet
          continue; // re-opened, not yet taken
        }
        const since = known?.generation === target ? known.unreadableSince : undefined;
        known = read.status === 'ok' ? { generation: target, slot: read.value.slot } : { generation: target, slot: undefined, unreadableSince: since ?? this.ctx.options.clock.now() };
        claims.set(chunk, known);
      }
      const owner = known.slot === undefined ? undefined : this.tracker.slots.get(known.slot);
      // A claim is written in place, so it may be unreadable for a moment; one that stays
      // unreadable (a claimer that died mid-write, a foreign file) is an orphan after the timeout.
      const unreadableTooLong = known.unreadableSince !== undefined && this.ctx.options.clock.now() - known.unreadableSince > this.ctx.options.heartbeatTimeoutMs;
      const ownerGone = unreadableTooLong || (owner !== undefined && owner.dead && finalized.has(owner.index));
      if (!ownerGone) continue;
      added.push({ chunk, generation: known.generation + 1, indices: missing });
      this.ctx.events.emit('chunk-reclaimed', { trialId: key, chunk, generation: known.generation + 1, fromWorkerId: owner?.file?.workerId ?? 'unknown', items: missing.length });
    }
    if (added.length === 0) return;
    const keep = control.trial.reclaims.filter((r) => !added.some((a) => a.chunk === r.chunk));
    await this.publishControl((c) => ({ ...c, trial: { key, state: 'running', reclaims: [...keep, ...added] } }));
    own.setReclaims(this.control?.trial?.reclaims ?? []);
  }

  private async recordProcessed<R>(key: string, outcome: 'completed' | 'cancelled', merged: Map<string, ItemResult<R>>): Promise<void> {
    const trials = [...this.processed.trials.filter((t) => t.key !== key), { key, outcome, at: this.ctx.options.clock.now() }];
    const itemCosts = { ...this.processed.itemCosts };
    if (outcome === 'completed') for (const r of merged.values()) itemCosts[r.id] = r.durationMs;
    const next = { trials, itemCosts };
    await this.ctx.store.write(this.ctx.layout.processedTrials, 'processed', next);
    this.processed = next;
  }
}
