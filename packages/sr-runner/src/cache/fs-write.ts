import { randomBytes } from 'node:crypto';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Prefix of temporary files; readers and scanners skip names that start with it. */
export const TEMP_PREFIX = '.tmp-';

/** A temp name beside `path`, unique to this call. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}-${basename(path)}`);
}

/**
 * Publishes `text` at `path` atomically: written (and fsynced) to a temp file in the
 * same folder, then renamed over `path`. A reader sees the whole old file or the whole
 * new one. A failed write removes its temp file.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = await writeTemp(path, text);
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * Creates `path` with content `text` only if no file of that name exists: the content
 * is written to a temp file first and hard-linked to `path`, so the name never exists
 * half-written. Returns false when the name is taken. On network filesystems the loser
 * of a race may get EPERM rather than EEXIST: "taken" is decided by the name existing.
 */
export async function createExclusive(path: string, text: string): Promise<boolean> {
  const temp = await writeTemp(path, text);
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EPERM' || code === 'EACCES') {
      if (await exists(path)) return false;
    }
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function writeTemp(path: string, text: string): Promise<string> {
  const temp = tempPathFor(path);
  let handle;
  try {
    handle = await open(temp, 'wx');
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return temp;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
