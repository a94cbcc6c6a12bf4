import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const setupScript = fileURLToPath(new URL('../../../slurm/local-cluster/setup.sh', import.meta.url));
const teardownScript = fileURLToPath(new URL('../../../slurm/local-cluster/teardown.sh', import.meta.url));

function onPath(command: string): boolean {
  return ['/usr/sbin', '/usr/bin', '/sbin', '/bin'].some((dir) => existsSync(`${dir}/${command}`));
}

/** Why the SLURM tests cannot run here, or undefined when they can. */
export function slurmSkipReason(): string | undefined {
  if (!onPath('slurmctld') || !onPath('sbatch')) return 'SLURM is not installed (slurmctld/sbatch missing): run `bash scripts/system-deps.sh` as root';
  if (process.getuid?.() !== 0) return 'starting the local SLURM cluster (slurm/local-cluster/setup.sh) needs root';
  return undefined;
}

/** Starts (idempotently) the local single-node cluster. */
export function startLocalCluster(): void {
  execFileSync('bash', [setupScript], { stdio: 'pipe', timeout: 180_000 });
}

/** Stops it (cancels every job first). */
export function stopLocalCluster(): void {
  execFileSync('bash', [teardownScript], { stdio: 'pipe', timeout: 120_000 });
}

/** Submits a batch script; returns the job id. */
export function sbatch(script: string, env: NodeJS.ProcessEnv, cwd: string): string {
  return execFileSync('sbatch', ['--parsable', script], { env, cwd, encoding: 'utf8' }).trim().split(';')[0] as string;
}

/** The job's state and restart count, from `scontrol show job`. */
export function jobState(jobId: string): { state: string; restarts: number } {
  const text = execFileSync('scontrol', ['show', 'job', jobId], { encoding: 'utf8' });
  return { state: /JobState=(\S+)/.exec(text)?.[1] ?? 'UNKNOWN', restarts: Number(/Restarts=(\d+)/.exec(text)?.[1] ?? 0) };
}

/** Waits (polling, bounded) for a job to reach a state. */
export async function waitForJob(jobId: string, done: (s: { state: string; restarts: number }) => boolean, timeoutMs: number): Promise<{ state: string; restarts: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = jobState(jobId);
    if (done(state)) return state;
    if (['FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'OUT_OF_MEMORY'].includes(state.state)) throw new Error(`job ${jobId} ended ${state.state}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for job ${jobId} (last state ${state.state}, restarts ${state.restarts})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Cancels a job (cleanup). */
export function scancel(jobId: string): void {
  try {
    execFileSync('scancel', [jobId], { stdio: 'ignore' });
  } catch {
    // already gone
  }
}
