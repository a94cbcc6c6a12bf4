import { z } from 'zod';

const at = z.number().describe('epoch milliseconds');
const trial = z.number().int().nonnegative();
const paramValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Everything a sweep reports: rendered on the terminal, appended to the JSON-lines event log. */
export const sweepEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sweep-started'),
    at,
    role: z.enum(['master', 'worker']),
    workerId: z.string(),
    studyName: z.string(),
    sweepDir: z.string(),
    nTrials: z.number().int().nullable(),
    finishedTrials: z.number().int(),
    items: z.number().int(),
  }),
  z.object({ type: z.literal('baselines-enqueued'), at, count: z.number().int() }),
  z.object({ type: z.literal('stale-trials-failed'), at, trials: z.array(trial) }),
  z.object({
    type: z.literal('trial-started'),
    at,
    trial,
    params: z.record(z.string(), paramValue),
    items: z.number().int(),
    retryOf: trial.nullable(),
  }),
  z.object({
    type: z.literal('trial-progress'),
    at,
    trial,
    completed: z.number().int(),
    total: z.number().int(),
    value: z.number().nullable(),
    workersAlive: z.number().int(),
  }),
  z.object({ type: z.literal('trial-pruned'), at, trial, step: z.number().int(), value: z.number().nullable() }),
  z.object({
    type: z.literal('trial-finished'),
    at,
    trial,
    state: z.enum(['COMPLETE', 'PRUNED', 'FAIL']),
    values: z.array(z.number()).nullable(),
    bestValue: z.number().nullable(),
    bestTrial: trial.nullable(),
    finishedTrials: z.number().int(),
    error: z.string().nullable(),
  }),
  z.object({ type: z.literal('worker-joined'), at, workerId: z.string(), host: z.string() }),
  z.object({ type: z.literal('worker-lost'), at, workerId: z.string(), reason: z.string() }),
  z.object({ type: z.literal('warning'), at, code: z.string(), message: z.string() }),
  z.object({ type: z.literal('interrupted'), at, reason: z.string() }),
  z.object({
    type: z.literal('sweep-finished'),
    at,
    finishedTrials: z.number().int(),
    bestValue: z.number().nullable(),
    bestTrial: trial.nullable(),
    bestParams: z.record(z.string(), paramValue).nullable(),
    reportPath: z.string().nullable(),
  }),
]);

/** One sweep event. */
export type SweepEvent = z.infer<typeof sweepEventSchema>;
/** The name of a sweep event. */
export type SweepEventType = SweepEvent['type'];
/** A sweep event of one type. */
export type SweepEventOf<T extends SweepEventType> = Extract<SweepEvent, { type: T }>;

/** Receives sweep events (renderers, the event log, the status file). */
export interface SweepEventSink {
  handle(event: SweepEvent): void;
  close?(): Promise<void> | void;
}

/** Sends every event to several sinks. */
export class SweepEventBus implements SweepEventSink {
  private readonly sinks: SweepEventSink[] = [];

  constructor(sinks: readonly SweepEventSink[] = []) {
    this.sinks.push(...sinks);
  }

  add(sink: SweepEventSink): void {
    this.sinks.push(sink);
  }

  handle(event: SweepEvent): void {
    for (const sink of this.sinks) sink.handle(event);
  }

  private closed = false;

  /** Closes every sink once (later calls do nothing). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const sink of this.sinks) await sink.close?.();
  }
}
