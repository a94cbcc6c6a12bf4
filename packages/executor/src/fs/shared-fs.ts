import { constants } from 'node:fs';
import { chmod, link, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
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
      const created = await mkdir(path, { recursive: true, mode: this.dirMode });
      if (created !== undefined && this.sharing === 'group') {
        // the umask would take the group's bits away, and mkdir ignores setgid
        this.counter.add('chmod');
        await chmod(path, this.dirMode);
      }
    } catch (error) {
      throw new ExecutorError('EXECUTOR_FS_FAILED', `could not create directory \`${path}\``, { cause: error });
    }
  }

  /** Reads a whole file; `undefined` when it does not exist. Counts `open` and `stat` (fstat). */
  async read(path: string): Promise<RawFile | undefined> {
    this.counter.add('open');
    let handle;
    try {
      handle = await open(path, constants.O_RDONLY);
    } catch (error) {
      if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return undefined;
      throw new ExecutorError('EXECUTOR_FS_FAILED', `could not open \`${path}\``, { cause: error });
    }
    try {
      this.counter.add('stat');
      const info = await handle.stat();
      const text = await handle.readFile({ encoding: 'utf8' });
      return { text, uid: info.uid, gid: info.gid };
    } catch (error) {
      throw new ExecutorError('EXECUTOR_FS_FAILED', `could not read \`${path}\``, { cause: error });
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  /** True when `path` exists (one counted `stat`). */
  async exists(path: string): Promise<boolean> {
    this.counter.add('stat');
    try {
      await stat(path);
      return true;
    } catch (error) {
      if (errno(error) === 'ENOENT' || errno(error) === 'ENOTDIR') return false;
      throw new ExecutorError('EXECUTOR_FS_FAILED', `could not stat \`${path}\``, { cause: error });
    }
  }

  /** Atomically replaces `path` with `text` (temp file in the same directory + rename). */
  async writeAtomic(path: string, text: string): Promise<void> {
    const temp = await this.writeTemp(path, text);
    try {
      this.counter.add('rename');
      await rename(temp, path);
    } catch (error) {
      await this.removeQuietly(temp);
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
    const temp = await this.writeTemp(path, text);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          this.counter.add('link');
          await link(temp, path);
          return 'created';
        } catch (error) {
          const existing = await this.read(path);
          if (existing !== undefined) return isMine(existing.text) ? 'created' : 'taken';
          if (attempt >= 2) {
            throw new ExecutorError('EXECUTOR_FS_FAILED', `exclusive create of \`${path}\` failed and the name does not exist`, {
              cause: error,
            });
          }
        }
      }
    } finally {
      await this.removeQuietly(temp);
    }
  }

  /** Lists a directory (counted); only for diagnostics and clean-up, never for discovery. */
  async list(path: string): Promise<string[]> {
    this.counter.add('readdir');
    try {
      return (await readdir(path)).filter((name) => !name.startsWith(TEMP_PREFIX));
    } catch (error) {
      if (errno(error) === 'ENOENT') return [];
      throw new ExecutorError('EXECUTOR_FS_FAILED', `could not list \`${path}\``, { cause: error });
    }
  }

  private async writeTemp(path: string, text: string): Promise<string> {
    const temp = join(dirname(path), `${TEMP_PREFIX}${basename(path)}-${randomId()}`);
    this.counter.add('open');
    try {
      const handle = await open(temp, 'wx', this.fileMode);
      try {
        if (this.sharing === 'group') {
          this.counter.add('chmod');
          await handle.chmod(this.fileMode);
        }
        await handle.writeFile(text, { encoding: 'utf8' });
      } finally {
        await handle.close();
      }
      return temp;
    } catch (error) {
      await this.removeQuietly(temp);
      throw new ExecutorError('EXECUTOR_FS_FAILED', `could not write a temp file for \`${path}\``, { cause: error });
    }
  }

  private async removeQuietly(path: string): Promise<void> {
    this.counter.add('unlink');
    await unlink(path).catch(() => undefined);
  }
}
