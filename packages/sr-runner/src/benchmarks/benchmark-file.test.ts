import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBenchmarkFile } from './benchmark-file.js';
import { validateBenchmark } from './validate.js';
import { tempDir } from '../test-support/temp-dir.js';

async function writeJson(dir: string, value: unknown, name = 'bench.json') {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(value));
  return path;
}

describe('benchmark files', () => {
  it('loads formulas with ranges', async () => {
    const dir = await tempDir();
    const path = await writeJson(dir, { name: 'mine', equations: [{ id: 'k', formula: 'a*b**2', variables: [{ name: 'a', low: 1, high: 2 }, { name: 'b', low: -1, high: 1 }] }] });
    const benchmark = await loadBenchmarkFile(path);
    expect(benchmark).toEqual({ name: 'mine', equations: [{ kind: 'formula', id: 'k', formula: 'a*b**2', variables: [{ name: 'a', low: 1, high: 2 }, { name: 'b', low: -1, high: 1 }] }] });
  });

  it('loads CSV datasets with a fractional or a file split', async () => {
    const dir = await tempDir();
    const rows = Array.from({ length: 8 }, (_, i) => `${i},${i + 1},${i * (i + 1)}`);
    await writeFile(join(dir, 'train.csv'), ['x,z,y', ...rows].join('\n'));
    await writeFile(join(dir, 'test.csv'), 'x,z,y\n10,11,110\n');
    const path = await writeJson(dir, {
      equations: [
        { kind: 'dataset', id: 'split', csv: 'train.csv', testFraction: 0.25, formula: 'x*z' },
        { kind: 'dataset', id: 'files', csv: 'train.csv', testCsv: 'test.csv', target: 'y' },
      ],
    });
    const benchmark = await loadBenchmarkFile(path);
    const [split, files] = benchmark.equations;
    expect(split).toMatchObject({ kind: 'dataset', features: ['x', 'z'], target: 'y', formula: 'x*z', train: { y: [0, 2, 6, 12, 20, 30] }, test: { X: { x: [6, 7] }, y: [42, 56] } });
    expect(files).toMatchObject({ train: { y: [0, 2, 6, 12, 20, 30, 42, 56] }, test: { X: { x: [10], z: [11] }, y: [110] } });
    if (split?.kind === 'dataset' && files?.kind === 'dataset') expect(split.contentSha256).not.toBe(files.contentSha256);
    const single = await loadBenchmarkFile(join(dir, 'train.csv'));
    expect(single.equations[0]).toMatchObject({ id: 'train', target: 'y', test: { y: [42, 56] } });
  });

  it.each([
    ['an unknown variable', { equations: [{ id: 'u', formula: 'a*c', variables: [{ name: 'a', low: 1, high: 2 }] }] }, /equation `u`: formula `a\*c` uses unknown variable `c` \(declared: a\)/],
    ['an empty range', { equations: [{ id: 'r', formula: 'a', variables: [{ name: 'a', low: 3, high: 1 }] }] }, /empty range for `a`: expected low < high, got \[3, 1\]/],
    ['a duplicate id', { equations: [{ id: 'd', formula: 'a', variables: [{ name: 'a', low: 1, high: 2 }] }, { id: 'd', formula: 'a', variables: [{ name: 'a', low: 1, high: 2 }] }] }, /duplicate equation id `d`/],
    ['a duplicate variable', { equations: [{ id: 'v', formula: 'a', variables: [{ name: 'a', low: 1, high: 2 }, { name: 'a', low: 1, high: 2 }] }] }, /duplicate variable `a`/],
    ['a formula that does not parse', { equations: [{ id: 'p', formula: 'a*(b', variables: [{ name: 'a', low: 1, high: 2 }] }] }, /formula `a\*\(b` does not parse/],
    ['a missing field', { equations: [{ id: 'm', variables: [{ name: 'a', low: 1, high: 2 }] }] }, /equations\[0\] \(`m`\) is invalid: .*\n.*at formula/],
    ['an unknown field', { equations: [{ id: 'f', formula: 'a', variables: [{ name: 'a', low: 1, high: 2 }], rangez: 1 }] }, /Unrecognized key: "rangez"/],
    ['no equations', { equations: [] }, /at least one equation/],
  ])('rejects %s with a clear message', async (_label, content, message) => {
    const dir = await tempDir();
    const path = await writeJson(dir, content);
    await expect(loadBenchmarkFile(path)).rejects.toMatchObject({ code: 'SR_RUNNER_INVALID_BENCHMARK', message: expect.stringMatching(message) });
  });

  it('rejects malformed CSV cells and JSON', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'bad.csv'), 'x,y\n1,2\n3,oops\n');
    await expect(loadBenchmarkFile(join(dir, 'bad.csv'))).rejects.toThrow(/row 3, column `y`: expected a finite number, got `oops`/);
    await writeFile(join(dir, 'bad.json'), '{"equations": [');
    await expect(loadBenchmarkFile(join(dir, 'bad.json'))).rejects.toThrow(/is not valid JSON/);
    await expect(loadBenchmarkFile(join(dir, 'missing.json'))).rejects.toThrow(/cannot read benchmark file/);
  });

  it('validates in-memory benchmarks the same way', () => {
    expect(() => validateBenchmark({ name: 'x', equations: [{ kind: 'formula', id: 'a', formula: 'q', variables: [{ name: 'q', low: 0, high: Number.POSITIVE_INFINITY }] }] })).toThrow(
      /range of `q` must be finite/,
    );
  });
});
