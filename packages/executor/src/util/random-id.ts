import { randomBytes } from 'node:crypto';

/** A short random identifier (hex) from the OS's entropy: incarnations and temp names. */
export function randomId(bytes = 6): string {
  return randomBytes(bytes).toString('hex');
}
