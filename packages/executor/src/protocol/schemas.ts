import { z } from 'zod';
import { SAFE_NAME } from './ids.js';

const nonNegInt = z.number().int().nonnegative();
const finiteTime = z.number().finite();
/** A trial key read from disk must still be a safe path component. */
const trialKey = z.string().regex(SAFE_NAME);

/** A chunk whose first claimer died: the master re-opens it under a new generation. */
export const reclaimSchema = z.object({
  chunk: nonNegInt,
  generation: z.number().int().positive(),
  /** Positions (in the trial's item list) still without a result. */
  indices: z.array(nonNegInt).min(1),
});
export type Reclaim = z.infer<typeof reclaimSchema>;

/** `control.json`, written by the master only: the current trial and the shutdown notice. */
export const controlSchema = z.object({
  masterIncarnation: z.string().min(1),
  seq: nonNegInt,
  at: finiteTime,
  /** First slot index not yet known to the master: a hint for joining workers. */
  nextSlotHint: nonNegInt,
  trial: z
    .object({
      key: trialKey,
      state: z.enum(['running', 'cancelled', 'finished']),
      reclaims: z.array(reclaimSchema),
    })
    .nullable(),
  shutdown: z.object({ reason: z.enum(['interrupted', 'finished']), at: finiteTime }).nullable(),
});
export type ControlFile = z.infer<typeof controlSchema>;

/**
 * `processed-trials.json`, written by the master only: the trials that must never run
 * again, and the measured milliseconds per item id (to order later trials longest first).
 */
export const processedSchema = z.object({
  trials: z.array(z.object({ key: trialKey, outcome: z.enum(['completed', 'cancelled']), at: finiteTime })),
  itemCosts: z.record(z.string(), z.number().nonnegative()),
});
export type ProcessedFile = z.infer<typeof processedSchema>;

/** `slots/<n>.json`: one process's registration and heartbeat, written by that process only. */
export const slotSchema = z.object({
  slot: nonNegInt,
  workerId: z.string().min(1),
  role: z.enum(['master', 'worker']),
  incarnation: z.string().min(1),
  host: z.string(),
  pid: nonNegInt,
  /** Increases with every write; liveness is judged by it changing, not by clocks. */
  beat: nonNegInt,
  at: finiteTime,
  trialKey: trialKey.nullable(),
  /** `waiting`: in `trialKey` but running nothing (just joined, or nothing left to claim). */
  phase: z.enum(['idle', 'waiting', 'working', 'exited']),
});
export type SlotFile = z.infer<typeof slotSchema>;

/** `trials/<key>/trial.json`, written by the master only. */
export const trialSchema = z.object({
  key: trialKey,
  trialId: z.union([z.string(), z.number()]),
  params: z.unknown(),
  fingerprint: z.string().min(1),
  chunkSize: z.number().int().positive(),
  items: z.array(z.object({ id: z.string().min(1), item: z.unknown() })),
  publishedAt: finiteTime,
});
export type TrialFile = z.infer<typeof trialSchema>;

/** `trials/<key>/claim-<chunk>-<generation>.json`, created exclusively by the claimer. */
export const claimSchema = z.object({
  chunk: nonNegInt,
  generation: nonNegInt,
  slot: nonNegInt,
  workerId: z.string().min(1),
  incarnation: z.string().min(1),
  at: finiteTime,
});
export type ClaimFile = z.infer<typeof claimSchema>;

/** `trials/<key>/results-<slot>.json`: a slot's cumulative results for one trial, written by that slot only. */
export const resultsSchema = z.object({
  slot: nonNegInt,
  workerId: z.string().min(1),
  incarnation: z.string().min(1),
  seq: nonNegInt,
  results: z.array(z.object({ id: z.string().min(1), result: z.unknown(), ms: z.number().nonnegative() })),
});
export type ResultsFile = z.infer<typeof resultsSchema>;

/** The schema of every file kind, by the `kind` written in its header. */
export const fileSchemas = {
  control: controlSchema,
  processed: processedSchema,
  slot: slotSchema,
  trial: trialSchema,
  claim: claimSchema,
  results: resultsSchema,
} as const;

/** A kind of executor file. */
export type FileKind = keyof typeof fileSchemas;
/** The body type of a kind of file. */
export type FileBody<K extends FileKind> = z.infer<(typeof fileSchemas)[K]>;
