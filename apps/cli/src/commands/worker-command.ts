import { resolve } from 'node:path';
import { roleFromSlurmEnv } from '@hyperopt/executor';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { createSinks, type ProgressMode } from '../progress/create-sinks.js';
import { loadBackend } from '../sweep/load-backend.js';
import { runWorker } from '../sweep/run-worker.js';
import { throwIfInterrupted } from '../sweep/study-manager.js';
import { SweepLayout } from '../sweep/sweep-layout.js';
import { progressOption } from './run-command.js';

/** Runs a worker process on a sweep directory until the master's shutdown notice or a signal. */
export async function runWorkerCommand(io: CliIo, options: { sweepDir: string; workerId: string | undefined; progress: ProgressMode }): Promise<void> {
  const layout = new SweepLayout(options.sweepDir);
  const id = options.workerId ?? `worker-${process.pid}`;
  const events = createSinks(io, { mode: options.progress, eventLogPath: layout.eventLog(id.replace(/[^A-Za-z0-9._-]/g, '_')), studyName: '' });
  try {
    const outcome = await runWorker({ sweepDir: layout.root, loadBackend: (config) => loadBackend(config, io.env, io.cwd), events, signal: io.signal, workerId: options.workerId });
    throwIfInterrupted({ outcome }, 'the worker');
  } finally {
    await events.close();
  }
}

/** `hyperopt worker <sweep-dir>`: joins a running sweep as a worker. */
export function registerWorker(program: Command, io: CliIo): void {
  program
    .command('worker')
    .description('join a sweep as a worker (on any machine that shares the sweep directory); exits when the master says the sweep is over')
    .argument('<sweep-dir>', 'the sweep directory (execution.sweepDir of the config)')
    .option('--worker-id <id>', 'this process\'s label (default: from SLURM, else <host>-<pid>)')
    .addOption(progressOption())
    .action(async (sweepDir: string, flags: { workerId?: string; progress: ProgressMode }) => {
      const slurm = roleFromSlurmEnv(io.env);
      await runWorkerCommand(io, { sweepDir: resolve(io.cwd, sweepDir), workerId: flags.workerId ?? slurm?.workerId, progress: flags.progress });
    });
}
