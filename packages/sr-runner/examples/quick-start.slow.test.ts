import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { expect, it } from 'vitest';
import { tempDir } from '../src/test-support/temp-dir.js';

it('the README example runs and solves the quick subset', async () => {
  const cacheDir = join(await tempDir(), 'cache');
  const script = fileURLToPath(new URL('./quick-start.ts', import.meta.url));
  const { stdout } = await execa('node', ['--conditions=source', '--import', 'tsx', script, cacheDir], { cwd: fileURLToPath(new URL('..', import.meta.url)) });
  const summary = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { meanTestR2: number; solutionRate: number };
  expect(summary.meanTestR2).toBeGreaterThan(0.95);
  expect(summary.solutionRate).toBeGreaterThan(0.5);
});
