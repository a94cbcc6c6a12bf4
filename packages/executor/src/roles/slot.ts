import { hostname } from 'node:os';
import type { SlotFile } from '../protocol/schemas.js';
import type { RoleContext } from './context.js';

/** Phase written in a heartbeat. */
export type SlotPhase = SlotFile['phase'];

/**
 * This process's registration in `slots/<n>.json` (n taken by exclusive create, so
 * slot numbers are dense and the master discovers new ones by probing the next name,
 * never by listing), and its heartbeat: the same file, rewritten by this process only.
 */
export class Slot {
  private beat = 0;
  private phase: SlotPhase = 'idle';
  private trialKey: string | null = null;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly ctx: RoleContext,
    readonly index: number,
    private readonly heartbeats: boolean,
  ) {}

  /**
   * Takes the first free slot number at or after `hint`. With `heartbeats: false` (the
   * master: nobody judges its liveness) phase changes stay in memory, saving writes.
   */
  static async register(ctx: RoleContext, hint: number, heartbeats = true): Promise<Slot> {
    await ctx.fs.mkdirp(ctx.layout.slotsDir);
    for (let index = hint; ; index++) {
      const slot = new Slot(ctx, index, heartbeats);
      const outcome = await ctx.store.create(ctx.layout.slot(index), 'slot', slot.body(), (existing) => existing.incarnation === ctx.incarnation);
      if (outcome === 'created') return slot;
    }
  }

  private body(): SlotFile {
    return {
      slot: this.index,
      workerId: this.ctx.options.workerId,
      role: this.ctx.options.role,
      incarnation: this.ctx.incarnation,
      host: hostname(),
      pid: process.pid,
      beat: this.beat,
      at: this.ctx.options.clock.now(),
      trialKey: this.trialKey,
      phase: this.phase,
    };
  }

  get currentPhase(): SlotPhase {
    return this.phase;
  }

  /** Changes phase (and trial) and publishes it now. */
  async set(phase: SlotPhase, trialKey: string | null): Promise<void> {
    if (phase === this.phase && trialKey === this.trialKey) return;
    this.phase = phase;
    this.trialKey = trialKey;
    if (this.heartbeats) await this.publish();
  }

  /** Rewrites the heartbeat (writes are serialised; a failed write is reported, not thrown). */
  publish(): Promise<void> {
    this.writing = this.writing.then(async () => {
      this.beat += 1;
      try {
        await this.ctx.store.write(this.ctx.layout.slot(this.index), 'slot', this.body());
      } catch (error) {
        this.ctx.events.emit('warning', {
          code: 'EXECUTOR_FS_FAILED',
          message: `could not write heartbeat: ${error instanceof Error ? error.message : String(error)}`,
          path: this.ctx.layout.slot(this.index),
        });
      }
    });
    return this.writing;
  }

  /** Rewrites the heartbeat every `heartbeatIntervalMs` until `stop` aborts. */
  async heartbeatLoop(stop: AbortSignal): Promise<void> {
    const { clock, heartbeatIntervalMs } = this.ctx.options;
    while (!stop.aborted) {
      await clock.sleep(heartbeatIntervalMs, stop);
      if (stop.aborted) break;
      await this.publish();
    }
  }
}
