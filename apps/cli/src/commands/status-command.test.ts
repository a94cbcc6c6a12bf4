import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../config/load-config.js';
import { createSweepBackend } from '../../test/fixtures/synthetic-backend.js';
import { StatusFile } from '../progress/status-file.js';
import { runMaster } from '../sweep/study-manager.js';
import { SweepLayout } from '../sweep/sweep-layout.js';
import { runCli } from '../test-support/run-cli.js';
import { tempDir } from '../test-support/temp-dir.js';
import { collectStatus, formatStatus } from './status-command.js';

describe('hyperopt status', () => {
  it('reads trials from the journal and progress from the master status file', async () => {
    process.env.HYPEROPT_SYNTH_FIT_MS = '1';
    const dir = tempDir();
    const config = parseConfigText(`study: { name: st, nTrials: 3, sampler: { type: random, seed: 1 }, pruner: { type: none } }\nbenchmark: { equations: [e1, e2], runs: 1 }\nsearchSpace:\n  p: { type: float, low: 0.001, high: 1, log: true }\nexecution: { sweepDir: ${JSON.stringify(dir)} }\n`, 'st');
    const layout = new SweepLayout(dir);
    const status = new StatusFile(layout.status, { pid: 1, host: 'h', studyName: 'st' });
    await runMaster({ config, sweepDir: dir, backend: createSweepBackend(config), events: status, report: false });
    await status.close();

    const report = await collectStatus(dir, '/');
    expect(report).toMatchObject({ studyName: 'st', state: 'finished', nTrials: 3, finishedTrials: 3, counts: { COMPLETE: 3, FAIL: 0 }, workersAlive: [], running: null });
    expect(report.best?.params).toHaveProperty('p');
    const text = formatStatus(report, Date.now());
    expect(text).toContain('Trials: 3 of 3 finished (3 complete, 0 pruned), 0 failed, 0 running, 0 waiting');
    expect(text).toMatch(/Best: [\d.]+ \(trial \d\) p=/);

    // --watch stops by itself on a finished sweep; --json prints one object
    const watched = await runCli(['status', dir, '--watch', '--json'], { cwd: '/' });
    expect(watched.code).toBe(0);
    expect(JSON.parse(watched.stdout)).toMatchObject({ state: 'finished' });
    const missing = await runCli(['status', tempDir()], { cwd: '/' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('is not a sweep directory');
  });
});
