/**
 * The two-host network-filesystem rig for tests: a private sshd on loopback and two
 * independent sshfs mounts, `hostA` and `hostB`, of one export folder (the project's
 * scripts/fs-rig/setup.sh and teardown.sh). Processes that use `rig.hostA/...` and
 * `rig.hostB/...` see the same files through different client caches, like processes on
 * two cluster nodes.
 *
 * Test infrastructure shared by every package's two-host suite (like vitest.shared.ts),
 * imported by relative path from `packages/<name>/test/two-host/`.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe } from 'vitest';

const run = promisify(execFile);

/** Mount modes the suites run in: no client caching, and NFS-like 3 s attribute/directory caching. */
export const rigModes = ['nocache', 'nfs'] as const;
export type RigMode = (typeof rigModes)[number];

/** How long a client may keep stale attributes or listings in each mode (ms). */
export const rigCacheMs: Record<RigMode, number> = { nocache: 0, nfs: 3_000 };

/** A rig that is up: two mount points of one folder. */
export interface Rig {
  readonly mode: RigMode;
  /** Root of the rig's own files (export, mounts, sshd state). */
  readonly dir: string;
  /** The folder both mounts show, as the server sees it (for checks that bypass both caches). */
  readonly export: string;
  readonly hostA: string;
  readonly hostB: string;
  readonly port: number;
  /** Unmounts, stops the sshd it started, removes its folder. Idempotent. */
  readonly teardown: () => Promise<void>;
}

/** setup.sh and teardown.sh live beside this file. */
const scripts = fileURLToPath(new URL('.', import.meta.url));

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && executable(join(dir, tool)));
}

/**
 * Why the rig cannot run here, or undefined when it can. The suites skip with this
 * reason; set HX_REQUIRE_FS_RIG=1 (CI) to make a missing rig a failure instead.
 */
export function rigUnavailableReason(): string | undefined {
  const missing: string[] = [];
  if (process.env.HX_SKIP_FS_RIG === '1') return 'HX_SKIP_FS_RIG=1 is set';
  if (process.platform !== 'linux') return `the fs rig needs Linux (FUSE), this is ${process.platform}`;
  if (process.getuid?.() !== 0) return `the fs rig needs root (sshd on loopback + FUSE mounts), uid is ${String(process.getuid?.())}`;
  if (!executable('/usr/sbin/sshd')) missing.push('/usr/sbin/sshd (openssh-server)');
  if (!existsSync('/usr/lib/openssh/sftp-server')) missing.push('/usr/lib/openssh/sftp-server (openssh-server)');
  for (const tool of ['sshfs', 'fusermount3', 'ssh-keygen']) if (!onPath(tool)) missing.push(`${tool} (sshfs / openssh-client)`);
  if (!existsSync('/dev/fuse')) missing.push('/dev/fuse');
  if (missing.length > 0) return `the fs rig is missing ${missing.join(', ')}: run scripts/system-deps.sh`;
  return undefined;
}

/** True when the suite must fail rather than skip if the rig is unavailable. */
export function rigRequired(): boolean {
  return process.env.HX_REQUIRE_FS_RIG === '1';
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it), so parallel suites never collide. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function mounted(path: string): boolean {
  const mounts = readFileSync('/proc/mounts', 'utf8');
  return mounts.split('\n').some((line) => line.split(' ')[1] === path);
}

/**
 * Brings a rig up in a fresh temp folder. Retries once on another port if the chosen
 * one was taken in between. Call `teardown` in `afterAll`.
 */
export async function startRig(mode: RigMode, label: string): Promise<Rig> {
  // sshd_config cannot hold paths with spaces: keep the folder name plain
  const dir = await mkdtemp(join(tmpdir(), `hx-rig-${label.replace(/[^A-Za-z0-9]+/g, '-')}-${mode}-`));
  // sshd needs its privilege-separation folder for every new connection. setup.sh creates it
  // when missing and teardown.sh then removes it, which breaks every other rig running at the
  // same time (parallel suites): create it here, so no rig owns it and none removes it.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  let port = 0;
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    port = await freePort();
    const env = { ...process.env, FS_RIG_DIR: dir, FS_RIG_MODE: mode, FS_RIG_PORT: String(port) };
    try {
      await run('bash', [...(process.env.HX_RIG_DEBUG === '1' ? ['-x'] : []), join(scripts, 'setup.sh')], { env, timeout: 30_000 });
      lastError = undefined;
      break;
    } catch (error) {
      lastError = error;
      await run('bash', [join(scripts, 'teardown.sh')], { env, timeout: 30_000 }).catch(() => undefined);
    }
  }
  const teardown = async () => {
    await run('bash', [join(scripts, 'teardown.sh')], { env: { ...process.env, FS_RIG_DIR: dir }, timeout: 30_000 });
    for (const host of ['hostA', 'hostB']) {
      if (mounted(join(dir, host))) throw new Error(`fs-rig: ${join(dir, host)} is still mounted after teardown; not removing ${dir}`);
    }
    await rm(dir, { recursive: true, force: true });
  };
  if (lastError !== undefined) {
    await teardown().catch(() => undefined);
    const stderr = (lastError as { stderr?: string }).stderr ?? '';
    throw new Error(`fs-rig setup failed in mode ${mode}: ${stderr || String(lastError)}`, { cause: lastError });
  }
  return { mode, dir, export: join(dir, 'export'), hostA: join(dir, 'hostA'), hostB: join(dir, 'hostB'), port, teardown };
}

/**
 * Declares one `describe` per mount mode, each with its own rig; skipped (with the
 * reason in its name) when the rig cannot run here.
 */
export function describeTwoHost(label: string, body: (env: { rig: () => Rig; mode: RigMode }) => void): void {
  const reason = rigUnavailableReason();
  if (reason !== undefined && rigRequired()) throw new Error(`HX_REQUIRE_FS_RIG=1 but ${reason}`);
  for (const mode of rigModes) {
    const title = reason === undefined ? `${label} across two hosts (${mode})` : `${label} across two hosts (${mode}) — skipped: ${reason}`;
    describe.skipIf(reason !== undefined)(title, () => {
      let rig: Rig | undefined;
      beforeAll(async () => {
        rig = await startRig(mode, label);
      }, 60_000);
      afterAll(async () => {
        await rig?.teardown();
      }, 60_000);
      body({
        mode,
        rig: () => {
          if (rig === undefined) throw new Error('the fs rig is not up');
          return rig;
        },
      });
    });
  }
}
