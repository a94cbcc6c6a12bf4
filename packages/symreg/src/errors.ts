/**
 * Every error this package throws is a {@link SymregError} with a `code` from
 * {@link SYMREG_ERROR_CODES}; callers test the code, never the message.
 */
export const SYMREG_ERROR_CODES = [
  /** A formula string could not be parsed or names an unknown variable (the message names the position and token). */
  'SYMREG_PARSE_ERROR',
  /** An option given to the regressor is invalid (the message names the field and value). */
  'SYMREG_INVALID_OPTIONS',
  /** Data given to `fit`/`predict`/`evaluateExpression` has the wrong shape or type. */
  'SYMREG_INVALID_DATA',
  /** An argument of a function is outside its domain. */
  'SYMREG_INVALID_ARGUMENT',
  /** A worker thread failed or sent a malformed message. */
  'SYMREG_WORKER_FAILED',
  /** The regressor was closed and cannot fit any more. */
  'SYMREG_CLOSED',
] as const;
export type SymregErrorCode = (typeof SYMREG_ERROR_CODES)[number];

/** Base class of every error thrown by `@hyperopt/symreg`. */
export class SymregError extends Error {
  readonly code: SymregErrorCode;
  constructor(code: SymregErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'SymregError';
    this.code = code;
  }
}
