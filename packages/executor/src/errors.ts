/** Every error code the executor throws or reports in a `warning` event. */
export const executorErrorCodes = [
  'EXECUTOR_INVALID_OPTION',
  'EXECUTOR_INVALID_ID',
  'EXECUTOR_INVALID_ITEMS',
  'EXECUTOR_PROTOCOL_MISMATCH',
  'EXECUTOR_FILE_INCOMPLETE',
  'EXECUTOR_FILE_MALFORMED',
  'EXECUTOR_FILE_FOREIGN',
  'EXECUTOR_FS_FAILED',
  'EXECUTOR_TRIAL_CONFLICT',
  'EXECUTOR_RUNNER_FAILED',
  'EXECUTOR_RUNNER_INCOMPLETE',
  'EXECUTOR_WRONG_ROLE',
  'EXECUTOR_BUSY',
  'EXECUTOR_WAIT_TIMEOUT',
] as const;

/** A code from the fixed set of executor error codes. */
export type ExecutorErrorCode = (typeof executorErrorCodes)[number];

/** Base class of every error the executor throws; test `code`, never the message. */
export class ExecutorError extends Error {
  override readonly name = 'ExecutorError';
  readonly code: ExecutorErrorCode;

  constructor(code: ExecutorErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
  }
}

/** True when `error` is an {@link ExecutorError}, optionally with the given code. */
export function isExecutorError(error: unknown, code?: ExecutorErrorCode): error is ExecutorError {
  return error instanceof ExecutorError && (code === undefined || error.code === code);
}
