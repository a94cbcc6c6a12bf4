import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/** A fresh temporary directory, removed when the current test finishes (kept when HYPEROPT_KEEP_TEMP=1). */
export function tempDir(prefix = 'hyperopt-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => {
    if (process.env.HYPEROPT_KEEP_TEMP !== '1') rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}
