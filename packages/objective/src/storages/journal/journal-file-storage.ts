import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { ObjectiveError, echo } from '../../errors.js';
import type { ObjectiveEventListener } from '../../events.js';
import { PythonJsonSyntaxError, parsePython, stringifyPython } from '../../json/python-json.js';
import { ModelStorage, type StorageOptions } from '../model-storage.js';
import type { StorageOperation } from '../operations.js';
import type { ApplyResult } from '../storage-model.js';
import { decodeRecord, encodeOperation } from './journal-codec.js';
import { JournalFile, type JournalChunk } from './journal-file.js';
import { JournalFileLock, type JournalLockKind } from './journal-lock.js';

export type { JournalLockKind } from './journal-lock.js';

/** How often a line that does not parse is read again before it is skipped as corrupt. */
const REREAD_ATTEMPTS = 3;
const REREAD_DELAY_MS = 50;

/** Options of {@link JournalFileStorage}. */
export interface JournalFileStorageOptions extends StorageOptions {
  /**
   * Optuna's lock flavour: `symlink` (`JournalFileSymlinkLock`, NFSv2+) or `open`
   * (`JournalFileOpenLock`, an `O_CREAT|O_EXCL` lock file).
   * @default "symlink"
   */
  lock?: JournalLockKind;
  /**
   * Seconds a lock may stay unchanged before it is taken as left by a killed process
   * and forcibly released (Optuna 4.3+'s `grace_period`); `null` waits forever (3.1).
   * @default 30
   */
  lockGracePeriod?: number | null;
  /**
   * Longest back-off between attempts to take the lock, in ms.
   * @default 64
   */
  lockMaxBackoffMs?: number;
  /**
   * Write Optuna ≥ 4.0's compact separators instead of 3.x's `", "` / `": "`.
   * Both are read.
   * @default false
   */
  compactJson?: boolean;
  /**
   * Receives warnings: unknown op codes and invalid records skipped, forced locks.
   * @default undefined
   */
  onEvent?: ObjectiveEventListener;
}

/**
 * Optuna's `JournalStorage(JournalFileStorage(path))`: every change is one JSON line
 * appended to a file shared by any number of processes, Python Optuna's included.
 * The state is rebuilt by replaying the file, incrementally from the last byte read.
 */
export class JournalFileStorage extends ModelStorage {
  readonly path: string;
  /** This handle's `worker_id` in the records it writes. */
  readonly workerId: string;
  private readonly file: JournalFile;
  private readonly compact: boolean;
  private readonly listener: ObjectiveEventListener | undefined;
  private ownResult: ApplyResult | undefined;

  constructor(path: string, options: JournalFileStorageOptions = {}) {
    super(options);
    this.path = resolve(path);
    this.workerId = `${randomUUID()}-${process.pid}`;
    this.compact = options.compactJson ?? false;
    this.listener = options.onEvent;
    const lockGracePeriod = options.lockGracePeriod === undefined ? 30 : options.lockGracePeriod;
    if (lockGracePeriod !== null && !(lockGracePeriod > 0)) {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected a positive \`lockGracePeriod\` or null, got ${echo(lockGracePeriod)}`);
    }
    const kind = options.lock ?? 'symlink';
    if (kind !== 'symlink' && kind !== 'open') {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `expected "symlink" or "open" for \`lock\`, got ${echo(kind)}`);
    }
    const lock = new JournalFileLock(this.path, {
      kind,
      clock: this.clock,
      gracePeriod: lockGracePeriod,
      maxBackoffMs: options.lockMaxBackoffMs ?? 64,
      onEvent: options.onEvent,
    });
    this.file = new JournalFile(this.path, lock);
    this.refresh();
  }

  protected override commit(operation: StorageOperation): ApplyResult {
    const line = stringifyPython(encodeOperation(operation, this.workerId), { compact: this.compact });
    this.ownResult = undefined;
    this.file.append([line]);
    this.refresh();
    const result = this.ownResult as ApplyResult | undefined;
    if (result === undefined) {
      throw new ObjectiveError('OBJECTIVE_JOURNAL_CORRUPT', `the record just appended to ${this.path} was not read back`);
    }
    return result;
  }

  protected override refresh(): void {
    let rereads = 0;
    for (;;) {
      const chunk = this.file.readNew();
      const unreadable = this.applyLines(chunk, rereads < REREAD_ATTEMPTS);
      if (unreadable === undefined) return;
      // A network filesystem can briefly show a line that is not there yet (zeros, a
      // stale page): read it again, a few times, before calling it corrupt.
      this.file.unread(chunk, unreadable);
      rereads++;
      this.clock.sleepSync(REREAD_DELAY_MS);
    }
  }

  /** Applies a chunk; returns the index of a line that did not parse and should be read again. */
  private applyLines(chunk: JournalChunk, mayReread: boolean): number | undefined {
    const { lines, firstLine } = chunk;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i] as string;
      if (text.trim() === '') continue;
      let record: unknown;
      try {
        record = parsePython(text);
      } catch (error) {
        if (mayReread) return i;
        const reason = error instanceof PythonJsonSyntaxError ? error.message : String(error);
        this.listener?.({ type: 'journal-invalid-record', path: this.path, line: firstLine + i, reason });
        continue;
      }
      const decoded = decodeRecord(record);
      if (decoded.kind === 'unknown-op') {
        this.listener?.({ type: 'journal-unknown-op', path: this.path, opCode: decoded.opCode, line: firstLine + i });
        continue;
      }
      if (decoded.kind === 'invalid') {
        this.listener?.({ type: 'journal-invalid-record', path: this.path, line: firstLine + i, reason: decoded.reason });
        continue;
      }
      const result = this.model.apply(decoded.operation);
      if (decoded.workerId === this.workerId) this.ownResult = result;
    }
    return undefined;
  }
}
