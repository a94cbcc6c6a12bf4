import { z } from 'zod';
import { ExecutorError } from './errors.js';

/** The role and identity SLURM gives this task. */
export interface SlurmRole {
  readonly role: 'master' | 'worker';
  /** A worker id unique in the job step, e.g. `"job123-task4"`. */
  readonly workerId: string;
  /** SLURM_PROCID. */
  readonly procId: number;
  /** SLURM_NTASKS, when set. */
  readonly tasks: number | undefined;
  readonly jobId: string | undefined;
}

const intText = z.string().regex(/^\d+$/).transform(Number);

/**
 * Reads the role from SLURM's environment: SLURM_PROCID 0 is the master, every other
 * task a worker; `undefined` when not under SLURM (no SLURM_PROCID).
 */
export function roleFromSlurmEnv(env: Readonly<Record<string, string | undefined>> = process.env): SlurmRole | undefined {
  const raw = env.SLURM_PROCID;
  if (raw === undefined) return undefined;
  const procId = intText.safeParse(raw);
  if (!procId.success) throw new ExecutorError('EXECUTOR_INVALID_OPTION', `expected SLURM_PROCID to be a non-negative integer, got ${JSON.stringify(raw)}`);
  const tasksRaw = env.SLURM_NTASKS;
  const tasks = tasksRaw === undefined ? undefined : intText.safeParse(tasksRaw);
  if (tasks !== undefined && !tasks.success) throw new ExecutorError('EXECUTOR_INVALID_OPTION', `expected SLURM_NTASKS to be a positive integer, got ${JSON.stringify(tasksRaw)}`);
  const jobId = env.SLURM_JOB_ID !== undefined && /^[A-Za-z0-9_]+$/.test(env.SLURM_JOB_ID) ? env.SLURM_JOB_ID : undefined;
  const workerId = `${jobId === undefined ? 'job' : `job${jobId}`}-task${procId.data}`;
  return { role: procId.data === 0 ? 'master' : 'worker', workerId, procId: procId.data, tasks: tasks?.data, jobId };
}
