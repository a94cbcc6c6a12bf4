import { z } from 'zod';
import { distributionFromJson, distributionToJson, type Distribution } from '../../distributions/index.js';
import type { JsonValue } from '../../frozen-trial.js';
import { PyFloat } from '../../json/python-json.js';
import { STUDY_DIRECTION_CODES, type StudyDirection } from '../../study-direction.js';
import { TRIAL_STATE_CODES, type TrialState } from '../../trial-state.js';
import type { StorageOperation, TrialTemplateData } from '../operations.js';
import { formatJournalDatetime, parseJournalDatetime } from './datetime.js';
import { fastDecode } from './journal-fast-decode.js';

/** Optuna's `JournalOperation` codes. */
export const JOURNAL_OP_CODES = {
  createStudy: 0,
  deleteStudy: 1,
  setStudyUserAttr: 2,
  setStudySystemAttr: 3,
  createTrial: 4,
  setTrialParam: 5,
  setTrialStateValues: 6,
  setTrialIntermediateValue: 7,
  setTrialUserAttr: 8,
  setTrialSystemAttr: 9,
} as const satisfies Record<StorageOperation['op'], number>;

const STATE_BY_CODE = Object.fromEntries(Object.entries(TRIAL_STATE_CODES).map(([k, v]) => [v, k])) as Record<number, TrialState>;
const DIRECTION_BY_CODE = Object.fromEntries(Object.entries(STUDY_DIRECTION_CODES).map(([k, v]) => [v, k])) as Record<number, StudyDirection>;

const floats = (values: readonly number[] | null): PyFloat[] | null => (values === null ? null : values.map((v) => new PyFloat(v)));
const internalValue = (distribution: Distribution | undefined, value: number): number | PyFloat =>
  distribution?.kind === 'categorical' ? value : new PyFloat(value);

/** The JSON object of one journal record, in Optuna's key order (floats wrapped as `PyFloat`). */
export function encodeOperation(operation: StorageOperation, workerId: string): Record<string, unknown> {
  const head = { op_code: JOURNAL_OP_CODES[operation.op], worker_id: workerId };
  switch (operation.op) {
    case 'createStudy':
      return { ...head, study_name: operation.studyName, directions: operation.directions.map((d) => STUDY_DIRECTION_CODES[d]) };
    case 'deleteStudy':
      return { ...head, study_id: operation.studyId };
    case 'setStudyUserAttr':
      return { ...head, study_id: operation.studyId, user_attr: operation.attrs };
    case 'setStudySystemAttr':
      return { ...head, study_id: operation.studyId, system_attr: operation.attrs };
    case 'createTrial': {
      const datetimeStart = operation.datetimeStart === null ? null : formatJournalDatetime(operation.datetimeStart);
      const t = operation.template;
      if (t === null) return { ...head, study_id: operation.studyId, datetime_start: datetimeStart };
      const single = t.values !== null && t.values.length === 1;
      return {
        ...head,
        study_id: operation.studyId,
        datetime_start: datetimeStart,
        state: TRIAL_STATE_CODES[t.state],
        value: single ? new PyFloat(t.values?.[0] as number) : null,
        values: single ? null : floats(t.values),
        ...(t.datetimeComplete === null ? {} : { datetime_complete: formatJournalDatetime(t.datetimeComplete) }),
        distributions: Object.fromEntries(Object.entries(t.distributions).map(([k, d]) => [k, distributionToJson(d)])),
        params: Object.fromEntries(Object.entries(t.params).map(([k, v]) => [k, internalValue(t.distributions[k], v)])),
        user_attrs: t.userAttrs,
        system_attrs: t.systemAttrs,
        intermediate_values: Object.fromEntries([...t.intermediateValues].map(([step, v]) => [String(step), new PyFloat(v)])),
      };
    }
    case 'setTrialParam':
      return {
        ...head,
        trial_id: operation.trialId,
        param_name: operation.name,
        param_value_internal: internalValue(operation.distribution, operation.internal),
        distribution: distributionToJson(operation.distribution),
      };
    case 'setTrialStateValues':
      return {
        ...head,
        trial_id: operation.trialId,
        state: TRIAL_STATE_CODES[operation.state],
        values: floats(operation.values),
        ...(operation.datetimeStart ? { datetime_start: formatJournalDatetime(operation.datetimeStart) } : {}),
        ...(operation.datetimeComplete ? { datetime_complete: formatJournalDatetime(operation.datetimeComplete) } : {}),
      };
    case 'setTrialIntermediateValue':
      return { ...head, trial_id: operation.trialId, step: operation.step, intermediate_value: new PyFloat(operation.value) };
    case 'setTrialUserAttr':
      return { ...head, trial_id: operation.trialId, user_attr: operation.attrs };
    case 'setTrialSystemAttr':
      return { ...head, trial_id: operation.trialId, system_attr: operation.attrs };
  }
}

// ---- reading ---------------------------------------------------------------------

const id = z.number().int().nonnegative();
/** Any number, NaN and ±Infinity included (Python writes them as bare tokens). */
const num = z.custom<number>((v) => typeof v === 'number', 'expected a number');
const json: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), num, z.string(), z.array(json), z.record(z.string(), json)]),
);
const attrs = z.record(z.string(), json);
const datetime = z.string().transform((text, ctx) => {
  const date = parseJournalDatetime(text);
  if (!date) {
    ctx.addIssue({ code: 'custom', message: `invalid datetime ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return date;
});
const state = z.number().int().refine((code) => STATE_BY_CODE[code] !== undefined, 'unknown trial state code').transform((code) => STATE_BY_CODE[code] as TrialState);

/** Parsing a distribution string is the slow part of replay: memoise by text. */
const distributionCache = new Map<string, Distribution>();
function cachedDistribution(text: string): Distribution {
  let parsed = distributionCache.get(text);
  if (!parsed) {
    parsed = distributionFromJson(text);
    if (distributionCache.size < 10_000) distributionCache.set(text, parsed);
  }
  return parsed;
}
function tryDistribution(text: string): Distribution | undefined {
  try {
    return cachedDistribution(text);
  } catch {
    return undefined;
  }
}
const distribution = z.string().transform((text, ctx) => {
  try {
    return cachedDistribution(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
    return z.NEVER;
  }
});

const schemas = {
  0: z.object({ study_name: z.string(), directions: z.array(z.union([z.literal(1), z.literal(2)])).min(1) }),
  1: z.object({ study_id: id }),
  2: z.object({ study_id: id, user_attr: attrs }),
  3: z.object({ study_id: id, system_attr: attrs }),
  4: z.object({
    study_id: id,
    datetime_start: datetime.nullable().optional(),
    state: state.optional(),
    value: num.nullable().optional(),
    values: z.array(num).nullable().optional(),
    datetime_complete: datetime.nullable().optional(),
    distributions: z.record(z.string(), distribution).optional(),
    params: z.record(z.string(), num).optional(),
    user_attrs: attrs.optional(),
    system_attrs: attrs.optional(),
    intermediate_values: z.record(z.string(), num).optional(),
  }),
  5: z.object({ trial_id: id, param_name: z.string(), param_value_internal: num, distribution }),
  6: z.object({
    trial_id: id,
    state,
    values: z.array(num).nullable().optional(),
    datetime_start: datetime.optional(),
    datetime_complete: datetime.optional(),
  }),
  7: z.object({ trial_id: id, step: z.number().int(), intermediate_value: num }),
  8: z.object({ trial_id: id, user_attr: attrs }),
  9: z.object({ trial_id: id, system_attr: attrs }),
} as const;

const head = z.object({ op_code: z.number().int(), worker_id: z.string() });

/** A decoded record, or why it could not be used. */
export type DecodedRecord =
  | { readonly kind: 'operation'; readonly workerId: string; readonly operation: StorageOperation }
  | { readonly kind: 'unknown-op'; readonly opCode: number }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Validates a parsed journal record and turns it into a storage operation. */
export function decodeRecord(record: unknown): DecodedRecord {
  if (typeof record === 'object' && record !== null && typeof (record as { worker_id?: unknown }).worker_id === 'string') {
    const operation = fastDecode(record as Record<string, unknown>, tryDistribution);
    if (operation) return { kind: 'operation', workerId: (record as { worker_id: string }).worker_id, operation };
  }
  return decodeRecordWithSchemas(record);
}

/** {@link decodeRecord} through the zod schemas only (no fast path): the reference behaviour. */
export function decodeRecordWithSchemas(record: unknown): DecodedRecord {
  const h = head.safeParse(record);
  if (!h.success) return { kind: 'invalid', reason: z.prettifyError(h.error) };
  const opCode = h.data.op_code;
  const schema = schemas[opCode as keyof typeof schemas];
  if (!schema) return { kind: 'unknown-op', opCode };
  const parsed = schema.safeParse(record);
  if (!parsed.success) return { kind: 'invalid', reason: `op_code ${opCode}: ${z.prettifyError(parsed.error)}` };
  const workerId = h.data.worker_id;
  const operation = toOperation(opCode, parsed.data);
  return { kind: 'operation', workerId, operation };
}

type Parsed = { [K in keyof typeof schemas]: z.infer<(typeof schemas)[K]> };

function toOperation(opCode: number, data: Parsed[keyof Parsed]): StorageOperation {
  switch (opCode) {
    case 0: {
      const d = data as Parsed[0];
      return { op: 'createStudy', studyName: d.study_name, directions: d.directions.map((c) => DIRECTION_BY_CODE[c] as StudyDirection) };
    }
    case 1:
      return { op: 'deleteStudy', studyId: (data as Parsed[1]).study_id };
    case 2:
      return { op: 'setStudyUserAttr', studyId: (data as Parsed[2]).study_id, attrs: (data as Parsed[2]).user_attr };
    case 3:
      return { op: 'setStudySystemAttr', studyId: (data as Parsed[3]).study_id, attrs: (data as Parsed[3]).system_attr };
    case 4: {
      const d = data as Parsed[4];
      const isTemplate = d.state !== undefined;
      const template: TrialTemplateData | null = isTemplate
        ? {
            state: d.state as TrialState,
            values: d.values ?? (d.value === null || d.value === undefined ? null : [d.value]),
            datetimeComplete: d.datetime_complete ?? null,
            params: d.params ?? {},
            distributions: d.distributions ?? {},
            userAttrs: d.user_attrs ?? {},
            systemAttrs: d.system_attrs ?? {},
            intermediateValues: new Map(Object.entries(d.intermediate_values ?? {}).map(([step, v]) => [Number(step), v])),
          }
        : null;
      return { op: 'createTrial', studyId: d.study_id, datetimeStart: d.datetime_start ?? null, template };
    }
    case 5: {
      const d = data as Parsed[5];
      return { op: 'setTrialParam', trialId: d.trial_id, name: d.param_name, internal: d.param_value_internal, distribution: d.distribution };
    }
    case 6: {
      const d = data as Parsed[6];
      return {
        op: 'setTrialStateValues',
        trialId: d.trial_id,
        state: d.state,
        values: d.values ?? null,
        ...(d.datetime_start ? { datetimeStart: d.datetime_start } : {}),
        ...(d.datetime_complete ? { datetimeComplete: d.datetime_complete } : {}),
      };
    }
    case 7: {
      const d = data as Parsed[7];
      return { op: 'setTrialIntermediateValue', trialId: d.trial_id, step: d.step, value: d.intermediate_value };
    }
    case 8:
      return { op: 'setTrialUserAttr', trialId: (data as Parsed[8]).trial_id, attrs: (data as Parsed[8]).user_attr };
    default:
      return { op: 'setTrialSystemAttr', trialId: (data as Parsed[9]).trial_id, attrs: (data as Parsed[9]).system_attr };
  }
}
