import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSkipReason, launchChromium } from '../test-support/browser.js';
import { openReport } from '../test-support/open-report.js';
import { tempDir } from '../test-support/temp-dir.js';
import type { ReportData, ReportTrial } from './report-data.js';
import { renderReportHtml } from './render-report.js';

function syntheticReport(): ReportData {
  const trials: ReportTrial[] = Array.from({ length: 12 }, (_, n) => {
    const parsimony = 1e-4 * 1.8 ** n;
    const populations = 4 + ((n * 5) % 13);
    const steps = Array.from({ length: 6 }, (_, s) => [s + 1, 0.5 + 0.04 * s + 0.02 * (n % 4)] as const);
    const pruned = n % 5 === 3;
    const intermediate = pruned ? steps.slice(0, 3) : steps;
    return {
      number: n,
      state: pruned ? 'PRUNED' : 'COMPLETE',
      values: pruned ? null : [intermediate.at(-1)?.[1] ?? 0],
      params: { parsimony, populations, model: n % 2 === 0 ? 'best' : 'accuracy' },
      intermediate,
      start: 1_700_000_000_000 + n * 1000,
      complete: 1_700_000_000_500 + n * 1000,
    };
  });
  return {
    title: 'hyperopt report <test>',
    studyName: 'synthetic',
    generatedAt: '2026-11-28T00:00:00Z',
    directions: ['maximize'],
    metricNames: ['test_r2'],
    trials,
    bestTrial: 2,
    bestParams: { parsimony: 3.24e-4, populations: 14, model: 'best' },
    bestValues: [0.74],
    bestEquations: [
      { id: 'I.6.2a', formula: 'exp(-theta^2/2)/sqrt(2*pi)', runs: 2, metric: 0.99, medianTestR2: 0.99, exactRecoveries: 1, medianComplexity: 9, medianWallS: 3.2, bestExpression: 'exp(-0.5*theta^2)*0.3989', errors: 0 },
      { id: 'I.12.1', formula: 'mu*Nn', runs: 2, metric: 1, medianTestR2: 1, exactRecoveries: 2, medianComplexity: 3, medianWallS: 0.8, bestExpression: 'mu*Nn', errors: 0 },
    ],
    importances: { parsimony: 0.7, populations: 0.2, model: 0.1 },
    importanceMethod: 'fANOVA main effects on a random forest',
    paramAxes: [
      { name: 'parsimony', kind: 'float', log: true },
      { name: 'populations', kind: 'int', log: false },
      { name: 'model', kind: 'categorical', log: false, choices: ['best', 'accuracy'] },
    ],
    settings: { study: { name: 'synthetic' }, note: '</script><script>alert(1)</script>' },
    counts: { COMPLETE: 10, PRUNED: 2 },
  };
}

describe.skipIf(browserSkipReason() !== undefined)('report page in headless Chromium', () => {
  it('renders every chart offline, without console errors, and escapes embedded text', async () => {
    const dir = tempDir();
    const html = join(dir, 'report.html');
    writeFileSync(html, renderReportHtml(syntheticReport()));
    const browser = await launchChromium();
    try {
      const opened = await openReport(browser, html, join(dir, 'report.png'));
      expect(opened.consoleErrors).toEqual([]);
      expect(opened.networkRequests).toEqual([]);
      expect(opened.chartErrors).toEqual([]);
      expect(opened.charts.sort()).toEqual(['chart-history', 'chart-importance', 'chart-intermediate', 'chart-parallel']);
      expect(opened.paintedCharts.sort()).toEqual(['chart-history', 'chart-importance', 'chart-intermediate', 'chart-parallel']);
      expect(opened.text).toContain('exp(-0.5*theta^2)*0.3989');
      expect(opened.text).toContain('</script><script>alert(1)</script>');
      expect(opened.text).toContain('hyperopt report <test>');
    } finally {
      await browser.close();
    }
  });
});
