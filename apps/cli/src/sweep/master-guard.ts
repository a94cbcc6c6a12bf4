import { CliError } from '../errors.js';
import { readStatus } from '../progress/status-file.js';
import type { SweepLayout } from './sweep-layout.js';

/** How the guard sees the world (real defaults in the run command; fakes in tests). */
export interface MasterGuardContext {
  readonly host: string;
  readonly pid: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** True when a process with this pid runs on this host. */
  readonly processAlive: (pid: number) => boolean;
  /** A master whose status has not changed for this long is dead. */
  readonly staleAfterMs: number;
  readonly onWait?: (message: string) => void;
}

/** True when `pid` is a live process on this host. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * There is one master per sweep: a second one would fail the first one's running trial.
 * The master's status file (rewritten at least every heartbeat interval while it runs)
 * says who runs the sweep. A live master on this host: refuse (CLI_USAGE, exit 2). A
 * master on another host: wait until its status is older than `staleAfterMs` (it died),
 * up to twice that, then refuse.
 */
export async function ensureNoLiveMaster(layout: SweepLayout, ctx: MasterGuardContext): Promise<void> {
  const deadline = ctx.now() + 2 * ctx.staleAfterMs;
  let announced = false;
  for (;;) {
    const status = await readStatus(layout.status);
    if (status === undefined || status.state !== 'running' || (status.host === ctx.host && status.pid === ctx.pid)) return;
    if (status.host === ctx.host) {
      if (!ctx.processAlive(status.pid)) return;
      throw new CliError('CLI_USAGE', `another master (pid ${status.pid} on ${status.host}) is running the sweep in \`${layout.root}\`; stop it first, or add workers with \`hyperopt worker ${layout.root}\``);
    }
    const age = ctx.now() - status.updatedAt;
    if (age > ctx.staleAfterMs) return;
    if (ctx.now() > deadline) {
      throw new CliError('CLI_USAGE', `another master (pid ${status.pid} on ${status.host}) is running the sweep in \`${layout.root}\` (its status is ${Math.round(age / 1000)} s old); stop it first, or add workers with \`hyperopt worker ${layout.root}\``);
    }
    if (!announced) {
      ctx.onWait?.(`the sweep's status names a master on ${status.host} (pid ${status.pid}), updated ${Math.round(age / 1000)} s ago; waiting up to ${Math.round((ctx.staleAfterMs - age) / 1000)} s for it to go stale`);
      announced = true;
    }
    await ctx.sleep(Math.min(5_000, Math.max(200, ctx.staleAfterMs - age)));
  }
}
