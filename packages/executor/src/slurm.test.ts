import { describe, expect, it } from 'vitest';
import { isExecutorError } from './errors.js';
import { roleFromSlurmEnv } from './slurm.js';

describe('roleFromSlurmEnv', () => {
  it('makes task 0 the master and the others workers', () => {
    expect(roleFromSlurmEnv({ SLURM_PROCID: '0', SLURM_NTASKS: '8', SLURM_JOB_ID: '123' })).toEqual({ role: 'master', workerId: 'job123-task0', procId: 0, tasks: 8, jobId: '123' });
    expect(roleFromSlurmEnv({ SLURM_PROCID: '5', SLURM_JOB_ID: '123' })).toMatchObject({ role: 'worker', workerId: 'job123-task5', tasks: undefined });
  });

  it('is undefined outside SLURM and refuses nonsense', () => {
    expect(roleFromSlurmEnv({})).toBeUndefined();
    let caught: unknown;
    try {
      roleFromSlurmEnv({ SLURM_PROCID: 'x1' });
    } catch (error) {
      caught = error;
    }
    expect(isExecutorError(caught, 'EXECUTOR_INVALID_OPTION')).toBe(true);
    expect((caught as Error).message).toContain('"x1"');
  });
});
