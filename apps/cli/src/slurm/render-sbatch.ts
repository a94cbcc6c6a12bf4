import { CliError } from '../errors.js';
import { sbatchTemplate } from './sbatch-template.js';

/** What `hyperopt slurm` puts in the sbatch script. */
export interface SbatchOptions {
  /** Absolute path of the sweep config (for `run`) or the sweep directory (for `worker`). */
  readonly target: string;
  /** `run`: task 0 is the master, the others workers. `worker`: every task is a worker joining a running sweep. */
  readonly mode: 'run' | 'worker';
  readonly jobName: string;
  /** Total tasks (master + workers). */
  readonly ntasks: number;
  readonly nodes?: number | undefined;
  readonly cpusPerTask: number;
  /** SLURM time limit, e.g. `"02:00:00"` or `"30"` (minutes). */
  readonly time: string;
  readonly partition?: string | undefined;
  readonly account?: string | undefined;
  /** Output file pattern (`%j` = job id); appended to across requeues. */
  readonly output: string;
  /** Seconds before the time limit at which SLURM sends the warning signal to the batch shell. */
  readonly warningSeconds: number;
  /** Requeue the job when it was interrupted by the warning (so the sweep resumes). */
  readonly autoRequeue: boolean;
  /** The command that runs hyperopt, as argv words. */
  readonly hyperoptCommand: readonly string[];
  /** Extra `#SBATCH` options, e.g. `--mem=4G`. */
  readonly extraSbatch: readonly string[];
  /** File name shown in the script's header. */
  readonly scriptName: string;
}

/** Quotes a word for bash (single quotes; a single quote becomes '\''). */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

const timePattern = /^(\d+|\d+:\d{2}|\d+:\d{2}:\d{2}|\d+-\d+(:\d{2}(:\d{2})?)?)$/;

/** Renders the sbatch script from the template. */
export function renderSbatch(options: SbatchOptions): string {
  if (!timePattern.test(options.time)) {
    throw new CliError('CLI_USAGE', `expected a SLURM time limit for \`--time\` (minutes, MM:SS, HH:MM:SS or D-HH[:MM[:SS]]), got ${JSON.stringify(options.time)}`);
  }
  for (const [field, value] of [['--partition', options.partition], ['--account', options.account], ['--job-name', options.jobName]] as const) {
    if (value !== undefined && !/^[A-Za-z0-9_.,@+-]+$/.test(value)) {
      throw new CliError('CLI_USAGE', `expected letters, digits and _.,@+- for \`${field}\`, got ${JSON.stringify(value)}`);
    }
  }
  for (const extra of options.extraSbatch) {
    if (!extra.startsWith('--') || /[\n\r]/.test(extra)) throw new CliError('CLI_USAGE', `expected an sbatch option such as \`--mem=4G\` for \`--sbatch\`, got ${JSON.stringify(extra)}`);
  }
  const lines = [
    `#SBATCH --job-name=${options.jobName}`,
    ...(options.nodes === undefined ? [] : [`#SBATCH --nodes=${options.nodes}`]),
    `#SBATCH --ntasks=${options.ntasks}`,
    `#SBATCH --cpus-per-task=${options.cpusPerTask}`,
    `#SBATCH --time=${options.time}`,
    ...(options.partition === undefined ? [] : [`#SBATCH --partition=${options.partition}`]),
    ...(options.account === undefined ? [] : [`#SBATCH --account=${options.account}`]),
    `#SBATCH --output=${options.output}`,
    '#SBATCH --open-mode=append',
    '#SBATCH --requeue',
    `#SBATCH --signal=B:USR1@${options.warningSeconds}`,
    ...options.extraSbatch.map((extra) => `#SBATCH ${extra}`),
  ];
  const sweepArgs = options.mode === 'run' ? ['run', options.target] : ['worker', options.target];
  const values: Record<string, string> = {
    SCRIPT_NAME: options.scriptName,
    NTASKS: String(options.ntasks),
    WARNING_SECONDS: String(options.warningSeconds),
    SBATCH_LINES: lines.join('\n'),
    HYPEROPT_COMMAND: options.hyperoptCommand.map(shellQuote).join(' '),
    SWEEP_ARGS: sweepArgs.map(shellQuote).join(' '),
    AUTO_REQUEUE: options.autoRequeue ? '1' : '0',
  };
  return sbatchTemplate.replace(/\{\{([A-Z_]+)\}\}/g, (match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new CliError('CLI_INTERNAL', `the sbatch template names an unknown placeholder ${match}`);
    return value;
  });
}
