import type { ControlFile } from '../protocol/schemas.js';

/**
 * Decides when a worker obeys the master's shutdown notice. A notice counts if it comes
 * from a master incarnation this worker has seen running without one, or if it was issued
 * after this worker started. A worker restarted by a requeued job therefore does not exit
 * on the notice its predecessor's master left behind (it waits for the new master), while
 * a worker that started during a short sweep still ends with it.
 */
export class ShutdownRule {
  private readonly seenRunning = new Set<string>();

  /** @param startedAt when this worker started, by its clock (clocks of hosts agree to well under a requeue's delay) */
  constructor(private readonly startedAt: number) {}

  /** Feeds a control file; true when the worker must shut down. */
  observe(control: ControlFile): boolean {
    if (control.shutdown === null) {
      this.seenRunning.add(control.masterIncarnation);
      return false;
    }
    return this.seenRunning.has(control.masterIncarnation) || control.shutdown.at >= this.startedAt;
  }
}
