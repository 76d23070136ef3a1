import { defineConfig } from 'vitest/config';

// Three projects: pure domain rules, server (unit + both database engines), browser end-to-end.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'domain', include: ['packages/domain/src/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          include: ['packages/server/src/**/*.test.ts', 'packages/server/test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['packages/web/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A page waits on a server that shares two cores with the browser: 1 s (the default) proved too short
          // for a drawer to close after a save on a loaded machine. A poll that must fail still fails, later.
          expect: { poll: { timeout: 8_000 } },
        },
      },
    ],
  },
});
