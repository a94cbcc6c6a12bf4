import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEventLog } from '../src/progress/event-log.js';
import { browserSkipReason, launchChromium } from '../src/test-support/browser.js';
import { openReport } from '../src/test-support/open-report.js';
import { tempDir } from '../src/test-support/temp-dir.js';
import { runCliProcess, startCli, waitFor } from './cli-process.js';

function writeConfig(dir: string, overrides: { nTrials?: number; pruner?: string; runs?: number } = {}): string {
  const path = join(dir, 'sweep.yaml');
  writeFileSync(
    path,
    `study:
  name: e2e
  nTrials: ${overrides.nTrials ?? 4}
  sampler: { type: tpe, seed: 7, nStartupTrials: 2 }
  pruner: ${overrides.pruner ?? '{ type: none }'}
benchmark: { equations: [e1, e2, e3, e4], runs: ${overrides.runs ?? 2} }
searchSpace:
  parsimony: { type: float, low: 0.0001, high: 0.1, log: true }
  populations: { type: int, low: 2, high: 20 }
baselines:
  - { parsimony: 0.01, populations: 15 }
execution: { sweepDir: out, heartbeatIntervalSeconds: 1, heartbeatTimeoutSeconds: 4 }
`,
  );
  return path;
}

describe('hyperopt run (real processes, synthetic backend)', () => {
  it('runs a sweep with 2 local workers, then status, export and report read it', async () => {
    const dir = tempDir();
    writeConfig(dir, { runs: 3 });
    const run = await runCliProcess(['run', 'sweep.yaml', '--workers', '2', '--progress', 'lines'], { cwd: dir, env: { HYPEROPT_SYNTH_FIT_MS: '250' } });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Sweep finished: 4 trial(s) finished of 4');
    expect(run.stdout).toMatch(/Best score: [\d.]+/);
    expect(run.stdout).toContain('parsimony:');
    expect(run.stdout).toContain(`Report: ${join(dir, 'out', 'report.html')}`);
    expect(existsSync(join(dir, 'out', 'report.html'))).toBe(true);
    // one concise plain line per event off a terminal
    // eslint-disable-next-line no-control-regex
    expect(run.stderr).not.toMatch(/\u001b/);
    expect(run.stderr).toContain('trial 0 started: parsimony=0.01 populations=15');
    const { events } = readEventLog(join(dir, 'out', 'hyperopt', 'events-master.jsonl'));
    expect(events.filter((e) => e.type === 'trial-finished')).toHaveLength(4);
    // the workers did part of the work
    expect(events.filter((e) => e.type === 'worker-joined').length).toBeGreaterThanOrEqual(1);
    expect(events.some((e) => e.type === 'trial-progress' && e.workersAlive >= 1)).toBe(true);

    const status = await runCliProcess(['status', 'out', '--json'], { cwd: dir });
    expect(status.code).toBe(0);
    const report = JSON.parse(status.stdout) as { state: string; finishedTrials: number; best: { trial: number } | null };
    expect(report).toMatchObject({ state: 'finished', finishedTrials: 4 });
    expect(report.best).not.toBeNull();

    const csv = await runCliProcess(['export', 'out', '--format', 'csv'], { cwd: dir });
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^number,value,datetime_start,datetime_complete,duration,params_parsimony,params_populations,/);
    expect(lines).toHaveLength(5);
    const json = await runCliProcess(['export', 'out', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(json.stdout)).toHaveLength(4);

    const rep = await runCliProcess(['report', 'out', '-o', 'r.html'], { cwd: dir });
    expect(rep.code).toBe(0);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toContain('<script id="report-data"');

    if (browserSkipReason() === undefined) {
      const browser = await launchChromium();
      try {
        const opened = await openReport(browser, join(dir, 'out', 'report.html'), join(dir, 'sweep-report.png'));
        expect(opened.consoleErrors).toEqual([]);
        expect(opened.networkRequests).toEqual([]);
        expect(opened.paintedCharts.sort()).toEqual(['chart-history', 'chart-importance', 'chart-intermediate', 'chart-parallel']);
        expect(opened.text).toContain('Per-equation results');
        expect(opened.text).toContain('f_e1(x)');
      } finally {
        await browser.close();
      }
    }
  });

  it('exits 3 on SIGTERM mid-trial and resumes: same params, no finished fit redone, nTrials counted across runs', async () => {
    const dir = tempDir();
    writeConfig(dir, { nTrials: 3, runs: 3 });
    const log = join(dir, 'fits.log');
    const env = { HYPEROPT_SYNTH_LOG: log, HYPEROPT_SYNTH_FIT_MS: '150' };
    const first = startCli(['run', 'sweep.yaml', '--progress', 'lines'], { cwd: dir, env });
    await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').split('\n').filter(Boolean).length >= 16, 'trial 1 under way');
    first.child.kill('SIGTERM');
    const { code } = await first.exit;
    expect(first.stderr).toContain('interrupted');
    expect(code).toBe(3);
    const before = readFileSync(log, 'utf8').split('\n').filter(Boolean);

    const second = await runCliProcess(['run', 'sweep.yaml', '--progress', 'lines'], { cwd: dir, env });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('3 trial(s) finished of 3');
    const all = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    const keys = all.map((line) => line.split(' ').slice(0, 2).join(' '));
    expect(new Set(keys).size).toBe(keys.length); // no fit was ever run twice
    expect(all.length).toBe(3 * 12); // 3 trials × 4 equations × 3 runs, in total over both runs
    expect(before.length).toBeGreaterThanOrEqual(16);
    expect(second.stderr).toMatch(/trial \d+ started \(retry of trial 1\)/);
  });

  it('SIGKILLed master: the restarted master fails its running trial and re-runs it with the same params', async () => {
    const dir = tempDir();
    writeConfig(dir, { nTrials: 2, runs: 3 });
    const log = join(dir, 'fits.log');
    const env = { HYPEROPT_SYNTH_LOG: log, HYPEROPT_SYNTH_FIT_MS: '100' };
    const first = startCli(['run', 'sweep.yaml', '--progress', 'lines'], { cwd: dir, env });
    await waitFor(() => existsSync(log) && readFileSync(log, 'utf8').split('\n').filter(Boolean).length >= 5, 'trial 0 under way');
    first.child.kill('SIGKILL');
    await first.exit;
    const second = await runCliProcess(['run', 'sweep.yaml', '--progress', 'lines'], { cwd: dir, env });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('left running by a previous master (0)');
    expect(second.stderr).toContain('trial 1 started (retry of trial 0): parsimony=0.01 populations=15');
    const keys = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => l.split(' ').slice(0, 2).join(' '));
    // a fit in flight at the kill may be redone, nothing else
    expect(keys.length - new Set(keys).size).toBeLessThanOrEqual(1);
    expect(second.stdout).toContain('2 trial(s) finished of 2');
  });
});
