import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** A build output directory inside the package (so `zod` resolves), removed after the test. */
function tempBuildDir(): string {
  const dir = mkdtempSync(join(packageDir, '.dist-test-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('built package', () => {
  it('fits with worker threads from the compiled JavaScript (plain node, no tsx)', () => {
    const out = tempBuildDir();
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', join(packageDir, 'tsconfig.build.json'), '--outDir', out], { stdio: 'pipe' });
    const entry = pathToFileURL(join(out, 'index.js')).href;
    const script = `
      import { SymbolicRegressor, parseExpression, evaluateExpression } from ${JSON.stringify(entry)};
      const n = 200;
      const a = Float64Array.from({ length: n }, (_, i) => 1 + (i % 17) / 4);
      const b = Float64Array.from({ length: n }, (_, i) => 1 + (i % 13) / 3);
      const y = evaluateExpression(parseExpression('3*a + b'), { a, b });
      const model = new SymbolicRegressor({ procs: 2, populations: 4, populationSize: 20, ncyclesPerIteration: 30, niterations: 3 });
      const threaded = await model.fit([a, b], y, { variableNames: ['a', 'b'], seed: 5 });
      await model.close();
      const inline = await new SymbolicRegressor({ procs: 0, populations: 4, populationSize: 20, ncyclesPerIteration: 30, niterations: 3 })
        .fit([a, b], y, { variableNames: ['a', 'b'], seed: 5 });
      console.log(JSON.stringify({ threaded: threaded.paretoFront, inline: inline.paretoFront, iterations: threaded.iterations }));
    `;
    const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 100_000 });
    const result = JSON.parse(stdout.trim().split('\n').pop() as string) as { threaded: unknown[]; inline: unknown[]; iterations: number };
    expect(result.iterations).toBe(3);
    expect(result.threaded.length).toBeGreaterThan(0);
    expect(result.threaded).toEqual(result.inline);
  });
});
