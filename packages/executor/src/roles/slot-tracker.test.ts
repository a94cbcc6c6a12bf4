import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../test/support/fake-clock.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { TypedEmitter, type ExecutorEvents } from '../events.js';
import { SharedFs } from '../fs/shared-fs.js';
import { resolveOptions } from '../options.js';
import { SweepLayout } from '../protocol/layout.js';
import type { SlotFile } from '../protocol/schemas.js';
import { FileStore } from '../protocol/store.js';
import type { RoleContext } from './context.js';
import { SlotTracker } from './slot-tracker.js';

async function setup() {
  const clock = new FakeClock();
  const events = new TypedEmitter();
  const seen: Array<{ event: string; payload: unknown }> = [];
  events.on('worker-joined', (p) => seen.push({ event: 'joined', payload: p }));
  events.on('worker-lost', (p: ExecutorEvents['worker-lost']) => seen.push({ event: 'lost', payload: p }));
  const fs = new SharedFs();
  const options = resolveOptions({ sweepDir: await tempDir(), role: 'master', clock, heartbeatIntervalMs: 100, heartbeatTimeoutMs: 1_000 });
  const layout = new SweepLayout(options.sweepDir);
  const ctx: RoleContext = { options, fs, store: new FileStore(fs, clock, events), layout, events, incarnation: 'me' };
  await fs.mkdirp(layout.slotsDir);
  const write = (slot: number, patch: Partial<SlotFile> = {}) =>
    ctx.store.write(layout.slot(slot), 'slot', { slot, workerId: `w${slot}`, role: 'worker', incarnation: `i${slot}`, host: 'h', pid: 1, beat: 0, at: 0, trialKey: null, phase: 'idle', ...patch });
  return { clock, ctx, seen, write, tracker: new SlotTracker(ctx, () => undefined) };
}

describe('SlotTracker', () => {
  it('discovers slots by probing the next name, past unusable ones', async () => {
    const { ctx, seen, write, tracker } = await setup();
    await write(0);
    await writeFile(ctx.layout.slot(1), 'junk');
    await write(2);
    await tracker.refresh(true);
    expect(tracker.nextIndex).toBe(3);
    expect(tracker.live().map((s) => s.index)).toEqual([0, 2]);
    expect(seen.filter((s) => s.event === 'joined')).toHaveLength(2);
  });

  it('declares a process dead only when its beat has not changed for the timeout, by its own clock', async () => {
    const { clock, seen, write, tracker } = await setup();
    await write(0, { at: 0 });
    await tracker.refresh(true);
    clock.advance(900);
    await write(0, { beat: 1, at: -5_000_000 }); // a wildly wrong remote clock does not matter
    await tracker.refresh(true);
    clock.advance(900);
    await tracker.refresh(true);
    expect(tracker.live()).toHaveLength(1);
    clock.advance(200);
    await tracker.refresh(true);
    expect(tracker.live()).toHaveLength(0);
    expect(seen.at(-1)).toEqual({ event: 'lost', payload: { slot: 0, workerId: 'w0', reason: 'timeout' } });
  });

  it('knows at once that an exited worker or an earlier master is gone', async () => {
    const { seen, write, tracker } = await setup();
    await write(0, { role: 'master', incarnation: 'old-master' });
    await write(1);
    await tracker.refresh(true);
    await write(1, { beat: 1, phase: 'exited' });
    await tracker.refresh(true);
    expect(tracker.live()).toHaveLength(0);
    expect(seen.filter((s) => s.event === 'lost').map((s) => (s.payload as { reason: string }).reason)).toEqual(['replaced', 'exited']);
  });

  it('rereads heartbeats at most twice per heartbeat interval unless forced', async () => {
    const { clock, ctx, write, tracker } = await setup();
    await write(0);
    await tracker.refresh(true);
    const before = ctx.fs.metadataCounts().open;
    await tracker.refresh(false);
    expect(ctx.fs.metadataCounts().open - before).toBe(1); // only the probe for slot 1
    clock.advance(60);
    await tracker.refresh(false);
    expect(ctx.fs.metadataCounts().open - before).toBe(3);
  });
});
