import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` runs in this process against the sources (the CLI through main(), servers
 * on loopback); `e2e` runs the built bin/omnibot.js as a child process, so `npm test` builds first;
 * `browser` drives pages omnibot serves or writes in headless Chromium.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    restoreMocks: true,
    clearMocks: true,
    // Tests start real servers on loopback; two cores are shared with them.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
      // Headless Chromium (test/helpers/browser.ts); skipped with one line when there is none.
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
        },
      },
    ],
  },
});
