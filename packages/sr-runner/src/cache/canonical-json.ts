import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level, so equal values always give equal
 * text. `undefined` members are dropped (as JSON.stringify does); non-finite numbers,
 * functions and other non-JSON values throw.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

/** sha256 (hex) of a value's canonical JSON. */
export function hashCanonical(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is ${value}, which JSON cannot hold`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item, i) => write(item ?? null, `${path}[${i}]`)).join(',')}]`;
      if (ArrayBuffer.isView(value)) return write(Array.from(value as unknown as ArrayLike<number>), path);
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v, `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: ${path} is a ${typeof value}, which JSON cannot hold`);
  }
}
