import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn the compiled CLI; `npm test` builds it first.
    testTimeout: 60_000,
  },
});
