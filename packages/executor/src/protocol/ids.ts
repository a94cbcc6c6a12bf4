import { ExecutorError } from '../errors.js';

/** One safe path component: what every id used in a file name must match. */
export const SAFE_NAME = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Checks that an identifier can be used as one path component inside the sweep
 * directory: letters, digits, `.`, `_`, `-`, starting with a letter or digit (so no
 * `..`, no `/`, no hidden or temp names), at most 128 characters.
 */
export function toSafeName(field: string, value: unknown): string {
  const text = typeof value === 'number' && Number.isInteger(value) && value >= 0 ? String(value) : value;
  if (typeof text !== 'string' || !SAFE_NAME.test(text) || text.includes('..')) {
    throw new ExecutorError(
      'EXECUTOR_INVALID_ID',
      `expected \`${field}\` to be a non-negative integer or a name of letters, digits, ".", "_" or "-" (at most 128, not starting with "." or "-"), got ${JSON.stringify(value)}`,
    );
  }
  return text;
}
