import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { writeLine, type CliIo } from '../cli-io.js';
import { objectiveList } from '../config/sweep-config-schema.js';
import { CliError } from '../errors.js';
import { openSweep } from '../sweep/open-sweep.js';
import { toCsv, trialsTable } from '../sweep/trials-table.js';

/** `hyperopt export <sweep-dir> --format csv|json`: the trials as a table. */
export function registerExport(program: Command, io: CliIo): void {
  program
    .command('export')
    .description("export the sweep's trials as CSV or JSON (columns like Optuna's trials_dataframe)")
    .argument('<sweep-dir>', 'the sweep directory')
    .addOption(new Option('-f, --format <format>', 'csv or json').choices(['csv', 'json']).default('csv'))
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (sweepDir: string, flags: { format: 'csv' | 'json'; output?: string }) => {
      const sweep = await openSweep(sweepDir, io.cwd);
      if (sweep.study === undefined) throw new CliError('CLI_SWEEP_NOT_FOUND', `the sweep in \`${sweepDir}\` has no study yet`);
      const table = trialsTable(sweep.study.trials, objectiveList(sweep.config).length);
      const text = flags.format === 'csv' ? toCsv(table) : `${JSON.stringify(table.rows, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`;
      if (flags.output === undefined) {
        io.stdout.write(text);
        return;
      }
      const path = resolve(io.cwd, flags.output);
      await writeFile(path, text);
      writeLine(io.stdout, `wrote ${table.rows.length} trial(s) to ${path}`);
    });
}
