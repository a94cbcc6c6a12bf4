import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { registerExport } from './export-command.js';
import { registerReport } from './report-command.js';
import { registerRun } from './run-command.js';
import { registerStatus } from './status-command.js';
import { registerWorker } from './worker-command.js';

/** Registers run, worker, status, report and export. */
export function registerSweepCommands(program: Command, io: CliIo): void {
  registerRun(program, io);
  registerWorker(program, io);
  registerStatus(program, io);
  registerReport(program, io);
  registerExport(program, io);
}
