import { defaultClientConditions, defaultServerConditions } from 'vite';
import { readdirSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

/**
 * Shared vitest settings for every package: tests run from TypeScript sources
 * through the `source` export condition, so no build is needed first.
 *
 * Tests in `*.slow.test.ts` files (real multi-process runs, long searches) form the
 * `<name>:slow` project; everything else is `<name>`. `pnpm test:fast` skips the slow ones.
 */
export function packageProjects(root: string, extra: UserWorkspaceConfig['test'] = {}) {
  const name = basename(root);
  const resolve = { conditions: ['source', ...defaultClientConditions] };
  const ssr = { resolve: { conditions: ['source', ...defaultServerConditions], externalConditions: ['source'] } };
  const common = { resolve, ssr };
  return [
    defineProject({
      ...common,
      root,
      test: {
        name,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts'],
        exclude: ['**/*.slow.test.ts', '**/node_modules/**', '**/dist/**'],
        testTimeout: 20_000,
        hookTimeout: 20_000,
        ...extra,
      },
    }),
    defineProject({
      ...common,
      root,
      test: {
        name: `${name}:slow`,
        include: ['src/**/*.slow.test.ts', 'test/**/*.slow.test.ts', 'examples/**/*.slow.test.ts'],
        exclude: ['**/node_modules/**', '**/dist/**'],
        testTimeout: 120_000,
        hookTimeout: 60_000,
        ...extra,
      },
    }),
  ];
}

/** Every package and app of the workspace, as vitest projects (used by the root config). */
export function workspaceProjects(workspaceRoot: string) {
  return ['packages', 'apps'].flatMap((group) => {
    const dir = join(workspaceRoot, group);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((entry) => existsSync(join(dir, entry, 'package.json')))
      .flatMap((entry) => packageProjects(join(dir, entry)));
  });
}
