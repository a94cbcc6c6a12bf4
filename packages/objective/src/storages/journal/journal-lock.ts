import { randomUUID } from 'node:crypto';
import { closeSync, lstatSync, openSync, renameSync, symlinkSync, unlinkSync } from 'node:fs';
import type { Clock } from '../../clock.js';
import { ObjectiveError } from '../../errors.js';
import type { ObjectiveEventListener } from '../../events.js';

/** Which of Optuna's journal locks to use. */
export type JournalLockKind = 'symlink' | 'open';

/** Options of {@link JournalFileLock}. */
export interface JournalFileLockOptions {
  readonly kind: JournalLockKind;
  readonly clock: Clock;
  /** Seconds a lock may stay unchanged before it is taken as left by a dead process; `null` disables. */
  readonly gracePeriod: number | null;
  /** Longest back-off sleep between attempts, in ms. */
  readonly maxBackoffMs: number;
  readonly onEvent: ObjectiveEventListener | undefined;
}

/** Consecutive `EPERM`s with no lock in sight before it counts as a real permission error. */
const MAX_UNEXPLAINED_EPERM = 50;

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Optuna's journal lock, compatible with Python processes on the same file: the lock
 * is `<journal>.lock`, created with `symlink` (default) or `open(O_CREAT|O_EXCL)`,
 * released by renaming it to a unique scratch name and unlinking that. Waiters back off
 * exponentially (1 ms doubling to `maxBackoffMs`). A lock that stays the same file
 * (inode, mtime, ctime) for longer than the grace period, as seen by the waiter's
 * monotonic clock, was left by a killed process and is forcibly released (Optuna 4.3+).
 * On network filesystems the loser of an exclusive create may get `EPERM`: the lock
 * counts as taken only if the name exists.
 */
export class JournalFileLock {
  readonly lockPath: string;

  constructor(
    readonly journalPath: string,
    private readonly options: JournalFileLockOptions,
  ) {
    this.lockPath = `${journalPath}.lock`;
  }

  /**
   * One attempt. `EPERM` with the name visible means taken; with the name absent it
   * means the holder released it between our create and our look (a busy lock on a
   * network filesystem) — unless it keeps happening, which is a real permission problem.
   */
  private tryCreate(): 'acquired' | 'taken' | 'denied' {
    try {
      if (this.options.kind === 'symlink') symlinkSync(this.journalPath, this.lockPath);
      else closeSync(openSync(this.lockPath, 'wx'));
      return 'acquired';
    } catch (error) {
      if (code(error) === 'EEXIST') return 'taken';
      if (code(error) === 'EPERM') return this.identity() === undefined ? 'denied' : 'taken';
      throw new ObjectiveError('OBJECTIVE_JOURNAL_LOCK', `cannot create the journal lock ${this.lockPath}`, { cause: error });
    }
  }

  private identity(): string | undefined {
    try {
      const stat = lstatSync(this.lockPath, { bigint: true });
      return `${stat.dev}:${stat.ino}:${stat.mtimeNs}:${stat.ctimeNs}`;
    } catch {
      return undefined;
    }
  }

  acquire(): void {
    const { clock, gracePeriod, maxBackoffMs, onEvent } = this.options;
    let backoff = 1;
    let seen: string | undefined;
    let seenSince = clock.monotonic();
    const waitStart = seenSince;
    let nextNotice = waitStart + 10_000;
    let denied = 0;
    for (;;) {
      const attempt = this.tryCreate();
      if (attempt === 'acquired') return;
      if (attempt === 'denied') {
        denied++;
        if (denied > MAX_UNEXPLAINED_EPERM) {
          throw new ObjectiveError(
            'OBJECTIVE_JOURNAL_LOCK',
            `cannot create the journal lock ${this.lockPath}: EPERM ${denied} times in a row while no lock existed`,
          );
        }
        clock.sleepSync(backoff);
        backoff = Math.min(backoff * 2, maxBackoffMs);
        continue;
      }
      denied = 0;
      const now = clock.monotonic();
      if (now >= nextNotice) {
        onEvent?.({ type: 'journal-lock-waiting', path: this.journalPath, waitedMs: now - waitStart });
        nextNotice = now + 10_000;
      }
      if (gracePeriod !== null) {
        const identity = this.identity();
        if (identity === undefined) continue; // released meanwhile: retry at once
        if (identity !== seen) {
          seen = identity;
          seenSince = now;
        } else if (now - seenSince > gracePeriod * 1000) {
          onEvent?.({ type: 'journal-lock-forced', path: this.journalPath, heldForMs: now - seenSince });
          this.forceRelease();
          seen = undefined;
          backoff = 1;
          continue;
        }
      }
      clock.sleepSync(backoff);
      backoff = Math.min(backoff * 2, maxBackoffMs);
    }
  }

  private forceRelease(): void {
    try {
      this.renameAway();
    } catch {
      // Someone else released or forced it first: just retry.
    }
  }

  /**
   * Releases the lock this process holds. If it is already gone (another process took
   * it as stale while we stalled longer than its grace period), our write is done all
   * the same: report it with a `journal-lock-lost` event instead of failing.
   */
  release(): void {
    try {
      this.renameAway();
    } catch (error) {
      if (code(error) === 'ENOENT') {
        this.options.onEvent?.({ type: 'journal-lock-lost', path: this.journalPath });
        return;
      }
      throw new ObjectiveError('OBJECTIVE_JOURNAL_LOCK', `did not possess the journal lock ${this.lockPath}`, { cause: error });
    }
  }

  private renameAway(): void {
    const scratch = `${this.lockPath}${randomUUID()}.rename`;
    renameSync(this.lockPath, scratch);
    try {
      unlinkSync(scratch);
    } catch {
      // The scratch name is unique; a leftover is harmless.
    }
  }
}
