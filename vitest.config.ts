import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // Node resolves `graphql` to its CommonJS build; make Vite do the same, so that every module
    // (Pothos, graphql-scalars, graphql-ws) shares one instance of it.
    alias: [
      { find: /^graphql$/, replacement: 'graphql/index.js' },
      // The example provider in examples/ imports Hangar by its package name, as it would once
      // installed beside Hangar; inside this repository that name is the repository itself.
      {
        find: /^hangar\/provider-kit$/,
        replacement: fileURLToPath(new URL('./src/provider-kit/index.ts', import.meta.url)),
      },
      {
        find: /^hangar\/provider-kit\/testing$/,
        replacement: fileURLToPath(new URL('./src/provider-kit/testing.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'plugins/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    // The gateway serves the web dashboard from dist/web: built here when missing or stale.
    globalSetup: ['test/support/build-dashboard.ts'],
    // Two files at a time: most of a test's time is spent waiting (on simulators' task timers,
    // guests' SSH, health checks), so a two-core machine runs the suite in far less time.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default'],
  },
})
