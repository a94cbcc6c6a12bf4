import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { TrialPruned } from '../errors.js';
import { JournalFileStorage } from '../storages/journal/journal-file-storage.js';
import { createStudy, loadStudy } from '../study/study-registry.js';
import type { BasePruner } from './base-pruner.js';
import { PYTHON_DIR, buildPruner } from './test-support/reference-fixture.js';

// A study pruned by our pruners is written to an Optuna journal; Python Optuna 3.1 then
// loads it with its own pruner and runs a probe trial, and so do we on a copy of the
// same journal. Same decisions and the same rung records prove that the pruners' state
// (completed_rung_N system attrs, Hyperband's crc32 brackets) is shared correctly
// between the two implementations through the journal.
const PYTHON = '/usr/bin/python3';

function runPython(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(PYTHON, args, { timeout: 100_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'objective-pruner-journal-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const available = existsSync(PYTHON) && (await runPython(['-c', 'import optuna'])).code === 0;
if (!available && process.env.CI) throw new Error(`${PYTHON} with optuna is required in CI`);

/** A deterministic learning curve per trial number. */
function curve(number: number, steps = 16): number[] {
  const level = ((number * 7919) % 13) / 13;
  return Array.from({ length: steps }, (_, s) => level + 1 / (s + 1) + 0.001 * ((number * 31 + s * 17) % 5));
}

async function runOurs(storage: JournalFileStorage, studyName: string, pruner: BasePruner, nTrials: number): Promise<void> {
  const study = createStudy({ studyName, storage, pruner });
  await study.optimize(
    (trial) => {
      const values = curve(trial.number);
      for (const [step, value] of values.entries()) {
        trial.report(value, step);
        if (trial.shouldPrune()) throw new TrialPruned();
      }
      return values.at(-1) as number;
    },
    { nTrials },
  );
}

/** Our side of the probe, on a copy of the journal. */
function probeOurs(path: string, studyName: string, pruner: BasePruner, probe: readonly number[]) {
  const study = loadStudy({ studyName, storage: new JournalFileStorage(path), pruner });
  const trial = study.ask();
  let decisions = '';
  for (const [step, value] of probe.entries()) {
    trial.report(value, step);
    const pruned = trial.shouldPrune();
    decisions += pruned ? '1' : '0';
    if (pruned) break;
  }
  if (decisions.endsWith('1')) study.tell(trial, 'PRUNED');
  else study.tell(trial, probe.at(-1) as number);
  const rungs: Record<string, Record<string, unknown>> = {};
  for (const t of study.getTrials()) {
    const entries = Object.entries(t.systemAttrs).filter(([k]) => k.startsWith('completed_rung_'));
    if (entries.length > 0) rungs[String(t.number)] = Object.fromEntries(entries);
  }
  return { decisions, rungs };
}

const SETTINGS = [
  { kind: 'successiveHalving', options: { minResource: 1, reductionFactor: 2 } },
  { kind: 'hyperband', options: { minResource: 1, maxResource: 16, reductionFactor: 2 } },
  { kind: 'median', options: { nStartupTrials: 3, nWarmupSteps: 1 } },
];
const PROBES = {
  good: Array.from({ length: 16 }, (_, s) => 1 / (s + 1) - 0.05),
  bad: Array.from({ length: 16 }, (_, s) => 0.9 + 1 / (s + 1)),
  middling: curve(4),
};

describe.skipIf(!available)('pruners share their state with Python Optuna through a journal', () => {
  for (const setting of SETTINGS) {
    for (const [probeName, probe] of Object.entries(PROBES)) {
      it(`${setting.kind}: a ${probeName} probe trial is decided the same by Optuna and by us`, async () => {
        const dir = tempDir();
        const path = join(dir, 'journal.log');
        const studyName = `pruner-interop-${setting.kind}`;
        await runOurs(new JournalFileStorage(path), studyName, buildPruner(setting), 14);
        copyFileSync(path, join(dir, 'ours.log'));
        const python = await runPython([
          join(PYTHON_DIR, 'pruner-journal-probe.py'),
          path,
          studyName,
          JSON.stringify(setting),
          JSON.stringify(probe),
        ]);
        expect(python.stderr).toBe('');
        expect(python.code).toBe(0);
        const theirs = JSON.parse(python.stdout.trim().split('\n').at(-1) as string) as { decisions: string; rungs: unknown };
        const ours = probeOurs(join(dir, 'ours.log'), studyName, buildPruner(setting), probe);
        expect(ours.decisions).toBe(theirs.decisions);
        if (probeName === 'good') expect(ours.decisions).not.toContain('1');
        if (probeName === 'bad') expect(ours.decisions).toMatch(/1$/);
        expect(ours.rungs).toEqual(theirs.rungs);
        if (setting.kind !== 'median') expect(Object.keys(ours.rungs).length).toBeGreaterThan(0);
      }, 120_000);
    }
  }
});
