import type { Distribution } from '../../distributions/index.js';
import type { JsonValue } from '../../frozen-trial.js';
import { TRIAL_STATE_CODES, type TrialState } from '../../trial-state.js';
import type { StorageOperation } from '../operations.js';
import { parseJournalDatetime } from './datetime.js';

/**
 * A fast path for the records a replay is made of (ops 4 short form, 5–9), so a
 * 10,000-trial journal replays in well under a second. It accepts exactly what the
 * zod schemas of `journal-codec.ts` accept for these shapes and returns `undefined`
 * for anything else, which then goes through zod (and its error messages).
 */
const STATES = Object.entries(TRIAL_STATE_CODES).reduce<TrialState[]>((out, [name, code]) => {
  out[code] = name as TrialState;
  return out;
}, []);

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function isJson(v: unknown, depth = 0): v is JsonValue {
  if (v === null) return true;
  switch (typeof v) {
    case 'boolean':
    case 'number':
    case 'string':
      return true;
    case 'object':
      if (depth > 64) return false;
      if (Array.isArray(v)) return v.every((item) => isJson(item, depth + 1));
      for (const key in v) if (!isJson((v as Record<string, unknown>)[key], depth + 1)) return false;
      return true;
    default:
      return false;
  }
}

const isAttrs = (v: unknown): v is Record<string, JsonValue> => typeof v === 'object' && v !== null && !Array.isArray(v) && isJson(v);

function isNumberArray(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'number');
}

export function fastDecode(
  r: Record<string, unknown>,
  distribution: (text: string) => Distribution | undefined,
): StorageOperation | undefined {
  switch (r.op_code) {
    case 4: {
      if (!isId(r.study_id) || 'state' in r) return undefined;
      const start = r.datetime_start;
      if (start === null || start === undefined) return { op: 'createTrial', studyId: r.study_id, datetimeStart: null, template: null };
      const date = typeof start === 'string' ? parseJournalDatetime(start) : undefined;
      return date ? { op: 'createTrial', studyId: r.study_id, datetimeStart: date, template: null } : undefined;
    }
    case 5: {
      if (!isId(r.trial_id) || typeof r.param_name !== 'string' || typeof r.param_value_internal !== 'number') return undefined;
      const d = typeof r.distribution === 'string' ? distribution(r.distribution) : undefined;
      return d && { op: 'setTrialParam', trialId: r.trial_id, name: r.param_name, internal: r.param_value_internal, distribution: d };
    }
    case 6: {
      const state = typeof r.state === 'number' ? STATES[r.state] : undefined;
      if (!isId(r.trial_id) || state === undefined) return undefined;
      const values = r.values ?? null;
      if (values !== null && !isNumberArray(values)) return undefined;
      let datetimeStart: Date | undefined;
      let datetimeComplete: Date | undefined;
      if (r.datetime_start !== undefined) {
        if (typeof r.datetime_start !== 'string' || !(datetimeStart = parseJournalDatetime(r.datetime_start))) return undefined;
      }
      if (r.datetime_complete !== undefined) {
        if (typeof r.datetime_complete !== 'string' || !(datetimeComplete = parseJournalDatetime(r.datetime_complete))) return undefined;
      }
      return {
        op: 'setTrialStateValues',
        trialId: r.trial_id,
        state,
        values,
        ...(datetimeStart ? { datetimeStart } : {}),
        ...(datetimeComplete ? { datetimeComplete } : {}),
      };
    }
    case 7:
      if (!isId(r.trial_id) || !Number.isInteger(r.step) || typeof r.intermediate_value !== 'number') return undefined;
      return { op: 'setTrialIntermediateValue', trialId: r.trial_id, step: r.step as number, value: r.intermediate_value };
    case 8:
      return isId(r.trial_id) && isAttrs(r.user_attr) ? { op: 'setTrialUserAttr', trialId: r.trial_id, attrs: r.user_attr } : undefined;
    case 9:
      return isId(r.trial_id) && isAttrs(r.system_attr) ? { op: 'setTrialSystemAttr', trialId: r.trial_id, attrs: r.system_attr } : undefined;
    default:
      return undefined;
  }
}
