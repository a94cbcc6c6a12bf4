import { hostname } from 'node:os';
import { z } from 'zod';
import { ExecutorError } from './errors.js';
import { toSafeName } from './protocol/ids.js';
import { systemClock, type Clock, type Rng } from './util/clock.js';

/** Options of {@link DistributedTrialExecutor}. */
export interface ExecutorOptions {
  /** The sweep directory shared by the master and every worker (created if missing). */
  sweepDir: string;
  /** This process's role: exactly one master per sweep directory, any number of workers. */
  role: 'master' | 'worker';
  /**
   * A label for this process in events and files (letters, digits, `.`, `_`, `-`).
   * @default `"master"` for the master, `"<host>-<pid>"` for a worker
   */
  workerId?: string;
  /**
   * Items claimed and run together: one claim file per sub-batch, and results are
   * published after each. 1 balances best; raise it for very short items.
   * @default 1
   */
  subBatchSize?: number;
  /**
   * How often a worker rewrites its heartbeat.
   * @default 10000
   */
  heartbeatIntervalMs?: number;
  /**
   * A process whose heartbeat has not changed for this long (by the master's own clock)
   * is dead: its unfinished items are redone by others. Must exceed `heartbeatIntervalMs`.
   * @default 60000
   */
  heartbeatTimeoutMs?: number;
  /**
   * Shortest poll interval, used right after activity.
   * @default 5
   */
  pollMinMs?: number;
  /**
   * Longest poll interval, reached by doubling while idle. An idle worker does two
   * metadata operations per poll (open + fstat of `control.json`).
   * @default 1500
   */
  pollMaxMs?: number;
  /**
   * `"private"`: files 0600 and directories 0700, only files owned by this user are read.
   * `"group"`: files 0660 and directories 2770, files owned by this user or group are read.
   * @default "private"
   */
  sharing?: 'private' | 'group';
  /**
   * Order a trial's items by the durations measured in earlier trials, longest first
   * (unknown items first), so stragglers do not end the trial.
   * @default true
   */
  orderByCost?: boolean;
  /** Aborting it interrupts this process gracefully: stop taking work, publish what is finished, return `"interrupted"`. */
  signal?: AbortSignal;
  /**
   * Time source.
   * @default the system clock
   */
  clock?: Clock;
  /**
   * Uniform random numbers in [0, 1), for poll jitter.
   * @default Math.random
   */
  rng?: Rng;
}

const positiveInt = (field: string) =>
  z.number({ error: (issue) => `expected a positive integer for \`${field}\`, got ${JSON.stringify(issue.input)}` }).int().positive();

const optionsSchema = z
  .object({
    sweepDir: z.string().min(1),
    role: z.enum(['master', 'worker']),
    workerId: z.string().optional(),
    subBatchSize: positiveInt('subBatchSize').default(1),
    heartbeatIntervalMs: positiveInt('heartbeatIntervalMs').default(10_000),
    heartbeatTimeoutMs: positiveInt('heartbeatTimeoutMs').default(60_000),
    pollMinMs: positiveInt('pollMinMs').default(5),
    pollMaxMs: positiveInt('pollMaxMs').default(1_500),
    sharing: z.enum(['private', 'group']).default('private'),
    orderByCost: z.boolean().default(true),
    signal: z.custom<AbortSignal>((value) => value instanceof AbortSignal).optional(),
    clock: z.custom<Clock>((value) => typeof value === 'object' && value !== null && 'now' in value && 'sleep' in value).default(systemClock),
    rng: z.custom<Rng>((value) => typeof value === 'function').default(() => Math.random),
  })
  .refine((o) => o.heartbeatTimeoutMs > o.heartbeatIntervalMs, {
    message: 'expected `heartbeatTimeoutMs` to exceed `heartbeatIntervalMs`',
  })
  .refine((o) => o.pollMaxMs >= o.pollMinMs, { message: 'expected `pollMaxMs` to be at least `pollMinMs`' });

/** Options with every default applied. */
export type ResolvedOptions = Omit<z.infer<typeof optionsSchema>, 'workerId'> & { workerId: string };

/** Validates options once, at the boundary, and fills defaults. */
export function resolveOptions(options: ExecutorOptions): ResolvedOptions {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'options';
    throw new ExecutorError('EXECUTOR_INVALID_OPTION', `invalid executor option \`${field}\`: ${issue?.message ?? 'invalid'}`, {
      cause: parsed.error,
    });
  }
  const host = hostname().replace(/[^A-Za-z0-9._-]/g, '_');
  const workerId = toSafeName('workerId', parsed.data.workerId ?? (parsed.data.role === 'master' ? 'master' : `${host}-${process.pid}`));
  return { ...parsed.data, workerId };
}
