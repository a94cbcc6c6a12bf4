import type { ControlFile } from '../protocol/schemas.js';

/**
 * Decides when a worker obeys the master's shutdown notice. A notice counts only if it
 * comes from a master incarnation this worker has seen running without one: a worker
 * restarted by a requeued job must not exit on the notice its predecessor's master left
 * behind; it waits for the new master instead.
 */
export class ShutdownRule {
  private readonly seenRunning = new Set<string>();

  /** Feeds a control file; true when the worker must shut down. */
  observe(control: ControlFile): boolean {
    if (control.shutdown === null) {
      this.seenRunning.add(control.masterIncarnation);
      return false;
    }
    return this.seenRunning.has(control.masterIncarnation);
  }
}
