import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

// The browser the e2e tests drive, first that exists: CHROMIUM_PATH, the system's Chromium (Debian's
// package; SYSTEM_CHROMIUM_PATH moves it, so a test can pretend there is none), then the one
// `npx playwright install chromium` put in Playwright's cache (PLAYWRIGHT_BROWSERS_PATH moves that).
// Run as a script (scripts/test.sh, before the e2e phase) it prints the path, or one line saying how to
// install a browser and exits 1 — so a machine without one fails the phase once, not once per test.

export const installHint =
  'no Chromium for the e2e tests: install one (Debian: `apt-get install chromium`, else `npx playwright install --with-deps chromium`) or set CHROMIUM_PATH'

function playwrightChromium(): string {
  try {
    return chromium.executablePath()
  } catch {
    return ''
  }
}

type BrowserEnv = Record<string, string | undefined>

export function findChromium(env: BrowserEnv = process.env, playwrightOwn: () => string = playwrightChromium): string | null {
  const candidates = [env.CHROMIUM_PATH, env.SYSTEM_CHROMIUM_PATH ?? '/usr/bin/chromium', playwrightOwn()]
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null
}

if (require.main === module) {
  const found = findChromium()
  console.log(found ?? installHint)
  process.exit(found ? 0 : 1)
}
