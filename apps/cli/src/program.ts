import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerInit } from './commands/init-command.js';
import { registerSchema } from './commands/schema-command.js';
import { registerSlurm } from './commands/slurm-command.js';
import { registerSweepCommands } from './commands/register-sweep-commands.js';
import { writeLine, type CliIo } from './cli-io.js';
import { exitCodeFor, exitCodes, isCliError } from './errors.js';

/** The CLI's version, from its package.json. */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

const exitCodeHelp = `
Exit codes:
  0  done
  1  internal error (a bug, or the machine failed)
  2  bad input (flags, config file, sweep directory)
  3  interrupted (signal or time limit): run the same command again to resume`;

/** Builds the `hyperopt` command tree. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('hyperopt')
    .description('Resumable hyperparameter sweeps of symbolic-regression benchmarks, on one machine or a SLURM cluster.')
    .version(cliVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', exitCodeHelp)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();
  registerInit(program, io);
  registerSchema(program, io);
  registerSlurm(program, io);
  registerSweepCommands(program, io);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
    command.addHelpText('after', exitCodeHelp);
  }
  return program;
}

/**
 * Runs the CLI with `argv` (without the node and script words) and returns the exit code.
 * The one place where errors become exit codes: see {@link exitCodeFor}.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCodes.done;
  } catch (error) {
    const code = exitCodeFor(error);
    if (error instanceof CommanderError) return code; // commander already printed it
    if (isCliError(error) && error.code === 'CLI_INTERRUPTED') {
      writeLine(io.stderr, `hyperopt: ${error.message}`);
      return code;
    }
    const message = error instanceof Error ? error.message : String(error);
    writeLine(io.stderr, `hyperopt: error: ${message}`);
    if (code === exitCodes.internal && error instanceof Error && error.stack !== undefined && io.env.HYPEROPT_DEBUG === '1') {
      writeLine(io.stderr, error.stack);
    }
    if (code === exitCodes.internal) writeLine(io.stderr, 'hyperopt: this is an internal error (exit code 1); set HYPEROPT_DEBUG=1 for the stack trace');
    return code;
  }
}
