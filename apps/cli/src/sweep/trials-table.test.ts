import type { FrozenTrial } from '@hyperopt/objective';
import { describe, expect, it } from 'vitest';
import { toCsv, trialsTable } from './trials-table.js';

function trial(number: number, state: FrozenTrial['state'], value: number | undefined, params: Record<string, number | string>, userAttrs: Record<string, unknown> = {}): FrozenTrial {
  return {
    number,
    trialId: number,
    state,
    value,
    values: value === undefined ? undefined : [value],
    datetimeStart: new Date(Date.UTC(2026, 0, 1, 0, 0, 0)),
    datetimeComplete: state === 'RUNNING' ? undefined : new Date(Date.UTC(2026, 0, 1, 0, 0, 2, 500)),
    params,
    distributions: {},
    userAttrs: userAttrs as FrozenTrial['userAttrs'],
    systemAttrs: {},
    intermediateValues: new Map(),
  };
}

describe('trialsTable', () => {
  it('has Optuna trials_dataframe columns and quotes CSV cells', () => {
    const table = trialsTable([trial(0, 'COMPLETE', 0.5, { a: 1, op: 'x,y' }, { equations: [{ id: 'e' }] }), trial(1, 'RUNNING', undefined, { a: 2 })], 1);
    expect(table.columns).toEqual(['number', 'value', 'datetime_start', 'datetime_complete', 'duration', 'params_a', 'params_op', 'user_attrs_equations', 'state']);
    expect(table.rows[0]).toMatchObject({ number: 0, value: 0.5, duration: 2.5, params_op: 'x,y', user_attrs_equations: '[{"id":"e"}]', state: 'COMPLETE' });
    expect(table.rows[1]).toMatchObject({ value: null, duration: null, params_op: null, state: 'RUNNING' });
    const csv = toCsv(table).split('\n');
    expect(csv[1]).toBe('0,0.5,2026-01-01T00:00:00.000Z,2026-01-01T00:00:02.500Z,2.5,1,"x,y","[{""id"":""e""}]",COMPLETE');
    expect(csv[2]).toBe('1,,2026-01-01T00:00:00.000Z,,,2,,,RUNNING');
  });

  it('names one column per objective for multi-objective studies', () => {
    expect(trialsTable([], 2).columns.slice(0, 3)).toEqual(['number', 'values_0', 'values_1']);
  });
});
