import { chmodSync, closeSync, fchmodSync, fstatSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ExecutorError } from '../errors.js';
import { randomId } from '../util/random-id.js';
import { MetadataCounter, type MetadataCounts } from './metadata-counter.js';

/** Prefix of temporary files; readers never look at names that start with it. */
export const TEMP_PREFIX = '.~hx-';

/** Who may read and write what the executor creates. */
export type Sharing = 'private' | 'group';

/** What a read returned: the text and who owns the file. */
export interface RawFile {
  readonly text: string;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
}

/** Result of an exclusive create. */
export type CreateOutcome = 'created' | 'taken';

function errno(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/**
 * The only door to the shared filesystem. Every write is atomic (a temp file in the
 * same directory, then a rename; a failed write removes its temp file); every metadata
 * operation is counted so benchmarks can check the load put on a metadata server.
 *
 * The calls are synchronous under a promise API, on purpose: the files are a few
 * kilobytes, and a blocking call costs microseconds on a local disk and about a
 * metadata round trip on NFS/Lustre, whereas an asynchronous one adds a thread-pool hop
 * and a wake-up per call, which on a busy node made every claim several times slower.
 * A process that cannot reach the filesystem stalls, heartbeat included, as it should.
 */
export class SharedFs {
  readonly counter = new MetadataCounter();
  readonly fileMode: number;
  readonly dirMode: number;

  constructor(readonly sharing: Sharing = 'private') {
    this.fileMode = sharing === 'group' ? 0o660 : 0o600;
    this.dirMode = sharing === 'group' ? 0o2770 : 0o700;
  }

  /** Metadata operations done so far. */
  metadataCounts(): MetadataCounts {
    return this.counter.snapshot();
  }

  /** Creates a directory and its parents (one counted `mkdir`). */
  async mkdirp(path: string): Promise<void> {
    this.counter.add('mkdir');
    try {
      const created = mkdirSync(path, { recursive: true, mode: this.dirMode });
      if (created !== undefined && this.sharing === 'group') {
        // the umask would take the group's bits away, and mkdir ignores setgid
        this.counter.add('chmod');
        chmodSync(path, this.dirMode);
      }
    } catch (error) {
      throw new ExecutorError('EXECUTOR_FS_FAILED', `could not create directory \`${path}\``, { cause: error });
    }
  }

  /**
   * Reads a whole file; `undefined` when it does not exist. Counts `open` and `stat`
   * (fstat). With `unlessSize`, a file of exactly that size is not read (`"unchanged"`):
   * for files that only grow, this skips re-reading what was already seen.
   */
  async read(path: string, unlessSize?: number): Promise<RawFile | 'unchanged' | undefined> {
    this.counter.add('open');
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return undefined;
      throw new ExecutorError('EXECUTOR_FS_FAILED', `could not open \`${path}\``, { cause: error });
    }
    try {
      this.counter.add('stat');
      const info = fstatSync(fd);
      if (unlessSize !== undefined && info.size === unlessSize) return 'unchanged';
      const text = readFileSync(fd, 'utf8');
      return { text, uid: info.uid, gid: info.gid, size: Buffer.byteLength(text, 'utf8') };
    } catch (error) {
      throw new ExecutorError('EXECUTOR_FS_FAILED', `could not read \`${path}\``, { cause: error });
    } finally {
      closeSync(fd);
    }
  }

  /** True when `path` exists (one counted `stat`). */
  async exists(path: string): Promise<boolean> {
    return this.existsNow(path);
  }

  /** Atomically replaces `path` with `text` (temp file in the same directory + rename). */
  async writeAtomic(path: string, text: string): Promise<void> {
    const temp = this.writeTemp(path, text);
    try {
      this.counter.add('rename');
      renameSync(temp, path);
    } catch (error) {
      this.removeQuietly(temp);
      throw new ExecutorError('EXECUTOR_FS_FAILED', `could not rename a temp file onto \`${path}\``, { cause: error });
    }
  }

  /**
   * Creates `path` with `text` only if no file of that name exists: the whole content
   * appears at once (temp file + hard link). A failed link counts as "taken" only when the
   * name exists, because network filesystems answer the loser with EPERM as often as EEXIST;
   * `isMine` tells whether an existing file is in fact ours (a link whose reply was lost).
   */
  async createExclusive(path: string, text: string, isMine: (existing: string) => boolean): Promise<CreateOutcome> {
    const temp = this.writeTemp(path, text);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          this.counter.add('link');
          linkSync(temp, path);
          return 'created';
        } catch (error) {
          const existing = await this.read(path);
          if (existing !== undefined && existing !== 'unchanged') return isMine(existing.text) ? 'created' : 'taken';
          if (attempt >= 2) {
            throw new ExecutorError('EXECUTOR_FS_FAILED', `exclusive create of \`${path}\` failed and the name does not exist`, { cause: error });
          }
        }
      }
    } finally {
      this.removeQuietly(temp);
    }
  }

  /**
   * Creates `path` with `text` by an exclusive open (one metadata operation, cheaper than
   * `createExclusive`), for files whose readers tolerate seeing them half-written for a
   * moment (the envelope's checksum tells). EEXIST means taken; any other failure counts
   * as "taken" only when the name exists. A failed write removes the file.
   */
  async createInPlace(path: string, text: string): Promise<CreateOutcome> {
    for (let attempt = 0; ; attempt++) {
      this.counter.add('open');
      let fd: number;
      try {
        fd = openSync(path, 'wx', this.fileMode);
      } catch (error) {
        if (errno(error) === 'EEXIST' || this.existsNow(path)) return 'taken';
        if (attempt >= 2) throw new ExecutorError('EXECUTOR_FS_FAILED', `exclusive create of \`${path}\` failed and the name does not exist`, { cause: error });
        continue;
      }
      try {
        this.fill(fd, text);
        return 'created';
      } catch (error) {
        this.removeQuietly(path);
        throw new ExecutorError('EXECUTOR_FS_FAILED', `could not write \`${path}\``, { cause: error });
      }
    }
  }

  /** Lists a directory (counted); only for diagnostics and clean-up, never for discovery. */
  async list(path: string): Promise<string[]> {
    this.counter.add('readdir');
    try {
      return readdirSync(path).filter((name) => !name.startsWith(TEMP_PREFIX));
    } catch (error) {
      if (errno(error) === 'ENOENT') return [];
      throw new ExecutorError('EXECUTOR_FS_FAILED', `could not list \`${path}\``, { cause: error });
    }
  }

  private existsNow(path: string): boolean {
    this.counter.add('stat');
    try {
      statSync(path);
      return true;
    } catch (error) {
      if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return false;
      throw new ExecutorError('EXECUTOR_FS_FAILED', `could not stat \`${path}\``, { cause: error });
    }
  }

  /** Writes all of `text` to a fresh descriptor and closes it (closes even on failure). */
  private fill(fd: number, text: string): void {
    try {
      if (this.sharing === 'group') {
        this.counter.add('chmod');
        fchmodSync(fd, this.fileMode);
      }
      const buffer = Buffer.from(text, 'utf8');
      for (let offset = 0; offset < buffer.length; ) offset += writeSync(fd, buffer, offset, buffer.length - offset);
    } finally {
      closeSync(fd);
    }
  }

  private writeTemp(path: string, text: string): string {
    const temp = join(dirname(path), `${TEMP_PREFIX}${basename(path)}-${randomId()}`);
    this.counter.add('open');
    try {
      this.fill(openSync(temp, 'wx', this.fileMode), text);
      return temp;
    } catch (error) {
      this.removeQuietly(temp);
      throw new ExecutorError('EXECUTOR_FS_FAILED', `could not write a temp file for \`${path}\``, { cause: error });
    }
  }

  private removeQuietly(path: string): void {
    this.counter.add('unlink');
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
}
