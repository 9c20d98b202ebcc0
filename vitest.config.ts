import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{app,server,db,scripts,bench}/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.{ts,tsx}'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
