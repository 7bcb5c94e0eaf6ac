import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        extends: './vite.config.ts',
        test: {
          name: 'components',
          include: ['test/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['./test/support/setup-dom.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/*.test.ts'],
          environment: 'node',
          globalSetup: ['./test/e2e/support/build-web-app.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
