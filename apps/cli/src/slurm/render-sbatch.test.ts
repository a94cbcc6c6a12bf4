import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir.js';
import { renderSbatch, shellQuote } from './render-sbatch.js';
import { sbatchTemplate } from './sbatch-template.js';

const options = {
  target: "/data/my sweep/it's.yaml",
  mode: 'run' as const,
  jobName: 'hyperopt-demo',
  ntasks: 4,
  cpusPerTask: 2,
  time: '01:00:00',
  output: '/data/slurm-%j.out',
  warningSeconds: 300,
  autoRequeue: true,
  hyperoptCommand: ['/usr/bin/node', '--conditions=source', '/srv/hyperopt/bin.js'],
  extraSbatch: [],
  scriptName: 'demo.sbatch',
};

describe('sbatch template', () => {
  it('is the same text as slurm/hyperopt.sbatch.template', () => {
    const file = readFileSync(new URL('../../../../slurm/hyperopt.sbatch.template', import.meta.url), 'utf8');
    expect(sbatchTemplate).toBe(file);
  });

  it('renders a script bash accepts, with every placeholder filled and odd paths quoted', () => {
    const script = renderSbatch(options);
    expect(script).not.toMatch(/\{\{/);
    const path = join(tempDir(), 'demo.sbatch');
    writeFileSync(path, script);
    execFileSync('bash', ['-n', path]);
    expect(script).toContain(`SWEEP_ARGS=(run '/data/my sweep/it'\\''s.yaml')`);
  });

  it('quotes shell words', () => {
    expect(shellQuote('/plain/path-1.2')).toBe('/plain/path-1.2');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('rejects values that would break the script', () => {
    expect(() => renderSbatch({ ...options, partition: 'a b' })).toThrow(/`--partition`, got "a b"/);
    expect(() => renderSbatch({ ...options, extraSbatch: ['--mem=1G\nrm -rf /'] })).toThrow(/--sbatch/);
  });
});
