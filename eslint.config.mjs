import { defineConfig, globalIgnores } from 'eslint/config'
import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // eslint-config-next downgrades these to warnings; `npm run lint` allows no warnings anyway,
      // so say what they are: errors. A leading underscore marks a deliberately unused name.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-unused-expressions': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The app, the domain and the worker log through lib/logger (structured, levelled); command-line
    // entry points (scripts/, bench/, the seed, tests) may print.
    files: ['app/**', 'components/**', 'lib/**', 'workers/**', 'auth.ts', 'proxy.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-console': ['error', { allow: ['warn', 'error'] }] },
  },
  {
    // Import boundaries (ARCHITECTURE: app → lib/<area> → database). The domain is framework-free and
    // knows nothing of pages; API routes answer JSON and render no components.
    files: ['**/*.{ts,tsx}'],
    rules: {
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './lib', from: './app', message: 'lib/ is the domain: it may not import from app/.' },
            { target: './lib', from: './components', message: 'lib/ is the domain: it may not import from components/.' },
            { target: './app/api', from: './components', message: 'API routes render nothing: move what they need into lib/.' },
            { target: './sdk', from: ['./app', './lib', './components'], message: 'the SDK is its own package: it talks to the app over the public API only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['next', 'next/*'], message: 'lib/ is framework-free: keep next/* in app/.' }] }],
      // A cycle between modules (and so between lib/ areas) means two areas that cannot be read apart.
      'import/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // The drills point DATABASE_URL / REDIS_URL at their own servers before they load any app code, so app
    // code comes only through scripts/drills/lib.ts, imported dynamically (a static import would connect to
    // the caller's database). Types are fine: they are erased.
    files: ['scripts/drills/**/*.ts'],
    ignores: ['scripts/drills/lib.ts', 'scripts/drills/shared-limits-drill.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/lib/*', '**/lib/*', '!./lib'], allowTypeImports: true, message: 'drills load app code through ./lib, dynamically, once their environment is set.' }] },
      ],
    },
  },
  {
    files: ['*.config.{js,mjs,ts}'],
    rules: { 'import/no-anonymous-default-export': 'off' },
  },
  globalIgnores([
    '.next/**',
    '.next-*/**',
    'node_modules/**',
    'test-results/**',
    'playwright-report/**',
    'coverage/**',
    '.run/**',
    'sdk/dist/**',
    'next-env.d.ts',
  ]),
])
