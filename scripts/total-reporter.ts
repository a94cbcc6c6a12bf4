import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the plain total over every project as the very last line of a run:
 * `N passed, N failed, N skipped`. A test file that fails to load (syntax error,
 * failing import) counts as one failed test, so it can never be silently lost.
 */
export default class TotalReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      let moduleFailed = 0;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') moduleFailed++;
        else skipped++;
      }
      if (moduleFailed === 0 && mod.state() === 'failed') moduleFailed = 1;
      failed += moduleFailed;
    }
    failed += unhandledErrors.length;
    // Let the default reporter's summary flush first, then print ours alone on its line.
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
