/** Every error code `@hyperopt/sr-runner` raises or records in a result. */
export const SR_RUNNER_ERROR_CODES = [
  /** Runner options or hyperparameters failed validation. */
  'SR_RUNNER_INVALID_OPTIONS',
  /** A benchmark (table or file) failed validation: unknown variable, empty range, duplicate id… */
  'SR_RUNNER_INVALID_BENCHMARK',
  /** A batch item names an equation the runner's benchmark does not hold. */
  'SR_RUNNER_UNKNOWN_EQUATION',
  /** Generated data were not finite over the equation's ranges. */
  'SR_RUNNER_DATA_NOT_FINITE',
  /** The configured Python interpreter could not be started. */
  'SR_RUNNER_PYTHON_MISSING',
  /** Python started but `import pysr` failed. */
  'SR_RUNNER_PYSR_MISSING',
  /** The Python process died (crash, signal) during a request. */
  'SR_RUNNER_PYTHON_CRASHED',
  /** The Python process sent something that is not the expected protocol message. */
  'SR_RUNNER_PROTOCOL_ERROR',
  /** A fit exceeded its time limit. */
  'SR_RUNNER_FIT_TIMEOUT',
  /** The backend reported a failed fit (exception inside the search). */
  'SR_RUNNER_FIT_FAILED',
  /** The fit was cancelled through the caller's AbortSignal. */
  'SR_RUNNER_ABORTED',
  /** The runner or backend was used after `close()`. */
  'SR_RUNNER_CLOSED',
] as const;

export type SrRunnerErrorCode = (typeof SR_RUNNER_ERROR_CODES)[number];

/** Base class of every error this package throws; `code` says what went wrong. */
export class SrRunnerError extends Error {
  override readonly name: string = 'SrRunnerError';
  readonly code: SrRunnerErrorCode;

  constructor(code: SrRunnerErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }
}

/** True when `error` is an {@link SrRunnerError}, optionally with the given code. */
export function isSrRunnerError(error: unknown, code?: SrRunnerErrorCode): error is SrRunnerError {
  return error instanceof SrRunnerError && (code === undefined || error.code === code);
}

/** Renders any thrown value as a short message (for errors recorded as data). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
