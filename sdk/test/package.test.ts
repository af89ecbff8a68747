import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'

// The package as another project gets it: `npm install <path>/sdk`, then import it from ESM and
// type-check against its declarations, without the app or this repo's tsconfig.
const sdkDir = fileURLToPath(new URL('..', import.meta.url))
const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url))
let consumer: string

beforeAll(() => {
  // scripts/test.sh builds dist/ first; a run of this file alone builds it here.
  if (!existsSync(join(sdkDir, 'dist/index.js'))) execFileSync(process.execPath, [tsc, '-p', join(sdkDir, 'tsconfig.json')])
  consumer = mkdtempSync(join(tmpdir(), 'modelledger-sdk-consumer-'))
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', sdkDir], { cwd: consumer, stdio: 'pipe' })
}, 120_000)
afterAll(() => {
  if (consumer) rmSync(consumer, { recursive: true, force: true })
})

it('installs from its folder and imports as ESM', () => {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', "const m = await import('@modelledger/sdk'); console.log(Object.keys(m).sort().join(','))"], { cwd: consumer }).toString()
  expect(out.trim()).toBe('ModelLedger,SDK_VERSION,wrapAnthropic,wrapOpenAI')
})

it('type-checks a consumer against its declarations', () => {
  writeFileSync(
    join(consumer, 'use.ts'),
    `import { ModelLedger, wrapOpenAI, type UsageEvent } from '@modelledger/sdk'
const ledger = new ModelLedger({ apiKey: 'ml_x', baseUrl: 'http://localhost:3000' })
const e: UsageEvent = { model: 'gpt-4o', inputTokens: 1, task: 'chat', dataClass: 'internal' }
ledger.record(e)
const client = wrapOpenAI({ chat: { completions: { create: async () => ({}) } } }, ledger, { tags: { feature: 'x' } })
void client
// @ts-expect-error task must be one of the ledger's task types
ledger.record({ model: 'gpt-4o', task: 'poetry' })
`,
  )
  writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, lib: ['ES2022', 'DOM'], types: [] }, files: ['use.ts'] }))
  const run = () => execFileSync(process.execPath, [tsc, '-p', consumer], { cwd: consumer, stdio: 'pipe' })
  expect(run).not.toThrow()
}, 60_000)
