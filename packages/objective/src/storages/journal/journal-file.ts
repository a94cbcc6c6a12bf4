import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { ObjectiveError } from '../../errors.js';
import type { JournalFileLock } from './journal-lock.js';

/** Complete lines read from a journal, and the 1-based line number of the first. */
export interface JournalChunk {
  readonly lines: string[];
  readonly firstLine: number;
  /** Byte offset of the first line. */
  readonly startOffset: number;
}

/**
 * The journal file itself: appends whole lines under the lock, and reads only the
 * complete lines added since the last read (a torn last line, without its newline, is
 * left for later). Byte offsets make every read incremental.
 */
export class JournalFile {
  private offset = 0;
  private linesRead = 0;

  constructor(
    readonly path: string,
    private readonly lock: JournalFileLock,
  ) {
    try {
      closeSync(openSync(path, 'a'));
    } catch (error) {
      throw new ObjectiveError('OBJECTIVE_IO', `cannot create or open the journal file ${path}`, { cause: error });
    }
  }

  /** Appends records (each one line, no newline inside) in one write under the lock, then fsyncs. */
  append(lines: readonly string[]): void {
    const text = `${lines.join('\n')}\n`;
    this.lock.acquire();
    try {
      const fd = openSync(this.path, 'a+');
      try {
        const size = fstatSync(fd).size;
        let prefix = '';
        if (size > 0) {
          // A writer killed mid-write leaves a line without its newline: end it, so our
          // record stays a line of its own (readers skip the fragment with a warning).
          const last = Buffer.alloc(1);
          readSync(fd, last, 0, 1, size - 1);
          if (last[0] !== 0x0a) prefix = '\n';
        }
        const data = Buffer.from(prefix + text, 'utf8');
        let written = 0;
        while (written < data.length) written += writeSync(fd, data, written, data.length - written);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      if (error instanceof ObjectiveError) throw error;
      throw new ObjectiveError('OBJECTIVE_IO', `cannot append to the journal file ${this.path}`, { cause: error });
    } finally {
      this.lock.release();
    }
  }

  /** Complete lines appended since the previous call (possibly none). */
  readNew(): JournalChunk {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch (error) {
      throw new ObjectiveError('OBJECTIVE_IO', `cannot open the journal file ${this.path}`, { cause: error });
    }
    try {
      const size = fstatSync(fd).size;
      if (size < this.offset) {
        throw new ObjectiveError(
          'OBJECTIVE_JOURNAL_CORRUPT',
          `the journal file ${this.path} shrank from ${this.offset} to ${size} bytes: it was truncated or replaced`,
        );
      }
      const startOffset = this.offset;
      if (size === this.offset) return { lines: [], firstLine: this.linesRead + 1, startOffset };
      const buffer = Buffer.allocUnsafe(size - this.offset);
      let read = 0;
      while (read < buffer.length) {
        const n = readSync(fd, buffer, read, buffer.length - read, this.offset + read);
        if (n === 0) break;
        read += n;
      }
      const end = buffer.lastIndexOf(0x0a, read - 1);
      if (end < 0) return { lines: [], firstLine: this.linesRead + 1, startOffset };
      const lines = buffer.toString('utf8', 0, end).split('\n');
      const firstLine = this.linesRead + 1;
      this.offset += end + 1;
      this.linesRead += lines.length;
      return { lines, firstLine, startOffset };
    } finally {
      closeSync(fd);
    }
  }

  /** Forgets lines read from `lineIndex` of `chunk` on, so the next read starts with that line again. */
  unread(chunk: JournalChunk, lineIndex: number): void {
    const before = chunk.lines.slice(0, lineIndex);
    this.offset = chunk.startOffset + (lineIndex === 0 ? 0 : Buffer.byteLength(before.join('\n'), 'utf8') + 1);
    this.linesRead = chunk.firstLine - 1 + lineIndex;
  }

  /** Bytes consumed so far (every complete line). */
  get bytesRead(): number {
    return this.offset;
  }
}
