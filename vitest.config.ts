import { defineConfig } from 'vitest/config';

const shared = {
  globalSetup: ['test/support/global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
};

export default defineConfig({
  test: {
    // A stray it.only must not narrow the run: `npm test` (scripts/test-all.mjs) and CI set CI.
    allowOnly: !process.env.CI,
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { ...shared, name: 'integration', include: ['test/integration/**/*.test.ts'] } },
      // Tests that need the machine to themselves: one file at a time, with a real gc() to measure what stays alive.
      { test: { ...shared, name: 'large', include: ['test/large/**/*.test.ts'], fileParallelism: false, execArgv: ['--expose-gc'], testTimeout: 300_000 } },
      {
        // The renderer's features over a fake transport, in jsdom: no build, no worker, no browser.
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/renderer/setup.ts'],
          testTimeout: 15_000,
        },
      },
    ],
  },
});
