import type { RunnerFactory } from '../runner.js';
import { Backoff } from '../util/backoff.js';
import type { RoleContext } from './context.js';
import { DiskTrialWatcher } from './disk-trial-watcher.js';
import { ShutdownRule } from './shutdown-rule.js';
import { Slot } from './slot.js';
import { workTrial } from './trial-work.js';

/** How a worker's loop ended. */
export type WorkerOutcome = 'shutdown' | 'interrupted';

/**
 * The worker loop: check for interruption → poll `control.json` (O(1) metadata
 * operations, backing off while idle) → skip processed trials → take part in the current
 * trial → repeat, until the master's shutdown notice or this process's own signal.
 */
export async function runWorkerLoop<P, I, R>(ctx: RoleContext, createRunner: RunnerFactory<P, I, R>, interrupt: AbortSignal): Promise<WorkerOutcome> {
  const { clock, pollMinMs, pollMaxMs, rng } = ctx.options;
  const rule = new ShutdownRule(clock.now());
  await ctx.fs.mkdirp(ctx.layout.root);
  const first = await ctx.store.read(ctx.layout.control, 'control');
  const slot = await Slot.register(ctx, first.status === 'ok' ? first.value.nextSlotHint : 0);
  const heartbeatStop = new AbortController();
  const heartbeat = slot.heartbeatLoop(heartbeatStop.signal);
  const left = new Set<string>();
  const backoff = new Backoff(pollMinMs, pollMaxMs, rng);
  const interrupted = (): WorkerOutcome => {
    ctx.events.emit('shutdown', { reason: 'signal', detail: 'interrupted by its signal' });
    return 'interrupted';
  };
  try {
    for (;;) {
      if (interrupt.aborted) return interrupted();
      const read = await ctx.store.read(ctx.layout.control, 'control');
      if (read.status === 'ok') {
        const control = read.value;
        if (rule.observe(control)) {
          ctx.events.emit('shutdown', { reason: 'notice', detail: `master announced shutdown (${control.shutdown?.reason ?? ''})` });
          return 'shutdown';
        }
        const trial = control.trial;
        if (trial !== null && trial.state === 'running' && control.shutdown === null && !left.has(trial.key)) {
          const processed = await ctx.store.read(ctx.layout.processedTrials, 'processed');
          if (processed.status === 'ok' && processed.value.trials.some((t) => t.key === trial.key)) {
            left.add(trial.key);
            continue;
          }
          const trialFile = await ctx.store.read(ctx.layout.trial(trial.key), 'trial');
          if (trialFile.status === 'ok') {
            backoff.reset();
            await slot.set('waiting', trial.key); // the acknowledgement
            ctx.events.emit('trial-joined', { trialId: trial.key, workerId: ctx.options.workerId });
            const watcher = new DiskTrialWatcher(ctx, trial.key, rule, interrupt, control);
            try {
              await workTrial(ctx, slot, trialFile.value, watcher, createRunner, (fresh, all) => {
                ctx.events.emit('items-done', { trialId: trial.key, workerId: ctx.options.workerId, count: fresh.length, completed: all.length, total: trialFile.value.items.length });
              });
            } finally {
              await watcher.close();
            }
            left.add(trial.key);
            const reason = watcher.stopReason;
            ctx.events.emit('trial-ended', { trialId: trial.key, outcome: reason === 'shutdown' ? 'shutdown' : reason === 'interrupted' ? 'interrupted' : reason === 'cancelled' ? 'cancelled' : 'completed' });
            if (reason === 'shutdown') {
              ctx.events.emit('shutdown', { reason: 'notice', detail: 'master announced shutdown' });
              return 'shutdown';
            }
            if (reason === 'interrupted') return interrupted();
            continue;
          }
        }
      }
      await clock.sleep(backoff.next(), interrupt);
    }
  } finally {
    heartbeatStop.abort();
    await heartbeat;
    await slot.set('exited', null);
  }
}
