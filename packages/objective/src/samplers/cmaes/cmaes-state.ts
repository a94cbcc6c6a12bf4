import { z } from 'zod';
import type { JsonValue } from '../../frozen-trial.js';
import type { CmaSnapshot } from './cma.js';

/** Prefix of the system attributes that hold a serialized {@link CmaEsState}. */
export const CMAES_STATE_ATTR = 'hyperopt:cma:state';
/** The attribute holding the number of chunks. */
export const CMAES_STATE_CHUNKS_ATTR = `${CMAES_STATE_ATTR}:chunks`;
/** Longest attribute value written (Optuna's limit for RDB storages: 2045 characters). */
export const CMAES_STATE_CHUNK_LENGTH = 2045;
export const CMAES_STATE_FORMAT = 'hyperopt-cmaes';
export const CMAES_STATE_VERSION = 1;

/** What the sampler stores after each generation's update (format `hyperopt-cmaes`, version 1). */
export interface CmaEsState {
  format: typeof CMAES_STATE_FORMAT;
  version: typeof CMAES_STATE_VERSION;
  /** The relative search space, in order (the optimizer's coordinates). */
  paramNames: string[];
  restartStrategy: 'ipop' | null;
  /** Restarts so far (IPOP). */
  nRestarts: number;
  /** Seed of the run's generators: each trial's candidate and each restart's start point derive from it. */
  runSeed: number;
  optimizer: CmaSnapshot;
}

const NON_FINITE = { Infinity: Infinity, '-Infinity': -Infinity, NaN: Number.NaN } as const;
const finite = z.number();
const anyNumber = z.union([z.number(), z.enum(['Infinity', '-Infinity', 'NaN']).transform((s) => NON_FINITE[s])]);
const count = z.number().int().nonnegative();

const snapshotSchema = z
  .object({
    dim: z.number().int().min(1),
    populationSize: z.number().int().min(2),
    generation: count,
    sigma: finite.positive(),
    sigma0: finite.positive(),
    nMaxResampling: count,
    bounds: z.array(z.tuple([finite, finite])).nullable(),
    mean: z.array(finite),
    C: z.array(finite),
    B: z.array(finite),
    D: z.array(finite.nonnegative()),
    pSigma: z.array(finite),
    pc: z.array(finite),
    funHist: z.array(anyNumber),
    lastValues: z.array(anyNumber),
  })
  .superRefine((s, ctx) => {
    const n = s.dim;
    const expected = { mean: n, C: n * n, B: n * n, D: n, pSigma: n, pc: n } as const;
    for (const [field, len] of Object.entries(expected)) {
      const got = s[field as keyof typeof expected].length;
      if (got !== len) ctx.addIssue({ code: 'custom', path: [field], message: `expected ${len} entries for a ${n}-d optimizer, got ${got}` });
    }
    if (s.bounds !== null && s.bounds.length !== n) ctx.addIssue({ code: 'custom', path: ['bounds'], message: `expected ${n} bounds, got ${s.bounds.length}` });
  });

const stateSchema = z
  .object({
    format: z.literal(CMAES_STATE_FORMAT),
    version: z.literal(CMAES_STATE_VERSION),
    paramNames: z.array(z.string()),
    restartStrategy: z.union([z.literal('ipop'), z.null()]),
    nRestarts: count,
    runSeed: z.number().int().min(0).max(0xffffffff),
    optimizer: snapshotSchema,
  })
  .refine((s) => s.paramNames.length === s.optimizer.dim, { message: 'paramNames and optimizer.dim disagree', path: ['paramNames'] });

/** The system attributes that carry `state`: its JSON text cut into chunks, and their number. */
export function encodeCmaEsState(state: CmaEsState): Record<string, JsonValue> {
  const text = JSON.stringify(state, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value));
  const attrs: Record<string, JsonValue> = {};
  const chunks = Math.ceil(text.length / CMAES_STATE_CHUNK_LENGTH);
  for (let i = 0; i < chunks; i++) attrs[`${CMAES_STATE_ATTR}:${i}`] = text.slice(i * CMAES_STATE_CHUNK_LENGTH, (i + 1) * CMAES_STATE_CHUNK_LENGTH);
  attrs[CMAES_STATE_CHUNKS_ATTR] = chunks;
  return attrs;
}

export type DecodedCmaEsState = { kind: 'absent' } | { kind: 'invalid'; reason: string } | { kind: 'ok'; state: CmaEsState };

/** Whether a trial's system attributes carry a state (valid or not). */
export function hasCmaEsState(systemAttrs: Readonly<Record<string, JsonValue>>): boolean {
  return systemAttrs[CMAES_STATE_CHUNKS_ATTR] !== undefined || systemAttrs[`${CMAES_STATE_ATTR}:0`] !== undefined;
}

/** Reads and validates the state a trial carries; never throws. */
export function decodeCmaEsState(systemAttrs: Readonly<Record<string, JsonValue>>): DecodedCmaEsState {
  if (!hasCmaEsState(systemAttrs)) return { kind: 'absent' };
  const chunks = systemAttrs[CMAES_STATE_CHUNKS_ATTR];
  if (typeof chunks !== 'number' || !Number.isInteger(chunks) || chunks < 1) {
    return { kind: 'invalid', reason: `expected a positive integer in \`${CMAES_STATE_CHUNKS_ATTR}\`, got ${preview(chunks)}` };
  }
  let text = '';
  for (let i = 0; i < chunks; i++) {
    const part = systemAttrs[`${CMAES_STATE_ATTR}:${i}`];
    if (typeof part !== 'string') return { kind: 'invalid', reason: `expected a string in \`${CMAES_STATE_ATTR}:${i}\` (chunk ${i + 1} of ${chunks}), got ${preview(part)}` };
    text += part;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: 'invalid', reason: `the state is not JSON (${(error as Error).message}): ${preview(text)}` };
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'invalid', reason: `not a ${CMAES_STATE_FORMAT} v${CMAES_STATE_VERSION} state: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}` };
  }
  return { kind: 'ok', state: parsed.data };
}

function preview(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
