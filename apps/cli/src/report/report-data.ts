import { z } from 'zod';

const paramValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One trial as the report shows it (plain JSON, built from the study's frozen trials). */
export interface ReportTrial {
  readonly number: number;
  readonly state: 'RUNNING' | 'COMPLETE' | 'PRUNED' | 'FAIL' | 'WAITING';
  readonly values: readonly number[] | null;
  readonly params: Readonly<Record<string, string | number | boolean | null>>;
  /** [step, value] pairs, by step. */
  readonly intermediate: readonly (readonly [number, number])[];
  readonly start: number | null;
  readonly complete: number | null;
}

/** One equation's results in the best trial, stored by the objective as the `equations` user attr. */
export const equationSummarySchema = z.object({
  id: z.string(),
  formula: z.string().nullable().describe('the true formula'),
  runs: z.number().int(),
  metric: z.number().nullable().describe('the aggregated objective metric over runs'),
  medianTestR2: z.number().nullable(),
  exactRecoveries: z.number().int(),
  medianComplexity: z.number().nullable(),
  medianWallS: z.number().nullable(),
  bestExpression: z.string().nullable().describe('the discovered formula of the best run'),
  errors: z.number().int(),
});

/** Per-equation summaries of one trial. */
export const equationSummariesSchema = z.array(equationSummarySchema);
export type EquationSummary = z.infer<typeof equationSummarySchema>;

/** Everything the report page shows. */
export interface ReportData {
  readonly title: string;
  readonly studyName: string;
  readonly generatedAt: string;
  readonly directions: readonly ('minimize' | 'maximize')[];
  readonly metricNames: readonly string[];
  readonly trials: readonly ReportTrial[];
  readonly bestTrial: number | null;
  readonly bestParams: Readonly<Record<string, unknown>> | null;
  readonly bestValues: readonly number[] | null;
  readonly bestEquations: readonly EquationSummary[];
  /** Parameter name → importance in [0, 1], largest first. */
  readonly importances: Readonly<Record<string, number>>;
  readonly importanceMethod: string;
  /** Axis kinds for the parallel-coordinate chart. */
  readonly paramAxes: readonly { name: string; kind: 'float' | 'int' | 'categorical'; log: boolean; choices?: readonly unknown[] }[];
  /** The study's settings (the resolved sweep config). */
  readonly settings: unknown;
  readonly counts: Readonly<Record<string, number>>;
}

/** Reads the `equations` user attr of a trial; [] when absent or malformed. */
export function readEquationSummaries(userAttrs: Readonly<Record<string, unknown>>): EquationSummary[] {
  const parsed = equationSummariesSchema.safeParse(userAttrs.equations);
  return parsed.success ? parsed.data : [];
}

export { paramValue as reportParamValueSchema };
