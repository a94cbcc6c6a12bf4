import { chown, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../test/support/fake-clock.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { TypedEmitter, type ExecutorEvents } from '../events.js';
import { SharedFs } from '../fs/shared-fs.js';
import { encodeFile } from './envelope.js';
import { FileStore } from './store.js';

async function store() {
  const dir = await tempDir();
  const events = new TypedEmitter();
  const warnings: ExecutorEvents['warning'][] = [];
  events.on('warning', (w) => warnings.push(w));
  return { dir, warnings, store: new FileStore(new SharedFs(), new FakeClock(), events) };
}

const processed = { trials: [{ key: '1', outcome: 'completed' as const, at: 5 }], itemCosts: { a: 3 } };

describe('FileStore', () => {
  it('writes and reads back a validated file', async () => {
    const { dir, store: s } = await store();
    await s.write(join(dir, 'p.json'), 'processed', processed);
    expect(await s.read(join(dir, 'p.json'), 'processed')).toMatchObject({ status: 'ok', value: processed });
    expect(await s.read(join(dir, 'none.json'), 'processed')).toEqual({ status: 'missing' });
  });

  it('retries a truncated file, then reports it incomplete once', async () => {
    const { dir, warnings, store: s } = await store();
    const text = encodeFile('processed', processed);
    await writeFile(join(dir, 'p.json'), text.slice(0, -10));
    expect(await s.read(join(dir, 'p.json'), 'processed')).toMatchObject({ status: 'invalid' });
    expect(await s.read(join(dir, 'p.json'), 'processed')).toMatchObject({ status: 'invalid' });
    expect(warnings.map((w) => w.code)).toEqual(['EXECUTOR_FILE_INCOMPLETE']);
    expect(s.fs.metadataCounts().open).toBe(8);
  });

  it('does not warn about a file created in place that is still being written (a young claim)', async () => {
    const { dir, warnings, store: s } = await store();
    await writeFile(join(dir, 'claim.json'), '');
    expect(await s.read(join(dir, 'claim.json'), 'processed', undefined, { createdInPlace: true })).toMatchObject({ status: 'invalid' });
    expect(warnings).toEqual([]);
    await writeFile(join(dir, 'claim.json'), encodeFile('processed', processed));
    expect(await s.read(join(dir, 'claim.json'), 'processed', undefined, { createdInPlace: true })).toMatchObject({ status: 'ok', value: processed });
    await writeFile(join(dir, 'garbage.json'), 'not an envelope at all\n{}');
    expect(await s.read(join(dir, 'garbage.json'), 'processed', undefined, { createdInPlace: true })).toMatchObject({ status: 'invalid' });
    expect(warnings.map((w) => w.code)).toEqual(['EXECUTOR_FILE_MALFORMED']);
  });

  it('names the field and value a schema rejects, and rejects the wrong kind', async () => {
    const { dir, warnings, store: s } = await store();
    await writeFile(join(dir, 'p.json'), encodeFile('processed', { trials: [{ key: '1', outcome: 'maybe', at: 1 }], itemCosts: {} }));
    await writeFile(join(dir, 'k.json'), encodeFile('control', processed));
    expect(await s.read(join(dir, 'p.json'), 'processed')).toMatchObject({ status: 'invalid', reason: expect.stringContaining('trials.0.outcome') });
    expect(await s.read(join(dir, 'k.json'), 'processed')).toMatchObject({ status: 'invalid', reason: 'expected a file of kind "processed", got "control"' });
    expect(warnings.map((w) => w.code)).toEqual(['EXECUTOR_FILE_MALFORMED', 'EXECUTOR_FILE_MALFORMED']);
  });

  it.runIf(process.getuid?.() === 0)('ignores a file owned by another user', async () => {
    const { dir, warnings, store: s } = await store();
    await writeFile(join(dir, 'p.json'), encodeFile('processed', processed));
    await chown(join(dir, 'p.json'), 4242, 4242);
    expect(await s.read(join(dir, 'p.json'), 'processed')).toMatchObject({ status: 'invalid' });
    expect(warnings[0]).toMatchObject({ code: 'EXECUTOR_FILE_FOREIGN', message: expect.stringContaining('uid 4242') });
  });
});

describe('FileStore and ids from disk', () => {
  it('rejects a control file whose trial key would leave the sweep directory', async () => {
    const { dir, store: s } = await store();
    const control = { masterIncarnation: 'm', seq: 1, at: 0, nextSlotHint: 0, trial: { key: '../../etc', state: 'running', reclaims: [] }, shutdown: null };
    await writeFile(join(dir, 'control.json'), encodeFile('control', control));
    expect(await s.read(join(dir, 'control.json'), 'control')).toMatchObject({ status: 'invalid', reason: expect.stringContaining('trial.key') });
  });
});
