import type { DistributedTrialExecutor } from '@hyperopt/executor';
import type { SweepEventSink } from '../progress/sweep-events.js';

/** Forwards the executor's events (workers joined and lost, warnings) as sweep events; counts live workers. */
export function forwardExecutorEvents<P, I, R>(executor: DistributedTrialExecutor<P, I, R>, events: SweepEventSink, now: () => number): { alive: () => number; dispose: () => void } {
  const live = new Set<string>();
  const offs = [
    executor.on('worker-joined', (e) => {
      if (e.role !== 'worker') return;
      live.add(e.workerId);
      events.handle({ type: 'worker-joined', at: now(), workerId: e.workerId, host: e.host });
    }),
    executor.on('worker-lost', (e) => {
      if (!live.delete(e.workerId)) return;
      events.handle({ type: 'worker-lost', at: now(), workerId: e.workerId, reason: e.reason });
    }),
    executor.on('warning', (e) => events.handle({ type: 'warning', at: now(), code: e.code, message: e.message })),
  ];
  return { alive: () => live.size, dispose: () => offs.forEach((off) => off()) };
}
