import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { findChromium, installHint } from '@/scripts/find-chromium'

const root = path.resolve(__dirname, '../..')
const dir = mkdtempSync(path.join(tmpdir(), 'find-chromium-'))
const browser = path.join(dir, 'chromium')
writeFileSync(browser, '')
const nowhere = path.join(dir, 'missing')

describe('the e2e browser', () => {
  it('is CHROMIUM_PATH, else the system Chromium, else Playwright’s own, the first that exists', () => {
    const other = path.join(dir, 'other')
    writeFileSync(other, '')
    const downloaded = () => other
    expect(findChromium({ CHROMIUM_PATH: browser }, downloaded)).toBe(browser)
    expect(findChromium({ CHROMIUM_PATH: nowhere, SYSTEM_CHROMIUM_PATH: browser }, downloaded)).toBe(browser)
    expect(findChromium({ CHROMIUM_PATH: nowhere, SYSTEM_CHROMIUM_PATH: nowhere }, downloaded)).toBe(other)
    expect(findChromium({ CHROMIUM_PATH: nowhere, SYSTEM_CHROMIUM_PATH: nowhere }, () => nowhere)).toBeNull()
  })

  it('missing, fails the e2e phase once with the line that says how to install one', () => {
    const phases = path.join(dir, 'phases.tsv')
    writeFileSync(phases, `seed\t0\tnone\t\t3\t\ne2e\t-\tnone\t\t\t${installHint}\n`)
    let out = ''
    let code = 0
    try {
      execFileSync(process.execPath, ['scripts/summarize-tests.mjs', phases], { cwd: root, encoding: 'utf8' })
    } catch (err) {
      const e = err as { status: number; stdout: string }
      ;[code, out] = [e.status, e.stdout]
    }
    expect(code).toBe(1)
    expect(out).toContain(`e2e: not run — ${installHint}`)
    expect(out.trim().split('\n').at(-1)).toBe('0 passed, 1 failed')
  })
})
