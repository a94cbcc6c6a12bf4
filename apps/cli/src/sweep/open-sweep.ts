import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadStudy, type Study } from '@hyperopt/objective';
import type { SweepConfig } from '../config/sweep-config-schema.js';
import { CliError } from '../errors.js';
import { readConfigSnapshot } from './config-snapshot.js';
import { openJournalStorage } from './open-storage.js';
import { SweepLayout } from './sweep-layout.js';

/** A sweep directory opened for reading: its recorded config and its study. */
export interface OpenedSweep {
  readonly layout: SweepLayout;
  readonly config: SweepConfig;
  /** Undefined until the master has created the study. */
  readonly study: Study | undefined;
}

/** Opens a sweep directory (status, report, export); CLI_SWEEP_NOT_FOUND when it holds no sweep. */
export async function openSweep(sweepDir: string, cwd: string): Promise<OpenedSweep> {
  const layout = new SweepLayout(resolve(cwd, sweepDir));
  const config = await readConfigSnapshot(layout);
  if (config === undefined) throw new CliError('CLI_SWEEP_NOT_FOUND', `\`${sweepDir}\` is not a sweep directory (no valid ${layout.config}); give the execution.sweepDir of a sweep that was started`);
  const hasJournal = await access(layout.journal).then(() => true, () => false);
  if (!hasJournal) return { layout, config, study: undefined };
  try {
    return { layout, config, study: loadStudy({ studyName: config.study.name, storage: openJournalStorage(layout.journal) }) };
  } catch (error) {
    if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'OBJECTIVE_STUDY_NOT_FOUND') return { layout, config, study: undefined };
    throw error;
  }
}
