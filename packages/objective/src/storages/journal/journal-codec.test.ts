import { describe, expect, it } from 'vitest';
import { parsePython } from '../../json/python-json.js';
import { decodeRecord, decodeRecordWithSchemas } from './journal-codec.js';

const FLOAT = '"{\\"name\\": \\"FloatDistribution\\", \\"attributes\\": {\\"step\\": null, \\"low\\": 0.0, \\"high\\": 1.0, \\"log\\": false}}"';
const w = '"worker_id": "w"';

/** Records of every shape the fast path handles, valid and not. */
const records = [
  `{"op_code": 4, ${w}, "study_id": 0, "datetime_start": "2026-11-28T21:41:16.446584"}`,
  `{"op_code": 4, ${w}, "study_id": 0, "datetime_start": null}`,
  `{"op_code": 4, ${w}, "study_id": 0, "datetime_start": "yesterday"}`,
  `{"op_code": 4, ${w}, "study_id": -1, "datetime_start": null}`,
  `{"op_code": 5, ${w}, "trial_id": 3, "param_name": "x", "param_value_internal": 0.5, "distribution": ${FLOAT}}`,
  `{"op_code": 5, ${w}, "trial_id": 3, "param_name": "x", "param_value_internal": NaN, "distribution": ${FLOAT}}`,
  `{"op_code": 5, ${w}, "trial_id": 3, "param_name": "x", "param_value_internal": 0.5, "distribution": "{}"}`,
  `{"op_code": 5, ${w}, "trial_id": 3, "param_name": 7, "param_value_internal": 0.5, "distribution": ${FLOAT}}`,
  `{"op_code": 6, ${w}, "trial_id": 1, "state": 1, "values": [Infinity], "datetime_complete": "2026-11-28T21:41:16.446584"}`,
  `{"op_code": 6, ${w}, "trial_id": 1, "state": 0, "values": null, "datetime_start": "2026-11-28T21:41:16.446584+00:00"}`,
  `{"op_code": 6, ${w}, "trial_id": 1, "state": 4, "values": null}`,
  `{"op_code": 6, ${w}, "trial_id": 1, "state": 9, "values": null}`,
  `{"op_code": 6, ${w}, "trial_id": 1, "state": 1, "values": ["a"]}`,
  `{"op_code": 7, ${w}, "trial_id": 1, "step": 2, "intermediate_value": -Infinity}`,
  `{"op_code": 7, ${w}, "trial_id": 1, "step": 2.5, "intermediate_value": 1}`,
  `{"op_code": 8, ${w}, "trial_id": 1, "user_attr": {"k": {"nested": [1, NaN, null, "x", true]}}}`,
  `{"op_code": 8, ${w}, "trial_id": 1, "user_attr": [1]}`,
  `{"op_code": 9, ${w}, "trial_id": 1, "system_attr": {"fixed_params": {"x": 0.5}}}`,
  `{"op_code": 9, "trial_id": 1, "system_attr": {}}`,
];

describe('journal record decoding', () => {
  it.each(records)('the fast path agrees with the zod schemas: %s', (line) => {
    const record = parsePython(line);
    const fast = decodeRecord(record);
    const reference = decodeRecordWithSchemas(record);
    expect(fast.kind).toBe(reference.kind);
    if (reference.kind === 'operation') expect(fast).toEqual(reference);
  });

  it('reports unknown op codes and invalid records', () => {
    expect(decodeRecord({ op_code: 10, worker_id: 'w' })).toEqual({ kind: 'unknown-op', opCode: 10 });
    expect(decodeRecord({ op_code: 5, worker_id: 'w', trial_id: 'x' })).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('op_code 5') });
    expect(decodeRecord('nope')).toMatchObject({ kind: 'invalid' });
  });
});
