import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    restoreMocks: true,
    clearMocks: true,
    // Tests start real servers on loopback; two cores are shared with them.
    maxWorkers: 2,
  },
});
