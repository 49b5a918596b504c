import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20000,
    // A beforeAll that renders a page takes a second on a quiet machine and much more on a loaded one.
    hookTimeout: 60000,
    pool: 'forks',
  },
});
