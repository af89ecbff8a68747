import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runToEnd } from '../../bench/core/children'

// The drills run the production build. `npm test` passes the dist dir it has just built; on its own,
// `npm run drills` builds into .next-drills once (the production build minus the type check, as the
// benchmark does) and reuses it afterwards (--rebuild to force a new one).

export function hasBuild(distDir: string): boolean {
  return existsSync(join(distDir, 'BUILD_ID'))
}

/**
 * `next build` into a non-default distDir may point tsconfig.json and next-env.d.ts at it. Both are
 * shared with everyone's type checks: put them back, but only when that is the sole change.
 */
function guardSharedFiles(distDir: string, log: (s: string) => void): () => void {
  const saved = ['tsconfig.json', 'next-env.d.ts'].map((f) => ({
    f,
    text: existsSync(f) ? readFileSync(f, 'utf8') : null,
    mtime: existsSync(f) ? statSync(f).mtime : null,
  }))
  const onlyOurs = (f: string, before: string | null, now: string): boolean => {
    if (f !== 'tsconfig.json') return now.includes(`${distDir}/`) && !(before ?? '').includes(`${distDir}/`)
    try {
      const cur = JSON.parse(now) as { include?: string[] }
      cur.include = cur.include?.filter((p) => !p.includes(distDir))
      return before !== null && JSON.stringify(cur) === JSON.stringify(JSON.parse(before))
    } catch {
      return false
    }
  }
  return () => {
    for (const s of saved) {
      const now = existsSync(s.f) ? readFileSync(s.f, 'utf8') : null
      if (now === null || now === s.text) continue
      if (!onlyOurs(s.f, s.text, now)) {
        log(`WARNING: ${s.f} changed during the build in other ways too; left as it is`)
      } else if (s.text === null) {
        rmSync(s.f, { force: true })
      } else {
        writeFileSync(s.f, s.text)
        utimesSync(s.f, s.mtime!, s.mtime!)
      }
    }
  }
}

export async function buildApp(distDir: string, env: NodeJS.ProcessEnv, log: (s: string) => void): Promise<void> {
  const restore = guardSharedFiles(distDir, log)
  try {
    for (const mode of ['compile', 'generate']) {
      log(`next build (${mode}) into ${distDir}`)
      await runToEnd(`next build (${mode})`, process.execPath, ['node_modules/next/dist/bin/next', 'build', `--experimental-build-mode=${mode}`], {
        env: { ...env, NEXT_DIST_DIR: distDir, NODE_ENV: 'production' },
      })
    }
  } finally {
    restore()
  }
}
