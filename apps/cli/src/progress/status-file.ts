import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../sweep/atomic-write.js';
import type { SweepEvent, SweepEventSink } from './sweep-events.js';

const paramValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** The master's live status snapshot (`<sweep>/hyperopt/status.json`). */
export const statusSchema = z.object({
  version: z.literal(1),
  updatedAt: z.number(),
  pid: z.number().int(),
  host: z.string(),
  state: z.enum(['running', 'finished', 'interrupted']),
  studyName: z.string(),
  nTrials: z.number().int().nullable(),
  finishedTrials: z.number().int(),
  bestValue: z.number().nullable(),
  bestTrial: z.number().int().nullable(),
  workers: z.array(z.string()),
  running: z
    .object({
      trial: z.number().int(),
      params: z.record(z.string(), paramValue),
      completed: z.number().int(),
      total: z.number().int(),
      value: z.number().nullable(),
      startedAt: z.number(),
    })
    .nullable(),
});

/** The status snapshot. */
export type SweepStatus = z.infer<typeof statusSchema>;

/** Keeps the status snapshot up to date from the master's events (at most one write per `minIntervalMs`, plus every milestone). */
export class StatusFile implements SweepEventSink {
  private status: SweepStatus;
  private writing: Promise<void> = Promise.resolve();
  private lastWrite = Number.NEGATIVE_INFINITY;
  private pending = false;

  constructor(
    private readonly path: string,
    identity: { pid: number; host: string; studyName: string },
    private readonly now: () => number = Date.now,
    private readonly minIntervalMs = 500,
  ) {
    this.status = { version: 1, updatedAt: now(), pid: identity.pid, host: identity.host, state: 'running', studyName: identity.studyName, nTrials: null, finishedTrials: 0, bestValue: null, bestTrial: null, workers: [], running: null };
  }

  handle(event: SweepEvent): void {
    const s = this.status;
    let milestone = false;
    switch (event.type) {
      case 'sweep-started':
        s.nTrials = event.nTrials;
        s.finishedTrials = event.finishedTrials;
        s.state = 'running';
        milestone = true;
        break;
      case 'trial-started':
        s.running = { trial: event.trial, params: event.params, completed: 0, total: event.items, value: null, startedAt: event.at };
        milestone = true;
        break;
      case 'trial-progress':
        if (s.running?.trial === event.trial) Object.assign(s.running, { completed: event.completed, total: event.total, value: event.value });
        break;
      case 'trial-finished':
        s.finishedTrials = event.finishedTrials;
        s.bestValue = event.bestValue;
        s.bestTrial = event.bestTrial;
        s.running = null;
        milestone = true;
        break;
      case 'worker-joined':
        if (!s.workers.includes(event.workerId)) s.workers.push(event.workerId);
        milestone = true;
        break;
      case 'worker-lost':
        s.workers = s.workers.filter((w) => w !== event.workerId);
        milestone = true;
        break;
      case 'interrupted':
        s.state = 'interrupted';
        milestone = true;
        break;
      case 'sweep-finished':
        s.state = 'finished';
        s.running = null;
        s.bestValue = event.bestValue;
        s.bestTrial = event.bestTrial;
        s.finishedTrials = event.finishedTrials;
        milestone = true;
        break;
      default:
        return;
    }
    s.updatedAt = event.at;
    if (milestone || this.now() - this.lastWrite >= this.minIntervalMs) this.flush();
    else this.pending = true;
  }

  /** Marks the snapshot as fresh (the master's liveness signal) and writes it now. */
  touch(): void {
    this.status.updatedAt = this.now();
    this.flush();
  }

  private flush(): void {
    this.lastWrite = this.now();
    this.pending = false;
    const text = `${JSON.stringify(this.status, null, 2)}\n`;
    this.writing = this.writing.then(() => writeFileAtomic(this.path, text)).catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.pending) this.flush();
    await this.writing;
  }
}

/** Reads the status snapshot; undefined when missing or invalid. */
export async function readStatus(path: string): Promise<SweepStatus | undefined> {
  try {
    const parsed = statusSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
