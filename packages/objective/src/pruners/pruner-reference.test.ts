import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { correctlyRoundedLog } from './correctly-rounded-log.js';
import { HyperbandPruner } from './hyperband-pruner.js';
import { SuccessiveHalvingPruner } from './successive-halving-pruner.js';
import {
  FIXTURE_DIR,
  buildPruner,
  readFixture,
  referenceDecisionsSchema,
  replay,
  wilcoxonReferenceSchema,
} from './test-support/reference-fixture.js';
import { RecordedStudy } from './test-support/recorded-study.js';
import { wilcoxonSignedRank } from './wilcoxon-signed-rank.js';

// Decisions recorded from Python Optuna 3.1 by test/python/pruner-reference.py (the
// slow test regenerates the file and checks it is unchanged).
const reference = readFixture(join(FIXTURE_DIR, 'reference-decisions.json'), referenceDecisionsSchema);

describe('pruners decide as Python Optuna on recorded studies', () => {
  for (const scenario of reference.scenarios) {
    describe(scenario.name, () => {
      for (const expected of scenario.results) {
        it(`${expected.setting.kind} ${JSON.stringify(expected.setting.options ?? {})}`, () => {
          const outcome = replay(scenario, buildPruner(expected.setting));
          const firstDiff = [...expected.decisions].findIndex((d, i) => outcome.decisions[i] !== d);
          expect(firstDiff, `first differing decision at index ${firstDiff}`).toBe(-1);
          expect(outcome.decisions).toBe(expected.decisions);
          expect(outcome.states).toEqual(expected.states);
          expect(outcome.values).toEqual(expected.values);
          expect(outcome.rungs).toEqual(expected.rungs);
        });
      }
    });
  }

  it('covers every pruner kind with pruning and non-pruning decisions', () => {
    const kinds = new Set(reference.scenarios.flatMap((s) => s.results.map((r) => r.setting.kind)));
    expect([...kinds].sort()).toEqual(
      ['hyperband', 'median', 'nop', 'patient', 'percentile', 'successiveHalving', 'threshold', 'wilcoxon'].sort(),
    );
    for (const kind of kinds) {
      if (kind === 'nop') continue;
      const all = reference.scenarios.flatMap((s) => s.results.filter((r) => r.setting.kind === kind).map((r) => r.decisions)).join('');
      expect(all, kind).toContain('1');
      expect(all, kind).toContain('0');
    }
  });
});

describe('Hyperband brackets match Optuna (count, budgets, crc32 assignment)', () => {
  for (const expected of reference.hyperbandBrackets) {
    it(`${expected.studyName}`, () => {
      const pruner = new HyperbandPruner({
        minResource: expected.minResource,
        maxResource: expected.maxResource,
        reductionFactor: expected.reductionFactor,
      });
      const study = new RecordedStudy({ studyName: expected.studyName });
      const t = study.start();
      study.report(t, 0, 1);
      pruner.prune(study, study.trial(t));
      expect(pruner.nBrackets).toBe(expected.nBrackets);
      expect(pruner.trialAllocationBudgets).toEqual(expected.budgets);
      expect(expected.bracketIds.map((_, n) => pruner.bracketOf(expected.studyName, n))).toEqual(expected.bracketIds);
    });
  }
});

describe('correctlyRoundedLog agrees with Python math.log', () => {
  it(`on ${reference.logs.length} values`, () => {
    const wrong = reference.logs.filter(([x, y]) => correctlyRoundedLog(x) !== y);
    expect(wrong).toEqual([]);
    // The case Math.log gets one ulp off, which would change Hyperband's bracket count.
    expect(correctlyRoundedLog(3)).toBe(1.0986122886681098);
  });
});

describe('wilcoxonSignedRank matches scipy.stats.wilcoxon (zsplit, method "auto" of scipy >= 1.13)', () => {
  const scipy = readFixture(join(FIXTURE_DIR, 'wilcoxon-scipy.json'), wilcoxonReferenceSchema);
  it(`on ${scipy.cases.length} recorded cases`, () => {
    const methods = new Set<string>();
    for (const c of scipy.cases) {
      const got = wilcoxonSignedRank(c.d, c.alternative);
      const label = `${c.kind} n=${c.d.length} ${c.alternative}`;
      expect(got.method, label).toBe(c.method);
      methods.add(got.method);
      expect(got.statistic, label).toBeCloseTo(c.statistic, 9);
      if (Number.isNaN(c.pvalue)) {
        expect(got.pvalue, label).toBeNaN();
      } else {
        const tolerance = 1e-12 + 1e-9 * Math.abs(c.pvalue);
        expect(Math.abs(got.pvalue - c.pvalue), `${label}: ${got.pvalue} vs ${c.pvalue}`).toBeLessThanOrEqual(tolerance);
      }
      // Where scipy 1.10 (installed) takes the same route, it agrees directly.
      if (c.method === 'exact') expect(Math.abs(got.pvalue - c.legacyPvalue), label).toBeLessThanOrEqual(1e-12);
    }
    expect([...methods].sort()).toEqual(['asymptotic', 'exact', 'permutation']);
  });
});

describe('SuccessiveHalvingPruner records rungs in the study', () => {
  it('writes completed_rung_N through setTrialSystemAttr with the trial id', () => {
    const study = new RecordedStudy();
    const pruner = new SuccessiveHalvingPruner({ minResource: 1, reductionFactor: 2 });
    const t = study.start();
    for (let step = 0; step <= 4; step++) {
      study.report(t, step, 1 / (step + 1));
      expect(study.shouldPrune(pruner, t)).toBe(false);
    }
    expect(study.trial(t).systemAttrs).toEqual({ completed_rung_0: 0.5, completed_rung_1: 1 / 3, completed_rung_2: 0.2 });
  });
});
