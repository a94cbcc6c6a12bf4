import type { SharedFs } from '../fs/shared-fs.js';
import type { TypedEmitter } from '../events.js';
import type { Clock } from '../util/clock.js';
import { decodeFile, encodeFile } from './envelope.js';
import { fileSchemas, type FileBody, type FileKind } from './schemas.js';

/** Outcome of reading one executor file. */
export type ReadResult<T> =
  | { readonly status: 'ok'; readonly value: T; readonly size: number }
  | { readonly status: 'unchanged' }
  | { readonly status: 'missing' }
  | { readonly status: 'invalid'; readonly reason: string };

const INCOMPLETE_RETRIES = 3;

/**
 * Typed, validated access to executor files: every read goes through the envelope
 * check (truncation, checksum, protocol version), an ownership check and the kind's
 * zod schema. Bad files are reported once per path and reason as `warning` events and
 * read as `invalid`; callers then treat them as absent and try again later.
 */
export class FileStore {
  private readonly warned = new Map<string, string>();
  private readonly uid: number;
  private readonly gid: number;

  constructor(
    readonly fs: SharedFs,
    private readonly clock: Clock,
    private readonly events: TypedEmitter,
  ) {
    this.uid = process.getuid?.() ?? 0;
    this.gid = process.getgid?.() ?? 0;
  }

  /** Writes a file atomically. */
  async write<K extends FileKind>(path: string, kind: K, body: FileBody<K>): Promise<void> {
    await this.fs.writeAtomic(path, encodeFile(kind, body));
  }

  /** Creates a file exclusively; `isMine` recognises our own content after a lost reply. */
  async create<K extends FileKind>(path: string, kind: K, body: FileBody<K>, isMine: (existing: FileBody<K>) => boolean) {
    return this.fs.createExclusive(path, encodeFile(kind, body), (text) => {
      const decoded = decodeFile(text);
      if (decoded.status !== 'ok' || decoded.kind !== kind) return false;
      const parsed = fileSchemas[kind].safeParse(decoded.body);
      return parsed.success && isMine(parsed.data as FileBody<K>);
    });
  }

  /** Creates a file by exclusive open; readers may briefly see it incomplete. */
  async createInPlace<K extends FileKind>(path: string, kind: K, body: FileBody<K>) {
    return this.fs.createInPlace(path, encodeFile(kind, body));
  }

  /**
   * Reads and validates a file, retrying a few times when a copy looks truncated. With
   * `unlessSize` (the size of the last good read of a file that only grows), an
   * unchanged file is reported as such without being read. With `createdInPlace` (files
   * made by {@link createInPlace}, e.g. claims), an incomplete copy is what a reader
   * legitimately sees while the creator writes (or while a network client's cached size
   * is stale), so it is reported `invalid` for a later retry without a warning.
   */
  async read<K extends FileKind>(
    path: string,
    kind: K,
    unlessSize?: number,
    options: { createdInPlace?: boolean } = {},
  ): Promise<ReadResult<FileBody<K>>> {
    let reason = '';
    for (let attempt = 0; attempt <= INCOMPLETE_RETRIES; attempt++) {
      if (attempt > 0) await this.clock.sleep(2 * attempt);
      const raw = await this.fs.read(path, unlessSize);
      if (raw === undefined) return { status: 'missing' };
      if (raw === 'unchanged') return { status: 'unchanged' };
      if (raw.uid !== this.uid && !(this.fs.sharing === 'group' && raw.gid === this.gid)) {
        return this.invalid(path, 'EXECUTOR_FILE_FOREIGN', `file is owned by uid ${raw.uid}, expected uid ${this.uid}`);
      }
      const decoded = decodeFile(raw.text);
      if (decoded.status === 'incomplete') {
        reason = decoded.reason;
        continue;
      }
      if (decoded.status === 'version') return this.invalid(path, 'EXECUTOR_PROTOCOL_MISMATCH', decoded.reason);
      if (decoded.status === 'malformed') return this.invalid(path, 'EXECUTOR_FILE_MALFORMED', decoded.reason);
      if (decoded.kind !== kind) {
        return this.invalid(path, 'EXECUTOR_FILE_MALFORMED', `expected a file of kind "${kind}", got ${JSON.stringify(decoded.kind)}`);
      }
      const parsed = fileSchemas[kind].safeParse(decoded.body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return this.invalid(path, 'EXECUTOR_FILE_MALFORMED', `field \`${issue?.path.join('.') ?? ''}\`: ${issue?.message ?? 'invalid'}`);
      }
      this.warned.delete(path);
      return { status: 'ok', value: parsed.data as FileBody<K>, size: raw.size };
    }
    const why = `still incomplete after ${INCOMPLETE_RETRIES + 1} reads (${reason})`;
    if (options.createdInPlace === true) return { status: 'invalid', reason: why } as const;
    return this.invalid(path, 'EXECUTOR_FILE_INCOMPLETE', why);
  }

  private invalid(path: string, code: 'EXECUTOR_FILE_FOREIGN' | 'EXECUTOR_PROTOCOL_MISMATCH' | 'EXECUTOR_FILE_MALFORMED' | 'EXECUTOR_FILE_INCOMPLETE', reason: string) {
    const key = `${code}:${reason}`;
    if (this.warned.get(path) !== key) {
      this.warned.set(path, key);
      this.events.emit('warning', { code, message: `ignoring \`${path}\`: ${reason}`, path });
    }
    return { status: 'invalid', reason } as const;
  }
}
