/**
 * Shared pieces of the executor's two-host suite: a rig per mount mode (up once per
 * `describe`, down after it), participants placed on a host, and the bounds the
 * assertions use.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startParticipant, type Participant } from '../support/processes.js';
import { rigCacheMs, type Rig, type RigMode } from '../../../../scripts/fs-rig/rig.js';

export { describeTwoHost } from '../../../../scripts/fs-rig/rig.js';

export type Host = 'hostA' | 'hostB';

/** Executor timings per mode: a heartbeat must outlive the clients' attribute cache. */
export function timingFor(mode: RigMode) {
  return { heartbeatIntervalMs: 200, heartbeatTimeoutMs: 2_000 + rigCacheMs[mode], pollMaxMs: 100 };
}

/**
 * How long a change published on one host may take to be acted on by a poller on the
 * other: its poll interval, the client's attribute cache (a truncated read of a replaced
 * file is retried until the cached size expires), and slack for a loaded 2-core machine.
 */
export function propagationBoundMs(mode: RigMode): number {
  return timingFor(mode).pollMaxMs + rigCacheMs[mode] + 2_500;
}

let sweeps = 0;

/** A fresh sweep folder in the rig, and how each host names it. */
export async function newSweep(rig: Rig): Promise<{ on: (host: Host) => string; server: string }> {
  const name = `sweep-${++sweeps}`;
  await mkdir(join(rig.export, name));
  return { on: (host) => join(rig[host], name), server: join(rig.export, name) };
}

/** Starts a participant (master or worker fixture) that sees the sweep through `host`'s mount. */
export function startOn(host: Host, sweep: { on: (host: Host) => string }, config: Record<string, unknown>): Participant {
  return startParticipant({ ...config, sweepDir: sweep.on(host) });
}

/** Number of registered slot files, read on the server (bypassing both client caches). */
export async function slotCount(sweep: { server: string }): Promise<number> {
  const names = await readdir(join(sweep.server, 'slots')).catch(() => [] as string[]);
  return names.filter((n) => /^\d+\.json$/.test(n)).length;
}

/** When (test clock) a participant first printed an event matching `match`. */
export function firstEventAt(p: Participant, match: (line: Record<string, unknown>) => boolean): number | undefined {
  const line = p.lines().find(match);
  return typeof line?.receivedAt === 'number' ? line.receivedAt : undefined;
}
