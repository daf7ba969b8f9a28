import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // Node resolves `graphql` to its CommonJS build; make Vite do the same, so that every module
    // (Pothos, graphql-scalars, graphql-ws) shares one instance of it.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts', 'plugins/**/*.test.ts'],
    // The gateway serves the web dashboard from dist/web: built here when missing or stale.
    globalSetup: ['test/support/build-dashboard.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default'],
  },
})
