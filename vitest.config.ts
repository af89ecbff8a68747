import { defineConfig } from 'vitest/config'
import path from 'node:path'

// unit: pure code, tests beside it (lib/**/x.test.ts, components/**/x.test.ts for the UI's pure helpers),
// and checks of the repository itself (test/repo/).
// sdk: the TypeScript SDK in sdk/ (its own package; the real openai and @anthropic-ai/sdk clients).
// integration: real PostgreSQL and Redis (test/integration/**); each test makes its own team with random ids.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'workers/**/*.test.ts', 'test/repo/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: { name: 'sdk', include: ['sdk/test/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          setupFiles: ['test/integration/setup-env.ts'],
          // Bundled through Vite (not loaded by Node as-is) so a test can stand in for next/headers under
          // Auth.js's real auth() and reach route handlers with a real session cookie (test/access/).
          server: { deps: { inline: ['next-auth'] } },
        },
      },
    ],
  },
})
