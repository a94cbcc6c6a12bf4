import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { BasePruner } from '../base-pruner.js';
import { HyperbandPruner } from '../hyperband-pruner.js';
import { MedianPruner } from '../median-pruner.js';
import { NopPruner } from '../nop-pruner.js';
import { PatientPruner } from '../patient-pruner.js';
import { PercentilePruner } from '../percentile-pruner.js';
import { SuccessiveHalvingPruner } from '../successive-halving-pruner.js';
import { ThresholdPruner } from '../threshold-pruner.js';
import { WilcoxonPruner } from '../wilcoxon-pruner.js';
import { RecordedStudy } from './recorded-study.js';

/** The fixture directory of this package's pruner references. */
export const FIXTURE_DIR = fileURLToPath(new URL('../../../test/fixtures/pruners/', import.meta.url));
/** The Python scripts that generate them. */
export const PYTHON_DIR = fileURLToPath(new URL('../../../test/python/', import.meta.url));

/** A float as written by the generators: a number, or a string for NaN and ±Infinity. */
export const jsonFloat = z.union([
  z.number(),
  z.literal('NaN').transform(() => Number.NaN),
  z.literal('Infinity').transform(() => Number.POSITIVE_INFINITY),
  z.literal('-Infinity').transform(() => Number.NEGATIVE_INFINITY),
]);

type Setting = { kind: string; options?: Record<string, unknown> };
const setting: z.ZodType<Setting> = z.object({ kind: z.string(), options: z.record(z.string(), z.unknown()).optional() });

const event = z.discriminatedUnion('op', [
  z.object({ op: z.literal('start'), trial: z.number().int() }),
  z.object({ op: z.literal('report'), trial: z.number().int(), step: z.number().int().min(0), value: jsonFloat }),
  z.object({
    op: z.literal('finish'),
    trial: z.number().int(),
    state: z.enum(['COMPLETE', 'PRUNED', 'FAIL']),
    value: jsonFloat.optional(),
  }),
]);
export type ReferenceEvent = z.infer<typeof event>;

const result = z.object({
  setting,
  decisions: z.string().regex(/^[01]*$/),
  states: z.array(z.enum(['RUNNING', 'COMPLETE', 'PRUNED', 'FAIL', 'WAITING'])),
  values: z.array(jsonFloat.nullable()),
  rungs: z.record(z.string(), z.record(z.string(), jsonFloat)),
});

export const referenceDecisionsSchema = z.object({
  generator: z.string(),
  optunaVersion: z.string(),
  scenarios: z.array(
    z.object({
      name: z.string(),
      direction: z.enum(['minimize', 'maximize']),
      events: z.array(event),
      results: z.array(result),
    }),
  ),
  hyperbandBrackets: z.array(
    z.object({
      studyName: z.string(),
      minResource: z.number().int(),
      maxResource: z.number().int(),
      reductionFactor: z.number().int(),
      nBrackets: z.number().int(),
      budgets: z.array(z.number().int()),
      bracketIds: z.array(z.number().int()),
    }),
  ),
  logs: z.array(z.tuple([z.number(), z.number()])),
});
export type ReferenceDecisions = z.infer<typeof referenceDecisionsSchema>;

export const wilcoxonReferenceSchema = z.object({
  generator: z.string(),
  scipyVersion: z.string(),
  cases: z.array(
    z.object({
      kind: z.string(),
      d: z.array(z.number()),
      alternative: z.enum(['two-sided', 'greater', 'less']),
      method: z.enum(['exact', 'permutation', 'asymptotic']),
      statistic: jsonFloat,
      pvalue: jsonFloat,
      legacyStatistic: jsonFloat,
      legacyPvalue: jsonFloat,
    }),
  ),
});

/** Read and validate a JSON fixture. */
export function readFixture<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  return schema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** Build our pruner for a fixture setting (`{ kind, options }` with camelCase options). */
export function buildPruner(s: Setting): BasePruner {
  const options = (s.options ?? {}) as any; // checked by the pruners themselves
  switch (s.kind) {
    case 'nop':
      return new NopPruner();
    case 'median':
      return new MedianPruner(options);
    case 'percentile':
      return new PercentilePruner(options);
    case 'successiveHalving':
      return new SuccessiveHalvingPruner(options);
    case 'hyperband':
      return new HyperbandPruner(options);
    case 'threshold':
      return new ThresholdPruner(options);
    case 'wilcoxon':
      return new WilcoxonPruner(options);
    case 'patient': {
      const { wrapped, ...rest } = s.options ?? {};
      const inner = wrapped === null || wrapped === undefined ? null : buildPruner(setting.parse(wrapped));
      return new PatientPruner(inner, rest as never);
    }
    default:
      throw new Error(`unknown pruner kind ${s.kind}`);
  }
}

export interface ReplayOutcome {
  decisions: string;
  states: string[];
  values: (number | null)[];
  rungs: Record<string, Record<string, number>>;
}

/**
 * Replay a recorded event stream through a {@link RecordedStudy} with `pruner`, the
 * way the Python generator drives Optuna: ask after every report, prune → PRUNED and
 * skip the trial's remaining events.
 */
export function replay(
  scenario: { name: string; direction: 'minimize' | 'maximize'; events: readonly ReferenceEvent[] },
  pruner: BasePruner,
): ReplayOutcome {
  const study = new RecordedStudy({ studyName: scenario.name, direction: scenario.direction });
  const pruned = new Set<number>();
  let decisions = '';
  for (const ev of scenario.events) {
    if (ev.op === 'start') {
      const number = study.start();
      if (number !== ev.trial) throw new Error(`trial numbers out of order: ${number} for ${ev.trial}`);
      continue;
    }
    if (pruned.has(ev.trial)) continue;
    if (ev.op === 'report') {
      study.report(ev.trial, ev.step, ev.value);
      const decision = study.shouldPrune(pruner, ev.trial);
      decisions += decision ? '1' : '0';
      if (decision) {
        study.finish(ev.trial, 'PRUNED');
        pruned.add(ev.trial);
      }
    } else {
      study.finish(ev.trial, ev.state, ev.value);
    }
  }
  const trials = study.getTrials();
  const rungs: Record<string, Record<string, number>> = {};
  for (const t of trials) {
    const entries = Object.entries(t.systemAttrs).filter(([k]) => k.startsWith('completed_rung_'));
    if (entries.length > 0) rungs[String(t.number)] = Object.fromEntries(entries.sort()) as Record<string, number>;
  }
  return {
    decisions,
    states: trials.map((t) => t.state),
    values: trials.map((t) => t.value ?? null),
    rungs,
  };
}
