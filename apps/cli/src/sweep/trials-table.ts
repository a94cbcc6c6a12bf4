import type { FrozenTrial } from '@hyperopt/objective';

/** A cell of the trials table. */
export type Cell = string | number | boolean | null;

/**
 * Rows like Optuna's `trials_dataframe()`: number, value (or values_0…), datetime_start,
 * datetime_complete, duration (seconds), params_<name>, user_attrs_<name> (objects as
 * JSON text), state.
 */
export function trialsTable(trials: readonly FrozenTrial[], objectives: number): { columns: string[]; rows: Record<string, Cell>[] } {
  const paramNames = [...new Set(trials.flatMap((t) => Object.keys(t.params)))].sort();
  const attrNames = [...new Set(trials.flatMap((t) => Object.keys(t.userAttrs)))].sort();
  const valueColumns = objectives === 1 ? ['value'] : Array.from({ length: objectives }, (_, i) => `values_${i}`);
  const columns = ['number', ...valueColumns, 'datetime_start', 'datetime_complete', 'duration', ...paramNames.map((p) => `params_${p}`), ...attrNames.map((a) => `user_attrs_${a}`), 'state'];
  const rows = trials.map((t) => {
    const row: Record<string, Cell> = { number: t.number };
    valueColumns.forEach((column, i) => {
      row[column] = t.values?.[i] ?? null;
    });
    row.datetime_start = t.datetimeStart?.toISOString() ?? null;
    row.datetime_complete = t.datetimeComplete?.toISOString() ?? null;
    row.duration = t.datetimeStart !== undefined && t.datetimeComplete !== undefined ? (t.datetimeComplete.getTime() - t.datetimeStart.getTime()) / 1000 : null;
    for (const p of paramNames) row[`params_${p}`] = t.params[p] ?? null;
    for (const a of attrNames) {
      const v = t.userAttrs[a];
      row[`user_attrs_${a}`] = v === undefined ? null : typeof v === 'object' && v !== null ? JSON.stringify(v) : v;
    }
    row.state = t.state;
    return row;
  });
  return { columns, rows };
}

function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' && !Number.isFinite(value) ? (Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf') : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV (RFC 4180 quoting). */
export function toCsv(table: { columns: string[]; rows: Record<string, Cell>[] }): string {
  return [table.columns.join(','), ...table.rows.map((row) => table.columns.map((c) => csvCell(row[c] ?? null)).join(','))].join('\n') + '\n';
}
