import { ObjectiveError, echo } from '../errors.js';
import type { FrozenTrial, JsonValue } from '../frozen-trial.js';
import type { StudyDirection } from '../study-direction.js';

/** A cell of a trials table. */
export type TrialCell = JsonValue | Date | undefined;
/** One row of a trials table, keyed by Optuna's flattened `trials_dataframe` column names. */
export type TrialRow = Record<string, TrialCell>;

/** The trial attributes a table can show, in Optuna's `trials_dataframe` vocabulary. */
export type TrialAttr =
  | 'number'
  | 'value'
  | 'datetime_start'
  | 'datetime_complete'
  | 'duration'
  | 'params'
  | 'user_attrs'
  | 'system_attrs'
  | 'intermediate_values'
  | 'state';

/** Options of {@link trialsToRows}. */
export interface TrialsToRowsOptions {
  /**
   * Which attributes become columns, in this order (`value` becomes `values_0`, `values_1`…
   * for several objectives).
   * @default ["number", "value", "datetime_start", "datetime_complete", "duration", "params", "user_attrs", "state"]
   */
  attrs?: readonly TrialAttr[];
}

const DEFAULT_ATTRS: readonly TrialAttr[] = [
  'number',
  'value',
  'datetime_start',
  'datetime_complete',
  'duration',
  'params',
  'user_attrs',
  'state',
];

/**
 * The rows of Optuna's `study.trials_dataframe()` with flattened column names:
 * `number`, `value` (or `values_0`…), `datetime_start`, `datetime_complete`, `duration`
 * (seconds), `params_<name>`, `user_attrs_<key>`, `system_attrs_<key>`,
 * `intermediate_values_<step>`, `state`. Nested columns are sorted by name within
 * their group, as Optuna does; every row has every column (`undefined` when absent).
 */
export function trialsToRows(
  trials: readonly FrozenTrial[],
  directions: readonly StudyDirection[],
  options: TrialsToRowsOptions = {},
): { columns: string[]; rows: TrialRow[] } {
  const attrs = options.attrs ?? DEFAULT_ATTRS;
  for (const attr of attrs) {
    if (!DEFAULT_ATTRS.includes(attr) && attr !== 'system_attrs' && attr !== 'intermediate_values') {
      throw new ObjectiveError('OBJECTIVE_INVALID_ARGUMENT', `unknown trial attribute ${echo(attr)} in \`attrs\``);
    }
  }
  const multi = directions.length > 1;
  const groups = new Map<TrialAttr, Set<string>>();
  const add = (attr: TrialAttr, column: string) => {
    let set = groups.get(attr);
    if (!set) groups.set(attr, (set = new Set()));
    set.add(column);
  };
  const rows = trials.map((trial) => {
    const row: TrialRow = {};
    for (const attr of attrs) {
      switch (attr) {
        case 'number':
        case 'state':
          row[attr] = trial[attr];
          add(attr, attr);
          break;
        case 'value':
          if (multi) {
            directions.forEach((_, i) => {
              row[`values_${i}`] = trial.values?.[i];
              add(attr, `values_${i}`);
            });
          } else {
            row.value = trial.value;
            add(attr, 'value');
          }
          break;
        case 'datetime_start':
          row.datetime_start = trial.datetimeStart;
          add(attr, attr);
          break;
        case 'datetime_complete':
          row.datetime_complete = trial.datetimeComplete;
          add(attr, attr);
          break;
        case 'duration':
          row.duration =
            trial.datetimeStart && trial.datetimeComplete ? (trial.datetimeComplete.getTime() - trial.datetimeStart.getTime()) / 1000 : undefined;
          add(attr, attr);
          break;
        case 'params':
          for (const [name, value] of Object.entries(trial.params)) (row[`params_${name}`] = value), add(attr, `params_${name}`);
          break;
        case 'user_attrs':
        case 'system_attrs': {
          const source = attr === 'user_attrs' ? trial.userAttrs : trial.systemAttrs;
          for (const [key, value] of Object.entries(source)) (row[`${attr}_${key}`] = value), add(attr, `${attr}_${key}`);
          break;
        }
        case 'intermediate_values':
          for (const [step, value] of trial.intermediateValues) {
            row[`intermediate_values_${step}`] = value;
            add(attr, `intermediate_values_${step}`);
          }
          break;
      }
    }
    return row;
  });
  const columns = attrs.flatMap((attr) => {
    const set = groups.get(attr);
    if (!set) return [];
    return attr === 'intermediate_values'
      ? [...set].sort((a, b) => Number(a.slice(20)) - Number(b.slice(20)))
      : [...set].sort();
  });
  return { columns, rows: rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]]))) };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function pandasDatetime(date: Date): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}000`
  );
}

function pandasDuration(seconds: number): string {
  const micros = Math.round(seconds * 1e6);
  const days = Math.floor(micros / 86_400e6);
  let rest = micros - days * 86_400e6;
  const h = Math.floor(rest / 3_600e6);
  rest -= h * 3_600e6;
  const m = Math.floor(rest / 60e6);
  rest -= m * 60e6;
  const s = Math.floor(rest / 1e6);
  const us = rest - s * 1e6;
  return `${days} days ${pad(h)}:${pad(m)}:${pad(s)}.${pad(us, 6)}`;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvCell(column: string, value: TrialCell): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return pandasDatetime(value);
  if (typeof value === 'number') {
    if (column === 'duration') return pandasDuration(value);
    if (Number.isNaN(value)) return '';
    if (value === Infinity) return 'inf';
    if (value === -Infinity) return '-inf';
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return csvField(value);
  return csvField(JSON.stringify(value));
}

/**
 * CSV as pandas' `df.to_csv(index=False)` writes a trials dataframe: datetimes as
 * `2026-11-28 21:41:16.446000` (local time), durations as `0 days 00:00:00.006000`,
 * NaN and missing cells empty, infinities `inf`/`-inf`, nested values as JSON.
 */
export function rowsToCsv(table: { columns: readonly string[]; rows: readonly TrialRow[] }): string {
  const lines = [table.columns.map(csvField).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((column) => csvCell(column, row[column])).join(','));
  return `${lines.join('\n')}\n`;
}

/**
 * JSON array of the rows: datetimes as ISO-8601 strings, durations in seconds,
 * non-finite numbers as the strings `"NaN"`, `"Infinity"`, `"-Infinity"` (plain JSON
 * has no token for them), missing cells `null`.
 */
export function rowsToJson(table: { columns: readonly string[]; rows: readonly TrialRow[] }): string {
  return JSON.stringify(
    table.rows.map((row) => Object.fromEntries(table.columns.map((column) => [column, row[column] ?? null]))),
    (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value),
  );
}
