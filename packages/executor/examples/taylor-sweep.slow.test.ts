import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { expect, it } from 'vitest';
import { tempDir } from '../test/support/temp-dir.js';

it('runs the Taylor-series sweep example with 2 worker processes', async () => {
  const dir = await tempDir();
  const script = fileURLToPath(new URL('./taylor-sweep.ts', import.meta.url));
  const result = await execa('node', ['--conditions=source', '--import', 'tsx', script, '--workers', '2', '--dir', dir], { timeout: 90_000 });
  const lines = result.stdout.split('\n');
  expect(lines.filter((l) => l.startsWith('trial terms='))).toHaveLength(5);
  expect(lines.some((l) => /trial terms= 2 {2}cancelled/.test(l))).toBe(true);
  expect(lines.some((l) => /trial terms=10 {2}completed {2}64\/64/.test(l))).toBe(true);
  expect(result.stdout).toContain('fewest terms reaching 1e-6: 8');
  expect(result.stdout).toContain('worker exit codes: 0, 0');
});
