import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { sweepEventSchema, type SweepEvent, type SweepEventSink } from './sweep-events.js';

/**
 * Appends every event as one JSON line to this process's own log file
 * (`<sweep>/hyperopt/events-<workerId>.jsonl`; one writer per file). Appends are
 * synchronous so the log is complete even when the process is interrupted.
 */
export class EventLog implements SweepEventSink {
  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  }

  handle(event: SweepEvent): void {
    appendFileSync(this.path, `${JSON.stringify(event)}\n`, { mode: 0o600 });
  }
}

/** Reads an event log; malformed or torn lines are skipped and counted. */
export function readEventLog(path: string): { events: SweepEvent[]; skipped: number } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { events: [], skipped: 0 };
  }
  const events: SweepEvent[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = sweepEventSchema.safeParse(JSON.parse(line));
      if (parsed.success) events.push(parsed.data);
      else skipped += 1;
    } catch {
      skipped += 1;
    }
  }
  return { events, skipped };
}
