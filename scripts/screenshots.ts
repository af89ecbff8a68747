// Takes the README's screenshots of the built app with the demo data (see README "Screenshots").
// Run against `next start` + the worker on SCREENSHOT_BASE_URL (default http://localhost:$E2E_PORT),
// after `npx tsx prisma/seed.ts --demo`. Writes docs/screenshots/<page>-<width>.png.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'
import type { Role } from '@prisma/client'
import { loginAs } from '../e2e/helpers/login'
import { findChromium, installHint } from './find-chromium'

const baseURL = process.env.SCREENSHOT_BASE_URL ?? `http://localhost:${process.env.E2E_PORT ?? 3200}`
const outDir = path.join(process.cwd(), 'docs', 'screenshots')
const widths = [1440, 390] as const
// Full-page shots of the long pages would run past 10k px; the top 4000 px show what each page is.
const maxHeight = 4000

const shots: readonly { name: string; path: string; role: Role }[] = [
  { name: 'spend', path: '/spend', role: 'finance' },
  { name: 'advice', path: '/advice', role: 'finance' },
  { name: 'team-search', path: '/teams/search', role: 'team_lead' },
  { name: 'reports', path: '/reports', role: 'finance' },
  { name: 'lineage', path: '/lineage', role: 'finance' },
  { name: 'decision-tree', path: '/decision-tree', role: 'finance' },
]

async function shoot(page: Page, file: string): Promise<void> {
  await page.waitForLoadState('networkidle')
  // Let the charts finish their entry animation.
  await page.waitForTimeout(1500)
  const width = page.viewportSize()!.width
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  await page.screenshot({
    path: file,
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, maxHeight) },
  })
  console.log(`${path.relative(process.cwd(), file)} (${width}×${Math.min(height, maxHeight)}, page ${height} px)`)
}

async function shootAs(browser: Browser, role: Role, width: number): Promise<void> {
  const context = await browser.newContext({ baseURL, viewport: { width, height: 900 }, deviceScaleFactor: 1 })
  const page = await context.newPage()
  await loginAs(page, role)
  for (const shot of shots.filter((s) => s.role === role)) {
    await page.goto(shot.path)
    await shoot(page, path.join(outDir, `${shot.name}-${width}.png`))
  }
  await context.close()
}

async function main(): Promise<void> {
  const executablePath = findChromium()
  if (!executablePath) throw new Error(installHint)
  mkdirSync(outDir, { recursive: true })
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  })
  try {
    for (const width of widths) {
      for (const role of [...new Set(shots.map((s) => s.role))]) await shootAs(browser, role, width)
    }
  } finally {
    await browser.close()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
