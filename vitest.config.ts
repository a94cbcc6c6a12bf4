import { defineConfig } from 'vitest/config';
import { workspaceProjects } from './vitest.shared.ts';

export default defineConfig({
  test: {
    projects: workspaceProjects(import.meta.dirname),
    reporters: ['default', './scripts/total-reporter.ts'],
  },
});
