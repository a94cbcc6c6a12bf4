import { resolve } from 'node:path';
import type { Command } from 'commander';
import { writeLine, type CliIo } from '../cli-io.js';
import { CliError } from '../errors.js';
import { writeReport } from '../report/write-report.js';
import { openSweep } from '../sweep/open-sweep.js';

/** `hyperopt report <sweep-dir>`: writes the self-contained HTML report. */
export function registerReport(program: Command, io: CliIo): void {
  program
    .command('report')
    .description('write a self-contained HTML report (works offline): history, intermediate values, importances, parallel coordinates, best trial per equation, settings')
    .argument('<sweep-dir>', 'the sweep directory')
    .option('-o, --output <file>', 'where to write it (default: <sweep-dir>/report.html)')
    .action(async (sweepDir: string, flags: { output?: string }) => {
      const sweep = await openSweep(sweepDir, io.cwd);
      if (sweep.study === undefined) throw new CliError('CLI_SWEEP_NOT_FOUND', `the sweep in \`${sweepDir}\` has no study yet`);
      const path = flags.output === undefined ? sweep.layout.report : resolve(io.cwd, flags.output);
      await writeReport({ study: sweep.study, config: sweep.config, path, now: Date.now });
      writeLine(io.stdout, `Report: ${path}`);
    });
}
