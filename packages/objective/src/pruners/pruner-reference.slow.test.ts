import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  FIXTURE_DIR,
  PYTHON_DIR,
  buildPruner,
  readFixture,
  referenceDecisionsSchema,
  replay,
  wilcoxonReferenceSchema,
} from './test-support/reference-fixture.js';
import { wilcoxonSignedRank } from './wilcoxon-signed-rank.js';

// Regenerates the reference fixtures with Python Optuna 3.1 + scipy (Debian's
// python3-optuna, run as /usr/bin/python3), checks the checked-in copies are current,
// and replays the fresh decisions. CI installs the packages (scripts/system-deps.sh),
// so there a missing interpreter fails instead of skipping.
const PYTHON = '/usr/bin/python3';

function run(command: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 280_000 }, (error, _stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr }),
    );
  });
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'objective-pruners-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function pythonHasOptuna(): Promise<boolean> {
  if (!existsSync(PYTHON)) return false;
  return (await run(PYTHON, ['-c', 'import optuna, scipy.stats'])).code === 0;
}

const available = await pythonHasOptuna();
if (!available && process.env.CI) throw new Error(`${PYTHON} with optuna and scipy is required in CI`);

describe.skipIf(!available)('pruner reference fixtures regenerated with Python Optuna', () => {
  it('pruner-reference.py reproduces reference-decisions.json, and our pruners match the fresh decisions', async () => {
    const out = join(tempDir(), 'reference-decisions.json');
    const result = await run(PYTHON, [join(PYTHON_DIR, 'pruner-reference.py'), out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const fresh = readFixture(out, referenceDecisionsSchema);
    for (const scenario of fresh.scenarios) {
      for (const expected of scenario.results) {
        const outcome = replay(scenario, buildPruner(expected.setting));
        expect(outcome.decisions, `${scenario.name} ${JSON.stringify(expected.setting)}`).toBe(expected.decisions);
        expect(outcome.rungs).toEqual(expected.rungs);
      }
    }
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(
      JSON.parse(readFileSync(join(FIXTURE_DIR, 'reference-decisions.json'), 'utf8')),
    );
  }, 300_000);

  it('pruner-wilcoxon-scipy.py reproduces wilcoxon-scipy.json, and wilcoxonSignedRank matches it', async () => {
    const out = join(tempDir(), 'wilcoxon-scipy.json');
    const result = await run(PYTHON, [join(PYTHON_DIR, 'pruner-wilcoxon-scipy.py'), out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const fresh = readFixture(out, wilcoxonReferenceSchema);
    for (const c of fresh.cases) {
      const got = wilcoxonSignedRank(c.d, c.alternative);
      if (Number.isNaN(c.pvalue)) expect(got.pvalue).toBeNaN();
      else expect(Math.abs(got.pvalue - c.pvalue)).toBeLessThanOrEqual(1e-12 + 1e-9 * c.pvalue);
    }
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(JSON.parse(readFileSync(join(FIXTURE_DIR, 'wilcoxon-scipy.json'), 'utf8')));
  }, 300_000);
});
