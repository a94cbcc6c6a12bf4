import { hostname as osHostname } from 'node:os';
import { link, mkdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson, hashCanonical } from './canonical-json.js';
import { createExclusive, writeFileAtomic } from './fs-write.js';
import { equationRunResultSchema, type EquationRunResult } from '../runner/result.js';

const ENTRY_FORMAT = 'hyperopt-sr-result';
const ENTRY_VERSION = 1;

const entrySchema = z.strictObject({
  format: z.literal(ENTRY_FORMAT),
  version: z.literal(ENTRY_VERSION),
  key: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  result: z.unknown(),
});

const claimSchema = z.strictObject({
  token: z.string(),
  hostname: z.string(),
  pid: z.number().int(),
  createdAt: z.number(),
});

/** Who holds a claim on a cache entry. */
export type ClaimOwner = z.infer<typeof claimSchema>;

/** Outcome of reading an entry: a validated result, nothing, or a corrupt file (to be rerun). */
export type CacheRead =
  | { readonly status: 'hit'; readonly result: EquationRunResult }
  | { readonly status: 'missing' }
  | { readonly status: 'corrupt'; readonly reason: string };

/** Outcome of claiming an entry before computing it. */
export type ClaimOutcome =
  | { readonly status: 'claimed'; readonly staleOwner: ClaimOwner | null; release(): Promise<void> }
  | { readonly status: 'taken'; readonly owner: ClaimOwner | null };

/** Options of {@link ResultCache}. */
export interface ResultCacheOptions {
  /** Milliseconds since the epoch. @default Date.now */
  readonly now?: () => number;
  /** This host's name, recorded in claims. @default os.hostname() */
  readonly hostname?: string;
  /** This process's id, recorded in claims. @default process.pid */
  readonly pid?: number;
  /** Whether a process of this host is alive. @default signal 0 probe */
  readonly isProcessAlive?: (pid: number) => boolean;
  /**
   * A claim from another host (whose processes cannot be probed), or an unreadable
   * claim, counts as abandoned after this long.
   * @default 21_600_000 (6 hours)
   */
  readonly staleClaimMs?: number;
}

/**
 * The on-disk store of finished (equation, run) results: one JSON file per cache key,
 * published atomically, checked on read (envelope schema, key, sha256 of the result's
 * canonical JSON, result schema), so a truncated or edited file reads as `corrupt` and
 * is recomputed, never trusted. Before computing an entry a process claims it by
 * exclusive create of `<key>.claim`; a claim whose process is dead (same host) or that
 * is older than `staleClaimMs` (other hosts) is taken over.
 */
export class ResultCache {
  readonly dir: string;
  readonly #now: () => number;
  readonly #hostname: string;
  readonly #pid: number;
  readonly #isAlive: (pid: number) => boolean;
  readonly #staleClaimMs: number;

  constructor(dir: string, options: ResultCacheOptions = {}) {
    this.dir = dir;
    this.#now = options.now ?? Date.now;
    this.#hostname = options.hostname ?? osHostname();
    this.#pid = options.pid ?? process.pid;
    this.#isAlive = options.isProcessAlive ?? isProcessAlive;
    this.#staleClaimMs = options.staleClaimMs ?? 6 * 3600_000;
  }

  /** Path of the entry for `key` (two-level fan-out keeps folders small). */
  pathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** Path of the claim file for `key`. */
  claimPathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.claim`);
  }

  /** Reads and checks the entry for `key`. */
  async read(key: string): Promise<CacheRead> {
    let text: string;
    try {
      text = await readFile(this.pathOf(key), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
      return { status: 'corrupt', reason: `unreadable: ${(error as Error).message}` };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { status: 'corrupt', reason: `not valid JSON (${text.length} bytes; truncated?)` };
    }
    const envelope = entrySchema.safeParse(json);
    if (!envelope.success) return { status: 'corrupt', reason: `not a cache entry: ${z.prettifyError(envelope.error)}` };
    if (envelope.data.key !== key) return { status: 'corrupt', reason: `entry holds key ${envelope.data.key}, expected ${key}` };
    if (hashCanonical(envelope.data.result) !== envelope.data.sha256) return { status: 'corrupt', reason: 'checksum mismatch' };
    const result = equationRunResultSchema.safeParse(envelope.data.result);
    if (!result.success) return { status: 'corrupt', reason: `invalid result: ${z.prettifyError(result.error)}` };
    if (result.data.cacheKey !== key) return { status: 'corrupt', reason: `result names key ${result.data.cacheKey}, expected ${key}` };
    return { status: 'hit', result: result.data };
  }

  /** Publishes the result for `key` atomically (replacing a corrupt entry if any). */
  async write(key: string, result: EquationRunResult): Promise<void> {
    const checked = equationRunResultSchema.parse(result);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    const entry = { format: ENTRY_FORMAT, version: ENTRY_VERSION, key, sha256: hashCanonical(checked), result: checked };
    await writeFileAtomic(this.pathOf(key), `${canonicalJson(entry)}\n`);
  }

  /**
   * Claims `key` so that no other process writes it meanwhile. `taken` means a live
   * process holds it; the caller may compute the result but must not write it.
   */
  async claim(key: string): Promise<ClaimOutcome> {
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    const path = this.claimPathOf(key);
    let staleOwner: ClaimOwner | null = null;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const owner: ClaimOwner = { token: randomBytes(8).toString('hex'), hostname: this.#hostname, pid: this.#pid, createdAt: this.#now() };
      if (await createExclusive(path, JSON.stringify(owner))) {
        return { status: 'claimed', staleOwner, release: () => this.#release(path, owner.token) };
      }
      const current = await this.#readClaim(path);
      if (current === 'missing') continue;
      if (!this.#isStale(current)) return { status: 'taken', owner: current.owner };
      if (!(await this.#takeOver(path, current.owner))) {
        const after = await this.#readClaim(path);
        return { status: 'taken', owner: after === 'missing' ? null : after.owner };
      }
      staleOwner = current.owner;
    }
    return { status: 'taken', owner: null };
  }

  async #readClaim(path: string): Promise<'missing' | { owner: ClaimOwner | null; ageMs: number }> {
    try {
      const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
      const parsed = claimSchema.safeParse(safeJson(text));
      return { owner: parsed.success ? parsed.data : null, ageMs: this.#now() - info.mtimeMs };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
      throw error;
    }
  }

  #isStale(claim: { owner: ClaimOwner | null; ageMs: number }): boolean {
    const { owner } = claim;
    if (owner === null) return claim.ageMs > this.#staleClaimMs;
    if (owner.hostname === this.#hostname) return owner.pid !== this.#pid ? !this.#isAlive(owner.pid) : false;
    return this.#now() - owner.createdAt > this.#staleClaimMs;
  }

  /** Moves a stale claim aside; succeeds only if the claim moved is the one judged stale. */
  async #takeOver(path: string, judged: ClaimOwner | null): Promise<boolean> {
    const aside = `${path}.stale-${randomBytes(6).toString('hex')}`;
    try {
      await rename(path, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
      throw error;
    }
    const moved = claimSchema.safeParse(safeJson(await readFile(aside, 'utf8').catch(() => '')));
    const same = judged === null ? !moved.success : moved.success && moved.data.token === judged.token;
    if (same) {
      await unlink(aside).catch(() => undefined);
      return true;
    }
    // A fresh claim was created between our read and our rename: put it back.
    await link(aside, path).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
    return false;
  }

  async #release(path: string, token: string): Promise<void> {
    const current = await this.#readClaim(path).catch(() => 'missing' as const);
    if (current !== 'missing' && current.owner?.token === token) await unlink(path).catch(() => undefined);
  }
}

/** Whether a process of this host is alive (signal-0 probe; EPERM means alive). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
