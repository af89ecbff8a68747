import { defineConfig } from '@playwright/test'
import { oidcTestPort, ssoClient } from './e2e/oidc/accounts'
import { findChromium, installHint } from './scripts/find-chromium'

// e2e runs against the production build (`next build` first — scripts/test.sh does it) and the real
// worker, in CHROMIUM_PATH, else Debian's Chromium, else the one `npx playwright install chromium` put
// in place. Without any, stop here with one line rather than fail every test on a missing executable.
const executablePath = findChromium()
if (!executablePath) throw new Error(installHint)
// localhost, not 127.0.0.1: Auth.js rejects sign-in with MissingCSRF when the host differs from AUTH_URL.
const port = Number(process.env.E2E_PORT ?? 3200)
const baseURL = `http://localhost:${port}`

// The SSO spec's OpenID provider (e2e/oidc/serve-test-provider.ts) listens here; the app is pointed at it
// for the whole run, so every spec sees the login page with single sign-on configured.
const oidcPort = oidcTestPort()

// The servers inherit process.env (DATABASE_URL, REDIS_URL, AUTH_SECRET … exported by scripts/test.sh).
const serverEnv = {
  ...(process.env as Record<string, string>),
  AUTH_URL: process.env.AUTH_URL ?? baseURL,
  PORT: String(port),
  E2E_OIDC_PORT: String(oidcPort),
  AUTH_OIDC_ISSUER: `http://localhost:${oidcPort}`,
  AUTH_OIDC_CLIENT_ID: ssoClient.id,
  AUTH_OIDC_CLIENT_SECRET: ssoClient.secret,
  AUTH_OIDC_NAME: 'E2E OpenID',
  AUTH_OIDC_SCOPE: 'openid email profile',
  AUTH_OIDC_ALLOW_UNVERIFIED_EMAIL: '0',
}

export default defineConfig({
  testDir: './e2e',
  outputDir: 'test-results',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: [
    ['list'],
    // scripts/test.sh names a file per run and reads it for the suite's summary line.
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? 'test-results/playwright.json' }],
  ],
  use: {
    baseURL,
    browserName: 'chromium',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      // First: the app reads the provider's discovery document on each SSO sign-in.
      name: 'oidc',
      command: 'npx tsx e2e/oidc/serve-test-provider.ts',
      url: `http://localhost:${oidcPort}/.well-known/openid-configuration`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 60_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      name: 'web',
      // node, not npx: killing an npx wrapper can leave the server running.
      command: `node node_modules/next/dist/bin/next start -p ${port}`,
      url: `${baseURL}/login`,
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 90_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      name: 'worker',
      command: 'npx tsx workers/index.ts',
      wait: { stdout: /worker ready/ },
      env: serverEnv,
      reuseExistingServer: false,
      timeout: 60_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
  ],
})
