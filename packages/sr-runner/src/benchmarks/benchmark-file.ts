import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { z } from 'zod';
import { benchmarkFileSchema, datasetEntrySchema, formulaEquationSchema, type Benchmark, type BenchmarkEquation, type DatasetRows } from './benchmark.js';
import { validateBenchmark } from './validate.js';
import { SrRunnerError } from '../errors.js';

/**
 * Loads a benchmark from a file and validates it.
 *
 * - `*.json`: `{ "name"?, "equations": [...] }` where each entry is a formula
 *   (`{ "id", "formula", "variables": [{ "name", "low", "high" }] }`) or a CSV dataset
 *   (`{ "kind": "dataset", "id", "csv", "testCsv"?, "testFraction"?, "target"?, "formula"? }`,
 *   paths relative to the JSON file).
 * - `*.csv`: one dataset named after the file; the last column is the target and the
 *   last 25% of rows are the test set.
 *
 * @example
 * const benchmark = await loadBenchmarkFile('bench/my-equations.json');
 */
export async function loadBenchmarkFile(path: string): Promise<Benchmark> {
  const absolute = resolve(path);
  if (extname(absolute).toLowerCase() === '.csv') {
    const id = basename(absolute, extname(absolute));
    const equation = await loadDataset(datasetEntrySchema.parse({ kind: 'dataset', id, csv: absolute }), dirname(absolute), absolute);
    return validateBenchmark({ name: id, equations: [equation] });
  }
  const text = await readText(absolute);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw invalid(`benchmark file ${absolute} is not valid JSON`, cause);
  }
  const parsed = benchmarkFileSchema.safeParse(json);
  if (!parsed.success) throw invalid(`benchmark file ${absolute} is invalid: ${z.prettifyError(parsed.error)}`, parsed.error);
  const equations: BenchmarkEquation[] = [];
  for (const [index, raw] of parsed.data.equations.entries()) {
    const label = `benchmark file ${absolute}, equations[${index}]${typeof raw['id'] === 'string' ? ` (\`${raw['id']}\`)` : ''}`;
    if (raw['kind'] === 'dataset') {
      const entry = datasetEntrySchema.safeParse(raw);
      if (!entry.success) throw invalid(`${label} is invalid: ${z.prettifyError(entry.error)}`, entry.error);
      equations.push(await loadDataset(entry.data, dirname(absolute), absolute));
    } else {
      const entry = formulaEquationSchema.safeParse(raw);
      if (!entry.success) throw invalid(`${label} is invalid: ${z.prettifyError(entry.error)}`, entry.error);
      equations.push(entry.data);
    }
  }
  return validateBenchmark({ name: parsed.data.name ?? basename(absolute, extname(absolute)), equations });
}

async function loadDataset(entry: z.infer<typeof datasetEntrySchema>, base: string, file: string): Promise<BenchmarkEquation> {
  const where = `${file}, equation \`${entry.id}\``;
  const trainPath = resolve(base, entry.csv);
  const trainText = await readText(trainPath);
  const table = parseCsv(trainText, `${where} (${trainPath})`);
  const target = entry.target ?? table.header[table.header.length - 1] ?? '';
  if (!table.header.includes(target)) throw invalid(`${where}: target column \`${target}\` is not in ${trainPath} (columns: ${table.header.join(', ')})`);
  const features = table.header.filter((name) => name !== target);
  const hash = createHash('sha256').update(trainText);
  let train: DatasetRows;
  let test: DatasetRows;
  if (entry.testCsv !== undefined) {
    const testPath = resolve(base, entry.testCsv);
    const testText = await readText(testPath);
    hash.update('\0').update(testText);
    const testTable = parseCsv(testText, `${where} (${testPath})`);
    if (testTable.header.join(',') !== table.header.join(',')) {
      throw invalid(`${where}: ${testPath} has columns ${testTable.header.join(', ')}, expected ${table.header.join(', ')}`);
    }
    train = toRows(table, features, target, 0, table.rows.length);
    test = toRows(testTable, features, target, 0, testTable.rows.length);
  } else {
    const cut = Math.round(table.rows.length * (1 - entry.testFraction));
    if (cut < 1 || cut >= table.rows.length) {
      throw invalid(`${where}: ${table.rows.length} rows cannot be split with testFraction ${entry.testFraction}`);
    }
    hash.update(`\0split:${entry.testFraction}`);
    train = toRows(table, features, target, 0, cut);
    test = toRows(table, features, target, cut, table.rows.length);
  }
  return {
    kind: 'dataset',
    id: entry.id,
    features,
    target,
    train,
    test,
    ...(entry.formula !== undefined ? { formula: entry.formula } : {}),
    contentSha256: hash.digest('hex'),
  };
}

interface CsvTable {
  header: string[];
  rows: number[][];
}

/** Parses a numeric CSV with a header row; every cell must be a finite number. */
export function parseCsv(text: string, where: string): CsvTable {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const headerLine = lines[0];
  if (headerLine === undefined) throw invalid(`${where}: the CSV is empty`);
  const header = headerLine.split(',').map((cell) => cell.trim());
  const duplicate = header.find((name, index) => header.indexOf(name) !== index);
  if (duplicate !== undefined) throw invalid(`${where}: duplicate column \`${duplicate}\``);
  const rows = lines.slice(1).map((line, index) => {
    const cells = line.split(',');
    if (cells.length !== header.length) {
      throw invalid(`${where}: row ${index + 2} has ${cells.length} cells, the header has ${header.length}`);
    }
    return cells.map((cell, column) => {
      const value = Number(cell.trim());
      if (cell.trim() === '' || !Number.isFinite(value)) {
        throw invalid(`${where}: row ${index + 2}, column \`${header[column]}\`: expected a finite number, got \`${cell.trim()}\``);
      }
      return value;
    });
  });
  if (rows.length === 0) throw invalid(`${where}: the CSV has a header but no rows`);
  return { header, rows };
}

function toRows(table: CsvTable, features: readonly string[], target: string, from: number, to: number): DatasetRows {
  const slice = table.rows.slice(from, to);
  const column = (name: string) => {
    const index = table.header.indexOf(name);
    return slice.map((row) => row[index] ?? NaN);
  };
  return { X: Object.fromEntries(features.map((name) => [name, column(name)])), y: column(target) };
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw invalid(`cannot read benchmark file ${path}`, cause);
  }
}

function invalid(message: string, cause?: unknown): SrRunnerError {
  return new SrRunnerError('SR_RUNNER_INVALID_BENCHMARK', message, { cause });
}
