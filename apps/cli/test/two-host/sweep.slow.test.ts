/**
 * A whole sweep across two "hosts" of the network-filesystem rig: `hyperopt run` on hostA,
 * two `hyperopt worker` processes on hostB, all on one sweep folder seen through two
 * independent sshfs clients; the result must match the same sweep run on one host.
 * Synthetic SR backend (deterministic, fast). Runs with no client caching and with
 * NFS-like 3 s caching.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalFileStorage } from '@hyperopt/objective';
import { expect, it, onTestFinished } from 'vitest';
import { runCliProcess, startCli, waitFor } from '../cli-process.js';
import { describeTwoHost } from '../../../../scripts/fs-rig/rig.js';

const FIT_MS = '120';

const CONFIG = `study:
  name: two-host
  nTrials: 4
  sampler: { type: tpe, seed: 11, nStartupTrials: 2 }
  pruner: { type: none }
benchmark: { equations: [e1, e2, e3, e4], runs: 2 }
searchSpace:
  parsimony: { type: float, low: 0.0001, high: 0.1, log: true }
  populations: { type: int, low: 2, high: 20 }
execution: { sweepDir: out, heartbeatIntervalSeconds: 1, heartbeatTimeoutSeconds: 8 }
`;

function localDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hx-cli-2h-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The comparable part of the study in `<dir>/out/study.journal`: number, value, params, state. */
function trialsOf(dir: string): Array<Record<string, unknown>> {
  const storage = new JournalFileStorage(join(dir, 'out', 'study.journal'));
  const study = storage.getAllStudies()[0];
  expect(study?.studyName).toBe('two-host');
  return storage.getAllTrials(study?.studyId ?? -1).map((t) => ({ number: t.number, value: t.value, params: t.params, state: t.state }));
}

/** The single-host run, done once per file (it does not depend on the rig's mode). */
let reference: Promise<Array<Record<string, unknown>>> | undefined;
function singleHostTrials(): Promise<Array<Record<string, unknown>>> {
  reference ??= (async () => {
    const single = mkdtempSync(join(tmpdir(), 'hx-cli-2h-ref-'));
    try {
      writeFileSync(join(single, 'sweep.yaml'), CONFIG);
      const run = await runCliProcess(['run', 'sweep.yaml', '--progress', 'lines'], { cwd: single, env: { HYPEROPT_SYNTH_FIT_MS: FIT_MS } });
      if (run.code !== 0) throw new Error(`the single-host reference run failed (exit ${String(run.code)}): ${run.stderr}`);
      return trialsOf(single);
    } finally {
      rmSync(single, { recursive: true, force: true });
    }
  })();
  return reference;
}

function fitsLog(path: string): Array<{ key: string; pid: number }> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [params, item, pid] = line.split(' ');
      return { key: `${params} ${item}`, pid: Number(pid) };
    });
}

let sweeps = 0;

describeTwoHost('cli', ({ rig }) => {
  it('master on hostA and two workers on hostB finish the sweep, and it matches a single-host run', async () => {
    const env = { HYPEROPT_SYNTH_FIT_MS: FIT_MS };

    const name = `cli-${++sweeps}`;
    mkdirSync(join(rig().export, name));
    writeFileSync(join(rig().export, name, 'sweep.yaml'), CONFIG);
    const onA = join(rig().hostA, name);
    const onB = join(rig().hostB, name);
    const log = join(localDir(), 'fits.log');
    const withLog = { ...env, HYPEROPT_SYNTH_LOG: log };
    const workers = ['B1', 'B2'].map((id) => startCli(['worker', join(onB, 'out'), '--worker-id', id, '--progress', 'lines'], { cwd: onB, env: withLog }));
    const master = startCli(['run', 'sweep.yaml', '--progress', 'lines'], { cwd: onA, env: withLog });
    const { code } = await master.exit;
    expect(code, master.stderr).toBe(0);
    expect(master.stdout).toContain('Sweep finished: 4 trial(s) finished of 4');
    for (const worker of workers) {
      await waitFor(() => worker.child.exitCode !== null || worker.child.signalCode !== null, 'a hostB worker to exit', 30_000);
      expect(worker.child.exitCode, worker.stderr).toBe(0);
    }

    // the same trials, params and values as on one host
    const expected = await singleHostTrials();
    expect(expected).toHaveLength(4);
    expect(trialsOf(onA)).toEqual(expected);
    // read through the other host's client too
    expect(trialsOf(onB)).toEqual(expected);
    // and the CLI's own reading of it
    const exported = await runCliProcess(['export', 'out', '--format', 'json'], { cwd: onB });
    expect(exported.code, exported.stderr).toBe(0);
    expect((JSON.parse(exported.stdout) as Array<{ value: number }>).map((r) => r.value)).toEqual(expected.map((t) => t.value));
    // the hostB workers did part of the fits, and no fit ran twice
    const fits = fitsLog(log);
    expect(fits).toHaveLength(4 * 4 * 2);
    expect(new Set(fits.map((f) => f.key)).size).toBe(fits.length);
    const workerPids = new Set(workers.map((w) => w.child.pid));
    expect(fits.filter((f) => workerPids.has(f.pid)).length).toBeGreaterThan(0);
  });
});
