import type { SlotFile } from '../protocol/schemas.js';
import type { RoleContext } from './context.js';

/** What the master knows about one registered process. */
export interface TrackedSlot {
  readonly index: number;
  /** The last valid heartbeat, or undefined when the slot file is unusable. */
  file: SlotFile | undefined;
  lastBeat: number;
  /** Master-clock time the beat last changed: liveness never compares clocks of two hosts. */
  lastChangeAt: number;
  dead: boolean;
}

/**
 * The master's registry of processes. New slots are found by probing the next slot
 * name (a new name is visible to open/stat at once even where listings are stale);
 * liveness is a heartbeat counter that must keep changing within `heartbeatTimeoutMs`.
 */
export class SlotTracker {
  readonly slots = new Map<number, TrackedSlot>();
  private next = 0;
  private lastRefresh = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ctx: RoleContext,
    private readonly ownSlot: () => number | undefined,
  ) {}

  /** First slot index not yet known. */
  get nextIndex(): number {
    return this.next;
  }

  /**
   * Probes for new slots and, at most twice per heartbeat interval (or when forced),
   * rereads the live heartbeats (all of them, or only `only`).
   */
  async refresh(force: boolean, only?: readonly TrackedSlot[]): Promise<void> {
    const { clock, heartbeatIntervalMs } = this.ctx.options;
    const now = clock.now();
    await this.discover();
    if (!force && now - this.lastRefresh < heartbeatIntervalMs / 2) return;
    if (only === undefined) this.lastRefresh = now;
    for (const tracked of only ?? this.slots.values()) {
      if (tracked.dead || tracked.index === this.ownSlot()) continue;
      const read = await this.ctx.store.read(this.ctx.layout.slot(tracked.index), 'slot');
      if (read.status === 'ok') this.update(tracked, read.value);
      this.judge(tracked);
    }
  }

  /** Live processes other than the master itself. */
  live(): TrackedSlot[] {
    return [...this.slots.values()].filter((s) => !s.dead && s.file !== undefined && s.index !== this.ownSlot());
  }

  private async discover(): Promise<void> {
    for (;;) {
      const index = this.next;
      const read = await this.ctx.store.read(this.ctx.layout.slot(index), 'slot');
      if (read.status === 'missing') return;
      this.next += 1;
      const now = this.ctx.options.clock.now();
      const tracked: TrackedSlot = { index, file: undefined, lastBeat: -1, lastChangeAt: now, dead: false };
      this.slots.set(index, tracked);
      if (read.status !== 'ok' || read.value.slot !== index) {
        tracked.dead = true;
        continue;
      }
      this.update(tracked, read.value);
      if (read.value.phase === 'exited') {
        tracked.dead = true;
        continue;
      }
      if (index !== this.ownSlot() && !this.judge(tracked)) {
        const f = read.value;
        this.ctx.events.emit('worker-joined', { slot: index, workerId: f.workerId, role: f.role, host: f.host, pid: f.pid });
      }
    }
  }

  private update(tracked: TrackedSlot, file: SlotFile): void {
    tracked.file = file;
    if (file.beat !== tracked.lastBeat) {
      tracked.lastBeat = file.beat;
      tracked.lastChangeAt = this.ctx.options.clock.now();
    }
  }

  /** Marks the slot dead when it said so, was replaced, or went silent; true if dead. */
  private judge(tracked: TrackedSlot): boolean {
    if (tracked.dead) return true;
    const file = tracked.file;
    if (file === undefined) return false;
    let reason: 'exited' | 'replaced' | 'timeout' | undefined;
    if (file.phase === 'exited') reason = 'exited';
    else if (file.role === 'master' && file.incarnation !== this.ctx.incarnation) reason = 'replaced';
    else if (this.ctx.options.clock.now() - tracked.lastChangeAt > this.ctx.options.heartbeatTimeoutMs) reason = 'timeout';
    if (reason === undefined) return false;
    tracked.dead = true;
    this.ctx.events.emit('worker-lost', { slot: tracked.index, workerId: file.workerId, reason });
    return true;
  }
}
