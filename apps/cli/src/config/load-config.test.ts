import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../errors.js';
import { tempDir } from '../test-support/temp-dir.js';
import { sweepConfigJsonSchema } from './json-schema.js';
import { loadConfig, parseConfigText } from './load-config.js';
import { starterConfig } from './starter-config.js';
import { studyDirections } from './sweep-config-schema.js';

function expectInvalid(text: string): CliError {
  try {
    parseConfigText(text, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error('expected the config to be rejected');
}

describe('sweep config', () => {
  it('fills every default from the schema', () => {
    const config = parseConfigText('searchSpace:\n  parsimony: { type: float, low: 0.001, high: 0.1, log: true }\n', 'x');
    expect(config.study.sampler.type).toBe('tpe');
    expect(config.study.pruner.type).toBe('median');
    expect(config.backend.name).toBe('native');
    expect(config.benchmark).toMatchObject({ suite: 'feynman', equations: 'quick', runs: 1 });
    expect(config.objective).toEqual({ metric: 'test_r2', aggregation: 'median-then-mean' });
    expect(studyDirections(config)).toEqual(['maximize']);
    expect(config.searchSpace.parsimony).toEqual({ type: 'float', low: 0.001, high: 0.1, log: true });
  });

  it('names the field and echoes the value received', () => {
    const error = expectInvalid('study:\n  nTrials: -3\nsearchSpace:\n  populations: { type: int, low: 10, high: 2 }\n');
    expect(error.code).toBe('CLI_CONFIG_INVALID');
    expect(error.message).toContain('`study.nTrials`');
    expect(error.message).toContain('got -3');
    expect(error.message).toContain('`searchSpace.populations.low`');
    expect(error.message).toContain('got 10');
  });

  it('rejects a sampler seed outside [0, 2^32), naming it', () => {
    const error = expectInvalid('study:\n  sampler: { type: tpe, seed: 4294967296 }\nsearchSpace:\n  a: { type: float, low: 0, high: 1 }\n');
    expect(error.message).toContain('`study.sampler.seed`');
    expect(error.message).toContain('got 4294967296');
    expect(parseConfigText('study:\n  sampler: { type: tpe, seed: 4294967295 }\nsearchSpace:\n  a: { type: float, low: 0, high: 1 }\n', 'x').study.sampler.seed).toBe(4294967295);
  });

  it('rejects unknown fields, bad enums and baselines outside the search space', () => {
    const error = expectInvalid('backend: { name: julia }\nstudy: { nTrail: 3 }\nsearchSpace:\n  a: { type: float, low: 0, high: 1 }\n');
    expect(error.message).toContain('`backend.name`');
    expect(error.message).toContain('"julia"');
    expect(error.message).toContain('unknown field(s) `nTrail`');
    const baseline = expectInvalid('searchSpace:\n  a: { type: float, low: 0, high: 1 }\nbaselines:\n  - { b: 1 }\n');
    expect(baseline.message).toContain('`baselines[0].b`: baseline parameter `b` is not in `searchSpace`');
    const outside = expectInvalid('searchSpace:\n  a: { type: float, low: 0.1, high: 1, log: true }\n  k: { type: categorical, choices: [x, y] }\nbaselines:\n  - { a: 0, k: z }\n');
    expect(outside.message).toContain('`baselines[0].a`: expected a number in [0.1, 1] (the search space of `a`), got 0');
    expect(outside.message).toContain('`baselines[0].k`: expected one of ["x","y"] (the search space of `k`), got "z"');
  });

  it('reports YAML syntax errors as CLI_CONFIG_SYNTAX', () => {
    const error = expectInvalid('study: [unclosed\n');
    expect(error.code).toBe('CLI_CONFIG_SYNTAX');
  });

  it('reads JSON too and resolves the sweep directory against the config file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'sweep.json'), JSON.stringify({ searchSpace: { a: { type: 'categorical', choices: ['x', 'y'] } }, execution: { sweepDir: 'out' } }));
    const loaded = await loadConfig('sweep.json', dir);
    expect(loaded.sweepDir).toBe(join(dir, 'out'));
    await expect(loadConfig('missing.yaml', dir)).rejects.toMatchObject({ code: 'CLI_CONFIG_NOT_FOUND' });
  });

  it('ships a starter config that validates', () => {
    const config = parseConfigText(starterConfig, 'starter');
    expect(Object.keys(config.searchSpace).length).toBeGreaterThan(2);
    expect(config.baselines).toHaveLength(1);
  });

  it('generates a JSON Schema from the same zod schema', () => {
    const schema = sweepConfigJsonSchema() as { properties: Record<string, { properties?: Record<string, unknown> }>; required?: string[] };
    expect(schema.required).toEqual(['searchSpace']);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['study', 'benchmark', 'backend', 'searchSpace', 'baselines', 'objective', 'execution']));
    expect(schema.properties.study?.properties).toHaveProperty('nTrials');
  });
});
