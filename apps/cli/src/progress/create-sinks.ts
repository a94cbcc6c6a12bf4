import { hostname } from 'node:os';
import type { CliIo } from '../cli-io.js';
import { EventLog } from './event-log.js';
import { LineRenderer } from './line-renderer.js';
import { StatusFile } from './status-file.js';
import { SweepEventBus } from './sweep-events.js';
import { TtyRenderer } from './tty-renderer.js';

/** How progress is shown: live bars, one line per event, or nothing. */
export type ProgressMode = 'auto' | 'bars' | 'lines' | 'none';

/** The terminal renderer, the JSON-lines event log and (for the master) the status file. */
export function createSinks(io: CliIo, options: { mode: ProgressMode; eventLogPath: string; statusPath?: string | undefined; studyName: string }): SweepEventBus & { status?: StatusFile } {
  const bus: SweepEventBus & { status?: StatusFile } = new SweepEventBus([new EventLog(options.eventLogPath)]);
  if (options.statusPath !== undefined) {
    bus.status = new StatusFile(options.statusPath, { pid: process.pid, host: hostname(), studyName: options.studyName });
    bus.add(bus.status);
  }
  const mode = options.mode === 'auto' ? (io.stderr.isTTY === true && io.env.CI === undefined ? 'bars' : 'lines') : options.mode;
  if (mode === 'bars') bus.add(new TtyRenderer(io.stderr));
  if (mode === 'lines') bus.add(new LineRenderer((line) => io.stderr.write(line)));
  return bus;
}
