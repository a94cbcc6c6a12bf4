import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEventLog } from '../src/progress/event-log.js';
import { tempDir } from '../src/test-support/temp-dir.js';
import { runCliProcess, syntheticBackend, waitFor } from './cli-process.js';
import { jobState, sbatch, scancel, slurmSkipReason, startLocalCluster, stopLocalCluster, waitForJob } from './slurm-cluster.js';

const skip = slurmSkipReason();
if (skip !== undefined) console.warn(`SLURM end-to-end tests skipped: ${skip}`);

const jobs: string[] = [];

function lines(path: string): string[] {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : [];
}

function syntheticConfig(dir: string, nTrials: number): string {
  const path = join(dir, 'sweep.yaml');
  writeFileSync(
    path,
    `study: { name: slurm-synth, nTrials: ${nTrials}, sampler: { type: tpe, seed: 7, nStartupTrials: 2 }, pruner: { type: none } }
benchmark: { equations: [e1, e2, e3, e4], runs: 3 }
searchSpace:
  parsimony: { type: float, low: 0.0001, high: 0.1, log: true }
  populations: { type: int, low: 2, high: 20 }
execution: { sweepDir: out, heartbeatIntervalSeconds: 1, heartbeatTimeoutSeconds: 5 }
`,
  );
  return path;
}

async function writeScript(dir: string, args: string[]): Promise<string> {
  const result = await runCliProcess(['slurm', 'sweep.yaml', '-o', args.includes('--worker-only') ? 'worker.sbatch' : 'job.sbatch', '-t', '10', ...args], { cwd: dir });
  expect(result.code, result.stderr).toBe(0);
  return join(dir, args.includes('--worker-only') ? 'worker.sbatch' : 'job.sbatch');
}

function submit(script: string, dir: string, env: Record<string, string>): string {
  const job = sbatch(script, { ...process.env, ...env }, dir);
  jobs.push(job);
  return job;
}

describe.skipIf(skip !== undefined)('SLURM (real local cluster)', () => {
  beforeAll(() => startLocalCluster(), 200_000);
  afterAll(() => {
    for (const job of jobs) scancel(job);
    stopLocalCluster();
  }, 150_000);

  it('a sweep submitted with 4 tasks (1 master + 3 workers) completes and matches a single-process run', async () => {
    const config = `study: { name: slurm-native, nTrials: 3, sampler: { type: tpe, seed: 1, nStartupTrials: 2 }, pruner: { type: none } }
benchmark: { equations: [I.12.1, I.14.4, I.34.27], runs: 2, rows: 200 }
backend:
  name: native
  options: { niterations: 3, populations: 2, populationSize: 20, ncyclesPerIteration: 50, procs: 0, deterministic: true, binaryOperators: ['+', '-', '*', '/'], unaryOperators: [] }
searchSpace:
  parsimony: { type: float, low: 0.0001, high: 0.1, log: true }
  maxsize: { type: int, low: 7, high: 12 }
execution: { sweepDir: out }
`;
    const single = tempDir();
    const cluster = tempDir();
    writeFileSync(join(single, 'sweep.yaml'), config);
    writeFileSync(join(cluster, 'sweep.yaml'), config);
    const env = { HYPEROPT_BACKEND_MODULE: '' };
    const script = await writeScript(cluster, ['-n', '4']);
    const job = submit(script, cluster, env);
    const local = await runCliProcess(['run', 'sweep.yaml', '--progress', 'lines'], { cwd: single, env, timeoutMs: 150_000 });
    expect(local.code, local.stderr).toBe(0);
    await waitForJob(job, (s) => s.state === 'COMPLETED', 150_000);
    const log = readFileSync(join(cluster, 'out', `slurm-${job}.out`), 'utf8');
    expect(log).toContain('0: Sweep finished: 3 trial(s) finished of 3');
    for (const task of [1, 2, 3]) expect(log).toContain(`worker job${job}-task${task} joined`);

    const a = JSON.parse((await runCliProcess(['export', 'out', '--format', 'json'], { cwd: single })).stdout) as Record<string, unknown>[];
    const b = JSON.parse((await runCliProcess(['export', 'out', '--format', 'json'], { cwd: cluster })).stdout) as Record<string, unknown>[];
    // everything but wall times must match: params, values, per-equation metrics and discovered formulas
    const pick = (rows: Record<string, unknown>[]) =>
      rows.map((r) => ({
        number: r.number,
        state: r.state,
        value: r.value,
        parsimony: r.params_parsimony,
        maxsize: r.params_maxsize,
        equations: (JSON.parse(String(r.user_attrs_equations)) as Record<string, unknown>[]).map(({ medianWallS: _wall, ...rest }) => rest),
      }));
    expect(b).toHaveLength(3);
    expect(pick(b)).toEqual(pick(a));
  }, 300_000);

  it('the warning signal mid-trial requeues the job, and the requeued run finishes with no finished fit redone', async () => {
    const dir = tempDir();
    syntheticConfig(dir, 3);
    const fits = join(dir, 'fits.log');
    const script = await writeScript(dir, ['-n', '4', '--warning-seconds', '60']);
    const job = submit(script, dir, { HYPEROPT_BACKEND_MODULE: syntheticBackend, HYPEROPT_SYNTH_FIT_MS: '400', HYPEROPT_SYNTH_LOG: fits });
    await waitFor(() => lines(fits).length >= 16, 'the second trial under way', 90_000);
    // what `--signal=B:USR1@N` does before the time limit: USR1 to the batch shell only
    execFileSyncQuiet('scancel', ['-b', '--signal=USR1', job]);
    const final = await waitForJob(job, (s) => s.state === 'COMPLETED' && s.restarts >= 1, 150_000);
    expect(final.restarts).toBe(1);
    const out = readFileSync(join(dir, 'out', `slurm-${job}.out`), 'utf8');
    expect(out).toContain('hyperopt-sbatch: received USR1');
    expect(out).toContain('requeueing job');
    expect(out).toContain(`job ${job} restart 1 starting 4 task(s)`);
    expect(out).toMatch(/started \(retry of trial 1\)/);
    expect(out).toContain('0: Sweep finished: 3 trial(s) finished of 3');
    const keys = lines(fits).map((l) => l.split(' ').slice(0, 2).join(' '));
    expect(new Set(keys).size).toBe(keys.length); // no finished fit was redone
    expect(keys).toHaveLength(3 * 12);
  }, 300_000);

  it('an extra worker job submitted later to the same sweep directory joins the running trial', async () => {
    const dir = tempDir();
    syntheticConfig(dir, 5);
    const fits = join(dir, 'fits.log');
    const env = { HYPEROPT_BACKEND_MODULE: syntheticBackend, HYPEROPT_SYNTH_FIT_MS: '700', HYPEROPT_SYNTH_LOG: fits };
    const main = submit(await writeScript(dir, ['-n', '2']), dir, env);
    await waitFor(() => lines(fits).length >= 1, 'the first trial under way', 90_000);
    const extra = submit(await writeScript(dir, ['-n', '1', '--worker-only']), dir, env);
    await waitForJob(main, (s) => s.state === 'COMPLETED', 150_000);
    await waitForJob(extra, (s) => s.state === 'COMPLETED', 60_000);
    const { events } = readEventLog(join(dir, 'out', 'hyperopt', 'events-master.jsonl'));
    expect(events.some((e) => e.type === 'worker-joined' && e.workerId === `job${extra}-task0`)).toBe(true);
    const extraLog = readEventLog(join(dir, 'out', 'hyperopt', `events-job${extra}-task0.jsonl`)).events;
    expect(extraLog.some((e) => e.type === 'worker-joined')).toBe(true); // it took part in a trial
    const keys = lines(fits).map((l) => l.split(' ').slice(0, 2).join(' '));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(5 * 12);
    expect(jobState(extra).state).toBe('COMPLETED');
  }, 300_000);
});

function execFileSyncQuiet(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: 'ignore' });
}
