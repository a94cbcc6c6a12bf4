import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { loadConfig } from '../config/load-config.js';
import { CliError } from '../errors.js';
import { writeLine, type CliIo } from '../cli-io.js';
import { renderSbatch } from '../slurm/render-sbatch.js';
import { parsePositiveInt } from './parse-options.js';

interface SlurmFlags {
  ntasks: number;
  nodes?: number;
  cpusPerTask: number;
  time: string;
  partition?: string;
  account?: string;
  jobName?: string;
  log?: string;
  warningSeconds: number;
  workerOnly: boolean;
  requeue: boolean;
  sbatch: string[];
  command?: string;
  output?: string;
}

/** `hyperopt slurm <config>`: writes an sbatch script for the sweep. */
export function registerSlurm(program: Command, io: CliIo): void {
  program
    .command('slurm')
    .description('write an sbatch script that runs the sweep on SLURM (task 0 = master, the others workers)')
    .argument('<config>', 'sweep config file (YAML or JSON)')
    .option('-n, --ntasks <n>', 'tasks in the job: 1 master + (n-1) workers', parsePositiveInt('--ntasks'), 4)
    .option('-N, --nodes <n>', 'nodes to spread the tasks over', parsePositiveInt('--nodes'))
    .option('-c, --cpus-per-task <n>', 'CPUs per task (set the SR engine\'s procs to match)', parsePositiveInt('--cpus-per-task'), 1)
    .option('-t, --time <limit>', 'time limit (minutes, HH:MM:SS or D-HH:MM:SS)', '01:00:00')
    .option('-p, --partition <name>', 'partition')
    .option('-A, --account <name>', 'account to charge')
    .option('-J, --job-name <name>', 'job name (default: the study name)')
    .option('--log <pattern>', 'job output file, appended across requeues (default: <sweep>/slurm-%j.out)')
    .option('--warning-seconds <s>', 'seconds before the time limit at which the tasks are told to stop and publish', parsePositiveInt('--warning-seconds'), 300)
    .option('--worker-only', 'every task is a worker joining a sweep whose master runs elsewhere', false)
    .option('--no-requeue', 'do not requeue the job after the time-limit warning')
    .addOption(new Option('--sbatch <option>', 'an extra #SBATCH option, e.g. --mem=8G (repeatable)').argParser((value: string, previous: string[] = []) => [...previous, value]).default([]))
    .option('--command <cmd>', 'how the job runs hyperopt (default: this same CLI, by absolute path)')
    .option('-o, --output <file>', 'where to write the script (`-` for stdout; default: <config>.sbatch next to the config)')
    .action(async (configPath: string, flags: SlurmFlags) => {
      const loaded = await loadConfig(configPath, io.cwd);
      if (loaded.path === undefined) throw new CliError('CLI_INTERNAL', 'the config has no path');
      const output = flags.output ?? join(dirname(loaded.path), `${basename(loaded.path, extname(loaded.path))}.sbatch`);
      const command = flags.command === undefined ? io.selfCommand : flags.command.split(/\s+/).filter((w) => w !== '');
      if (command.length === 0) throw new CliError('CLI_USAGE', `expected a command for \`--command\`, got ${JSON.stringify(flags.command)}`);
      const script = renderSbatch({
        target: flags.workerOnly ? loaded.sweepDir : loaded.path,
        mode: flags.workerOnly ? 'worker' : 'run',
        jobName: flags.jobName ?? `hyperopt-${loaded.config.study.name}`.replace(/[^A-Za-z0-9_.,@+-]/g, '_'),
        ntasks: flags.ntasks,
        nodes: flags.nodes,
        cpusPerTask: flags.cpusPerTask,
        time: flags.time,
        partition: flags.partition,
        account: flags.account,
        output: flags.log ?? join(loaded.sweepDir, 'slurm-%j.out'),
        warningSeconds: flags.warningSeconds,
        autoRequeue: flags.requeue,
        hyperoptCommand: command,
        extraSbatch: flags.sbatch,
        scriptName: output === '-' ? 'script.sbatch' : basename(output),
      });
      // SLURM opens the job's output file in the sweep directory before anything runs
      await mkdir(loaded.sweepDir, { recursive: true, mode: 0o700 });
      if (output === '-') {
        io.stdout.write(script);
        return;
      }
      const path = resolve(io.cwd, output);
      await writeFile(path, script);
      await chmod(path, 0o755);
      writeLine(io.stdout, `wrote ${path}\nsubmit it with: sbatch ${path}`);
    });
}
