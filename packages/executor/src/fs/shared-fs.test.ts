import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { isExecutorError } from '../errors.js';
import { SharedFs } from './shared-fs.js';

describe('SharedFs', () => {
  it('replaces a file atomically, private by default, and leaves no temp file', async () => {
    const dir = await tempDir();
    const fs = new SharedFs();
    const path = join(dir, 'a.json');
    await fs.writeAtomic(path, 'one');
    await fs.writeAtomic(path, 'two');
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(dir)).toEqual(['a.json']);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(fs.metadataCounts()).toMatchObject({ open: 2, rename: 2, total: 4 });
  });

  it('creates group-shared directories and files when asked', async () => {
    const dir = await tempDir();
    const fs = new SharedFs('group');
    await fs.mkdirp(join(dir, 'sub'));
    await fs.writeAtomic(join(dir, 'sub', 'f'), 'x');
    expect((await stat(join(dir, 'sub'))).mode & 0o2777).toBe(0o2770);
    expect((await stat(join(dir, 'sub', 'f'))).mode & 0o777).toBe(0o660);
  });

  it('fails a write with a coded error and removes its temp file', async () => {
    const dir = await tempDir();
    const fs = new SharedFs();
    await writeFile(join(dir, 'blocker'), '');
    const caught = await fs.writeAtomic(join(dir, 'blocker', 'x.json'), 'data').catch((error: unknown) => error);
    expect(isExecutorError(caught, 'EXECUTOR_FS_FAILED')).toBe(true);
    await fs.mkdirp(join(dir, 'target.json'));
    const renameFailure = await fs.writeAtomic(join(dir, 'target.json'), 'data').catch((error: unknown) => error);
    expect(isExecutorError(renameFailure, 'EXECUTOR_FS_FAILED')).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['blocker', 'target.json']);
  });

  it('gives an exclusive create to exactly one of many racing creators', async () => {
    const dir = await tempDir();
    const path = join(dir, 'claim');
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => new SharedFs().createExclusive(path, `owner ${i}`, () => false)));
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    const winner = Number((await readFile(path, 'utf8')).split(' ')[1]);
    expect(outcomes[winner]).toBe('created');
    expect(await readdir(dir)).toEqual(['claim']);
  });

  it('treats an existing file that is ours (a lost reply) as created', async () => {
    const dir = await tempDir();
    const path = join(dir, 'claim');
    await writeFile(path, 'mine');
    expect(await new SharedFs().createExclusive(path, 'mine', (existing) => existing === 'mine')).toBe('created');
    expect(await new SharedFs().createExclusive(path, 'other', (existing) => existing === 'other')).toBe('taken');
  });

  it('reads a missing file as undefined and counts open and fstat', async () => {
    const dir = await tempDir();
    const fs = new SharedFs();
    expect(await fs.read(join(dir, 'none'))).toBeUndefined();
    await writeFile(join(dir, 'f'), 'hello');
    expect(await fs.read(join(dir, 'f'))).toMatchObject({ text: 'hello', uid: process.getuid?.() });
    expect(fs.metadataCounts()).toMatchObject({ open: 2, stat: 1, total: 3 });
  });
});
