/** Every error code the CLI throws; each maps to one exit code. */
export const cliErrorCodes = [
  'CLI_USAGE',
  'CLI_CONFIG_NOT_FOUND',
  'CLI_CONFIG_SYNTAX',
  'CLI_CONFIG_INVALID',
  'CLI_SWEEP_NOT_FOUND',
  'CLI_SWEEP_MISMATCH',
  'CLI_INTERRUPTED',
  'CLI_TRIAL_FAILED',
  'CLI_WORKER_FAILED',
  'CLI_INTERNAL',
] as const;

/** A code from the fixed set of CLI error codes. */
export type CliErrorCode = (typeof cliErrorCodes)[number];

/** Process exit codes of the `hyperopt` command (documented in docs/cli.md). */
export const exitCodes = {
  /** The command finished its work. */
  done: 0,
  /** An internal error: a bug or an unexpected failure of the machine. */
  internal: 1,
  /** Bad input: a bad flag, config file or sweep directory. Fix it and run again. */
  badInput: 2,
  /** Interrupted (a signal, a time limit): run the same command again to resume. */
  interrupted: 3,
} as const;

/** Base class of every error the CLI throws; test `code`, never the message. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }
}

/** True when `value` is a {@link CliError}. */
export function isCliError(value: unknown): value is CliError {
  return value instanceof CliError;
}

const codeToExit: Record<CliErrorCode, number> = {
  CLI_USAGE: exitCodes.badInput,
  CLI_CONFIG_NOT_FOUND: exitCodes.badInput,
  CLI_CONFIG_SYNTAX: exitCodes.badInput,
  CLI_CONFIG_INVALID: exitCodes.badInput,
  CLI_SWEEP_NOT_FOUND: exitCodes.badInput,
  CLI_SWEEP_MISMATCH: exitCodes.badInput,
  CLI_INTERRUPTED: exitCodes.interrupted,
  CLI_TRIAL_FAILED: exitCodes.internal,
  CLI_WORKER_FAILED: exitCodes.internal,
  CLI_INTERNAL: exitCodes.internal,
};

/** Suffixes of other packages' error codes that mean "the user gave bad input". */
const badInputSuffixes = ['_INVALID_OPTION', '_INVALID_ARGUMENT', '_INVALID_CONFIG', '_INVALID_OPTIONS', '_INVALID_HYPERPARAMETER', '_INVALID_HYPERPARAMETERS', '_INVALID_BENCHMARK', '_UNKNOWN_EQUATION', '_INVALID_ID', '_PROTOCOL_MISMATCH', '_INCOMPATIBLE_DISTRIBUTION', '_DUPLICATED_STUDY', '_STUDY_NOT_FOUND', '_BACKEND_UNAVAILABLE'];

/**
 * The exit code for anything thrown out of a command: CLI errors by their code; errors
 * of the other packages that carry a `code` naming bad input map to 2; the rest are internal (1).
 */
export function exitCodeFor(error: unknown): number {
  if (isCliError(error)) return codeToExit[error.code];
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    const code = error.code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return exitCodes.done;
    if (code.startsWith('commander.')) return exitCodes.badInput;
    if (badInputSuffixes.some((suffix) => code.endsWith(suffix))) return exitCodes.badInput;
  }
  return exitCodes.internal;
}
