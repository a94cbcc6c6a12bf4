import type { Study } from '@hyperopt/objective';
import type { SweepConfig } from '../config/sweep-config-schema.js';
import { writeFileAtomic } from '../sweep/atomic-write.js';
import { buildReportData } from './build-report-data.js';
import { renderReportHtml } from './render-report.js';

/** Writes the study's HTML report; returns its path. */
export async function writeReport(options: { study: Pick<Study, 'trials' | 'studyName'>; config: SweepConfig; path: string; now: () => number }): Promise<string> {
  const data = buildReportData({ studyName: options.study.studyName, trials: options.study.trials, config: options.config, generatedAt: new Date(options.now()) });
  await writeFileAtomic(options.path, renderReportHtml(data), 0o644);
  return options.path;
}
