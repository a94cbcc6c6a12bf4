import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from './config/load-config.js';
import { tempDir } from './test-support/temp-dir.js';
import { runCli } from './test-support/run-cli.js';

const commands = ['init', 'schema', 'slurm', 'run', 'worker', 'status', 'report', 'export'];

describe('hyperopt command', () => {
  it('prints help with the exit codes, and the version', async () => {
    const dir = tempDir();
    const help = await runCli(['--help'], { cwd: dir });
    expect(help.code).toBe(0);
    for (const command of commands) expect(help.stdout).toContain(command);
    expect(help.stdout).toContain('3  interrupted');
    const version = await runCli(['--version'], { cwd: dir });
    expect(version).toMatchObject({ code: 0 });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('has --help on every command', async () => {
    const dir = tempDir();
    for (const command of commands) {
      const result = await runCli([command, '--help'], { cwd: dir });
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toContain(`Usage: hyperopt ${command}`);
    }
  });

  it('exits 2 on an unknown command, a bad flag value and a missing config', async () => {
    const dir = tempDir();
    expect((await runCli(['frobnicate'], { cwd: dir })).code).toBe(2);
    const bad = await runCli(['slurm', 'x.yaml', '--ntasks', 'zero'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected a positive integer for `--ntasks`, got "zero"');
    const missing = await runCli(['slurm', 'missing.yaml'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing.yaml');
  });

  it('init writes the commented starter config, refuses to overwrite, and it validates', async () => {
    const dir = tempDir();
    expect((await runCli(['init'], { cwd: dir })).code).toBe(0);
    const text = readFileSync(join(dir, 'hyperopt.yaml'), 'utf8');
    expect(text).toContain('# ');
    expect(() => parseConfigText(text, 'init')).not.toThrow();
    const again = await runCli(['init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
  });

  it('schema prints the JSON Schema', async () => {
    const result = await runCli(['schema'], { cwd: tempDir() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' });
  });

  it('exits 2 naming the field for an invalid config', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), 'searchSpace:\n  parsimony: { type: float, low: -1, high: 1, log: true }\n');
    const result = await runCli(['slurm', 'bad.yaml'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`searchSpace.parsimony.low`');
    expect(result.stderr).toContain('got -1');
  });

  it('slurm writes an executable sbatch script with the requested resources', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'sweep.yaml'), 'study: { name: demo }\nsearchSpace:\n  a: { type: float, low: 0, high: 1 }\nexecution: { sweepDir: out }\n');
    const result = await runCli(['slurm', 'sweep.yaml', '-n', '6', '-N', '2', '-t', '02:00:00', '-p', 'gpu', '-A', 'proj1', '--warning-seconds', '120', '--sbatch', '--mem=4G'], { cwd: dir });
    expect(result.code).toBe(0);
    const path = join(dir, 'sweep.sbatch');
    expect(statSync(path).mode & 0o111).not.toBe(0);
    const script = readFileSync(path, 'utf8');
    for (const line of ['#SBATCH --ntasks=6', '#SBATCH --nodes=2', '#SBATCH --time=02:00:00', '#SBATCH --partition=gpu', '#SBATCH --account=proj1', '#SBATCH --requeue', '#SBATCH --open-mode=append', '#SBATCH --signal=B:USR1@120', '#SBATCH --mem=4G', '#SBATCH --job-name=hyperopt-demo']) {
      expect(script).toContain(line);
    }
    expect(script).toContain(`#SBATCH --output=${join(dir, 'out')}/slurm-%j.out`);
    expect(script).toContain(`SWEEP_ARGS=(run ${join(dir, 'sweep.yaml')})`);
    expect(script).toContain('HYPEROPT=(/usr/bin/node /opt/hyperopt/bin.js)');
    const worker = await runCli(['slurm', 'sweep.yaml', '--worker-only', '-o', '-', '--time', '30'], { cwd: dir });
    expect(worker.stdout).toContain(`SWEEP_ARGS=(worker ${join(dir, 'out')})`);
    const badTime = await runCli(['slurm', 'sweep.yaml', '--time', 'soon'], { cwd: dir });
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('"soon"');
  });
});
