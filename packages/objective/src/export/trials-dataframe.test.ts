import { describe, expect, it } from 'vitest';
import { floatDistribution } from '../distributions/index.js';
import { createStudy } from '../study/study-registry.js';
import { rowsToCsv, rowsToJson, trialsToRows } from './trials-dataframe.js';

function study() {
  const s = createStudy();
  const start = new Date(2026, 10, 28, 21, 41, 16, 446);
  const complete = new Date(start.getTime() + 1500);
  s.addTrial({
    state: 'COMPLETE',
    value: 1.5,
    params: { y: 0.25, a: 0.5 },
    distributions: { y: floatDistribution(0, 1), a: floatDistribution(0, 1) },
    userAttrs: { note: 'x, "quoted"', nested: { k: [1] } },
    systemAttrs: { s: 1 },
    intermediateValues: new Map([
      [10, 2],
      [2, Number.NaN],
    ]),
    datetimeStart: start,
    datetimeComplete: complete,
  });
  s.addTrial({ state: 'FAIL', params: { a: 0.1 }, distributions: { a: floatDistribution(0, 1) }, datetimeStart: start, datetimeComplete: complete });
  s.addTrial({ state: 'COMPLETE', value: -Infinity, datetimeStart: start, datetimeComplete: start });
  return s;
}

describe('trials dataframe', () => {
  it("uses Optuna's flattened column names, grouped in Optuna's order and sorted within a group", () => {
    const table = study().trialsDataframe();
    expect(table.columns).toEqual([
      'number',
      'value',
      'datetime_start',
      'datetime_complete',
      'duration',
      'params_a',
      'params_y',
      'user_attrs_nested',
      'user_attrs_note',
      'state',
    ]);
    expect(table.rows[0]).toMatchObject({ number: 0, value: 1.5, duration: 1.5, params_a: 0.5, state: 'COMPLETE' });
    expect(table.rows[1]).toMatchObject({ params_y: undefined, value: undefined, state: 'FAIL' });
  });

  it('names several objectives values_0… and shows system attrs and intermediate values on request', () => {
    const s = createStudy({ directions: ['minimize', 'maximize'] });
    s.tell(s.ask(), [1, 2]);
    expect(trialsToRows(s.trials, s.directions).columns).toContain('values_1');
    const table = study().trialsDataframe({ attrs: ['number', 'system_attrs', 'intermediate_values'] });
    expect(table.columns).toEqual(['number', 'system_attrs_s', 'intermediate_values_2', 'intermediate_values_10']);
    expect(() => study().trialsDataframe({ attrs: ['bogus' as never] })).toThrow(/unknown trial attribute "bogus"/);
  });

  it('writes CSV like pandas and JSON with explicit non-finite values', () => {
    const table = study().trialsDataframe();
    const csv = rowsToCsv(table).split('\n');
    expect(csv[0]).toBe('number,value,datetime_start,datetime_complete,duration,params_a,params_y,user_attrs_nested,user_attrs_note,state');
    expect(csv[1]).toBe(
      '0,1.5,2026-11-28 21:41:16.446000,2026-11-28 21:41:17.946000,0 days 00:00:01.500000,0.5,0.25,"{""k"":[1]}","x, ""quoted""",COMPLETE',
    );
    expect(csv[3]).toBe('2,-inf,2026-11-28 21:41:16.446000,2026-11-28 21:41:16.446000,0 days 00:00:00.000000,,,,,COMPLETE');
    const json = JSON.parse(rowsToJson(table)) as Record<string, unknown>[];
    expect(json[2]).toMatchObject({ value: '-Infinity', params_a: null, datetime_start: new Date(2026, 10, 28, 21, 41, 16, 446).toISOString() });
  });
});
