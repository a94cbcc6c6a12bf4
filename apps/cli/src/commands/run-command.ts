import { roleFromSlurmEnv } from '@hyperopt/executor';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { writeLine, type CliIo } from '../cli-io.js';
import { loadConfig, type LoadedConfig } from '../config/load-config.js';
import { objectiveList } from '../config/sweep-config-schema.js';
import { CliError } from '../errors.js';
import { createSinks, type ProgressMode } from '../progress/create-sinks.js';
import { formatNumber } from '../progress/format.js';
import { loadBackend } from '../sweep/load-backend.js';
import { LocalWorkers } from '../sweep/local-workers.js';
import { ensureNoLiveMaster, processAlive } from '../sweep/master-guard.js';
import { runMaster, throwIfInterrupted } from '../sweep/study-manager.js';
import { SweepLayout } from '../sweep/sweep-layout.js';
import { parseNonNegativeInt } from './parse-options.js';
import { runWorkerCommand } from './worker-command.js';

interface RunFlags {
  workers: number;
  sweepDir?: string;
  role?: 'master' | 'worker';
  workerId?: string;
  progress: ProgressMode;
  report: boolean;
}

function withSweepDir(loaded: LoadedConfig, sweepDir: string): LoadedConfig {
  return { ...loaded, sweepDir, config: { ...loaded.config, execution: { ...loaded.config.execution, sweepDir } } };
}

/** The progress option shared by run and worker. */
export function progressOption(): Option {
  return new Option('--progress <mode>', 'bars (live, for a terminal), lines (one per event, for logs), none, or auto').choices(['auto', 'bars', 'lines', 'none']).default('auto');
}

/** `hyperopt run <config>`: the sweep's master (or a worker, by SLURM rank or --role). */
export function registerRun(program: Command, io: CliIo): void {
  program
    .command('run')
    .description('run (or resume) a sweep: the master by default; under SLURM, task 0 is the master and the others workers')
    .argument('<config>', 'sweep config file (YAML or JSON)')
    .option('-w, --workers <n>', 'also start N worker processes on this machine', parseNonNegativeInt('--workers'), 0)
    .addOption(new Option('--role <role>', 'master or worker (default: from SLURM_PROCID, else master)').choices(['master', 'worker']))
    .option('--worker-id <id>', 'this process\'s label in the sweep directory')
    .option('--sweep-dir <dir>', 'use this sweep directory instead of the config\'s execution.sweepDir')
    .addOption(progressOption())
    .option('--no-report', 'do not write the HTML report at the end')
    .action(async (configPath: string, flags: RunFlags) => {
      const fromFile = await loadConfig(configPath, io.cwd);
      const loaded = flags.sweepDir === undefined ? fromFile : withSweepDir(fromFile, resolve(io.cwd, flags.sweepDir));
      const slurm = roleFromSlurmEnv(io.env);
      const role = flags.role ?? slurm?.role ?? 'master';
      const workerId = flags.workerId ?? slurm?.workerId;
      if (role === 'worker') {
        if (flags.workers > 0) throw new CliError('CLI_USAGE', `\`--workers\` starts local workers from the master; this process is a worker (role from ${flags.role === undefined ? 'SLURM_PROCID' : '--role'}), got --workers ${flags.workers}`);
        await runWorkerCommand(io, { sweepDir: loaded.sweepDir, workerId, progress: flags.progress });
        return;
      }
      const layout = new SweepLayout(loaded.sweepDir);
      await ensureNoLiveMaster(layout, {
        host: hostname(),
        pid: process.pid,
        now: Date.now,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        processAlive,
        staleAfterMs: loaded.config.execution.heartbeatTimeoutSeconds * 1000,
        onWait: (message) => writeLine(io.stderr, `hyperopt: ${message}`),
      });
      const events = createSinks(io, { mode: flags.progress, eventLogPath: layout.eventLog('master'), statusPath: layout.status, studyName: loaded.config.study.name });
      const backend = await loadBackend(loaded.config, io.env, io.cwd);
      const workers = flags.workers > 0 ? new LocalWorkers({ count: flags.workers, selfCommand: io.selfCommand, sweepDir: loaded.sweepDir, env: io.env, cwd: io.cwd, stderr: io.stderr, idPrefix: `local-${process.pid}-` }) : undefined;
      // the master's liveness: its status file stays fresh while it runs
      events.status?.touch();
      const beat = setInterval(() => events.status?.touch(), loaded.config.execution.heartbeatIntervalSeconds * 1000);
      const forward = () => workers?.signal('SIGTERM');
      io.signal?.addEventListener('abort', forward, { once: true });
      try {
        const outcome = await runMaster({ config: loaded.config, sweepDir: loaded.sweepDir, backend, events, signal: io.signal, report: flags.report });
        await events.close();
        if (outcome.outcome === 'finished') await workers?.finish(10_000);
        else await workers?.wait(60_000);
        const metric = objectiveList(loaded.config)[0];
        writeLine(io.stdout, `${outcome.outcome === 'finished' ? 'Sweep finished' : 'Sweep interrupted'}: ${outcome.finishedTrials} trial(s) finished${loaded.config.study.nTrials === undefined ? '' : ` of ${loaded.config.study.nTrials}`}`);
        if (outcome.bestTrial !== null) {
          writeLine(io.stdout, `Best score: ${formatNumber(outcome.bestValue)} (${metric?.metric ?? 'objective'}, ${metric?.aggregation ?? ''}; trial ${outcome.bestTrial})`);
          writeLine(io.stdout, 'Best hyperparameters:');
          for (const [name, value] of Object.entries(outcome.bestParams ?? {})) writeLine(io.stdout, `  ${name}: ${typeof value === 'number' ? formatNumber(value) : JSON.stringify(value)}`);
        }
        if (outcome.reportPath !== null) writeLine(io.stdout, `Report: ${outcome.reportPath}`);
        throwIfInterrupted(outcome, 'the sweep');
      } finally {
        clearInterval(beat);
        io.signal?.removeEventListener('abort', forward);
        await events.close();
      }
    });
}
