import { readFile } from 'node:fs/promises';
import { sweepConfigSchema, type SweepConfig } from '../config/sweep-config-schema.js';
import { CliError } from '../errors.js';
import { writeFileAtomic } from './atomic-write.js';
import type { SweepLayout } from './sweep-layout.js';

/** The parts of a config that must not change once a sweep has started (they define what a trial means). */
function identity(config: SweepConfig): unknown {
  return { study: { name: config.study.name, direction: config.study.direction, directions: config.study.directions }, benchmark: config.benchmark, backend: config.backend, searchSpace: config.searchSpace, objective: config.objective };
}

/** Reads the config a sweep was started with; undefined when missing or invalid. */
export async function readConfigSnapshot(layout: SweepLayout): Promise<SweepConfig | undefined> {
  try {
    const parsed = sweepConfigSchema.safeParse(JSON.parse(await readFile(layout.config, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Records the config on the sweep's first start; on later starts, refuses a config whose
 * study, benchmark, backend, search space or objective changed (CLI_SWEEP_MISMATCH), since
 * its trials would not be comparable. Other settings (nTrials, sampler, execution) may change.
 */
export async function recordConfigSnapshot(layout: SweepLayout, config: SweepConfig): Promise<void> {
  const previous = await readConfigSnapshot(layout);
  if (previous !== undefined) {
    const before = JSON.stringify(identity(previous));
    const now = JSON.stringify(identity(config));
    if (before !== now) {
      throw new CliError('CLI_SWEEP_MISMATCH', `the sweep directory \`${layout.root}\` was started with a different study, benchmark, backend, search space or objective; use a new \`execution.sweepDir\` (recorded: ${before.slice(0, 300)})`);
    }
  }
  await writeFileAtomic(layout.config, `${JSON.stringify(config, null, 2)}\n`);
}
