import type { Command } from 'commander';
import { writeLine, type CliIo } from '../cli-io.js';
import { studyDirections } from '../config/sweep-config-schema.js';
import { formatDuration, formatNumber, formatParams } from '../progress/format.js';
import { readStatus, type SweepStatus } from '../progress/status-file.js';
import { openSweep } from '../sweep/open-sweep.js';
import { bestTrialOf } from '../sweep/best-trial.js';
import { parsePositiveNumber } from './parse-options.js';

/** What `hyperopt status --json` prints. */
export interface StatusReport {
  sweepDir: string;
  studyName: string;
  state: SweepStatus['state'] | 'not started' | 'unknown';
  statusUpdatedAt: string | null;
  nTrials: number | null;
  finishedTrials: number;
  counts: Record<string, number>;
  best: { trial: number; value: number; params: Record<string, unknown> } | null;
  workersAlive: string[];
  running: SweepStatus['running'];
}

/** Gathers the sweep's state from its journal and the master's status file. */
export async function collectStatus(sweepDir: string, cwd: string): Promise<StatusReport> {
  const sweep = await openSweep(sweepDir, cwd);
  const status = await readStatus(sweep.layout.status);
  const trials = sweep.study?.trials ?? [];
  const counts: Record<string, number> = { COMPLETE: 0, PRUNED: 0, FAIL: 0, RUNNING: 0, WAITING: 0 };
  for (const t of trials) counts[t.state] = (counts[t.state] ?? 0) + 1;
  const best = bestTrialOf(trials, studyDirections(sweep.config)[0] ?? 'minimize');
  return {
    sweepDir: sweep.layout.root,
    studyName: sweep.config.study.name,
    state: sweep.study === undefined ? 'not started' : (status?.state ?? 'unknown'),
    statusUpdatedAt: status === undefined ? null : new Date(status.updatedAt).toISOString(),
    nTrials: sweep.config.study.nTrials ?? null,
    finishedTrials: (counts.COMPLETE ?? 0) + (counts.PRUNED ?? 0),
    counts,
    best: best === undefined || best.values?.[0] === undefined ? null : { trial: best.number, value: best.values[0], params: { ...best.params } },
    workersAlive: status?.state === 'running' ? status.workers : [],
    running: status?.state === 'running' ? status.running : null,
  };
}

/** The human-readable status. */
export function formatStatus(report: StatusReport, now: number): string {
  const lines = [`Sweep ${report.sweepDir} (study ${report.studyName}): ${report.state}${report.statusUpdatedAt === null ? '' : `, master status from ${formatDuration(now - Date.parse(report.statusUpdatedAt))} ago`}`];
  const c = report.counts;
  lines.push(`Trials: ${report.finishedTrials}${report.nTrials === null ? '' : ` of ${report.nTrials}`} finished (${c.COMPLETE} complete, ${c.PRUNED} pruned), ${c.FAIL} failed, ${c.RUNNING} running, ${c.WAITING} waiting`);
  lines.push(report.best === null ? 'Best: none yet' : `Best: ${formatNumber(report.best.value)} (trial ${report.best.trial}) ${formatParams(report.best.params)}`);
  lines.push(`Workers alive: ${report.workersAlive.length}${report.workersAlive.length === 0 ? '' : ` (${report.workersAlive.join(', ')})`}`);
  if (report.running !== null) {
    const r = report.running;
    lines.push(`Running: trial ${r.trial}, ${r.completed}/${r.total} fits, objective ${formatNumber(r.value)}, for ${formatDuration(now - r.startedAt)}`);
  }
  return lines.join('\n');
}

function stopped(io: CliIo): boolean {
  return io.signal?.aborted === true;
}

/** `hyperopt status <sweep-dir>`. */
export function registerStatus(program: Command, io: CliIo): void {
  program
    .command('status')
    .description('show a sweep: trials, best so far, workers alive, progress of the running trial')
    .argument('<sweep-dir>', 'the sweep directory')
    .option('--json', 'print one JSON object', false)
    .option('--watch', 'refresh until the sweep ends (Ctrl-C to stop)', false)
    .option('--interval <seconds>', 'refresh interval for --watch', parsePositiveNumber('--interval'), 2)
    .action(async (sweepDir: string, flags: { json: boolean; watch: boolean; interval: number }) => {
      for (;;) {
        const report = await collectStatus(sweepDir, io.cwd);
        const text = flags.json ? JSON.stringify(report) : formatStatus(report, Date.now());
        if (flags.watch && !flags.json && io.stdout.isTTY === true) io.stdout.write('\u001b[2J\u001b[H');
        writeLine(io.stdout, text);
        if (!flags.watch || report.state === 'finished' || report.state === 'interrupted' || io.signal?.aborted === true) return;
        if (!flags.json && io.stdout.isTTY !== true) writeLine(io.stdout, '');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, flags.interval * 1000);
          function done() {
            clearTimeout(timer);
            io.signal?.removeEventListener('abort', done);
            resolve();
          }
          io.signal?.addEventListener('abort', done, { once: true });
        });
        if (stopped(io)) return;
      }
    });
}
