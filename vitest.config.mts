import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Three projects: main-process and contract code (and the vignette regression set, which runs headless
// triage) in plain Node, renderer components in jsdom, and
// integration suites that start real servers on loopback.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit-node',
          environment: 'node',
          include: ['src-main/**/*.test.ts', 'src-preload/**/*.test.ts', 'tests/vignettes/**/*.test.ts'],
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'unit-renderer',
          environment: 'jsdom',
          include: ['src-renderer/src/**/*.test.{ts,tsx}'],
          setupFiles: ['src-renderer/src/test/setup.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
