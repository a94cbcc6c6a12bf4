import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { CliError } from '../errors.js';
import { sweepConfigSchema, type SweepConfig } from './sweep-config-schema.js';

/** A validated config and where it came from. */
export interface LoadedConfig {
  readonly config: SweepConfig;
  /** Absolute path of the config file (undefined for embedded configs). */
  readonly path: string | undefined;
  /** Absolute sweep directory (relative `execution.sweepDir` resolved against the config file's folder). */
  readonly sweepDir: string;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The value a refinement complained about: the named field of the object it received. */
function fieldValue(issue: z.core.$ZodIssue): unknown {
  const input = (issue as { input?: unknown }).input;
  const last = issue.path.at(-1);
  if (issue.code === 'custom' && typeof input === 'object' && input !== null && !Array.isArray(input) && last !== undefined && String(last) in input) {
    return (input as Record<string, unknown>)[String(last)];
  }
  return input;
}

/** One readable line per zod issue: the field's dotted path, what was expected, the value received. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const field = issue.path.length === 0 ? '(top level)' : issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part))).join('.').replace(/\.\[/g, '[');
    const received = 'input' in issue ? `, got ${show(fieldValue(issue))}` : '';
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown field(s) ${issue.keys.map((k) => `\`${k}\``).join(', ')}`;
    if (issue.code === 'invalid_union' && 'errors' in issue) message = 'expected one of the allowed forms';
    return `\`${field}\`: ${message}${issue.code === 'unrecognized_keys' ? '' : received}`;
  });
}

/** Validates an already parsed config object; throws CLI_CONFIG_INVALID naming every bad field. */
export function validateConfig(raw: unknown, source: string): SweepConfig {
  const parsed = sweepConfigSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const lines = formatIssues(parsed.error.issues);
    throw new CliError('CLI_CONFIG_INVALID', `invalid sweep config ${source}:\n  ${lines.join('\n  ')}`, { cause: parsed.error });
  }
  return parsed.data;
}

/** Parses YAML or JSON text (YAML is a superset of JSON) and validates it. */
export function parseConfigText(text: string, source: string): SweepConfig {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    throw new CliError('CLI_CONFIG_SYNTAX', `cannot parse sweep config ${source}: ${first?.message ?? 'syntax error'}`, { cause: first });
  }
  return validateConfig(doc.toJS({ maxAliasCount: 100 }) ?? {}, source);
}

/** Reads, parses and validates a sweep config file. */
export async function loadConfig(path: string, cwd: string = process.cwd()): Promise<LoadedConfig> {
  const absolute = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new CliError('CLI_CONFIG_NOT_FOUND', `cannot read sweep config \`${path}\` (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  const parsed = parseConfigText(text, `\`${path}\``);
  const baseDir = dirname(absolute);
  // paths inside the config are relative to the config file; workers read the recorded copy, so make them absolute
  const suite = parsed.benchmark.suite === 'feynman' || isAbsolute(parsed.benchmark.suite) ? parsed.benchmark.suite : resolve(baseDir, parsed.benchmark.suite);
  const sweepDir = resolveSweepDir(parsed, baseDir);
  const config = { ...parsed, benchmark: { ...parsed.benchmark, suite }, execution: { ...parsed.execution, sweepDir } };
  return { config, path: absolute, sweepDir };
}

/** The sweep directory as an absolute path. */
export function resolveSweepDir(config: SweepConfig, baseDir: string): string {
  return isAbsolute(config.execution.sweepDir) ? config.execution.sweepDir : resolve(baseDir, config.execution.sweepDir);
}
