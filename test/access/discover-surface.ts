import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

// What the app directory actually serves, found the way Next finds it: every page.*, route.* and every
// server action ('use server' modules' exports, and inline 'use server' functions anywhere in app/ or
// components/). Compared with test/access/surface.ts so a new entry point cannot go untested.

export const repoRoot = path.resolve(__dirname, '../..')

function walk(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`
    if (entry.isDirectory()) out.push(...walk(rel))
    else out.push(rel)
  }
  return out
}

const sourceFile = /\.(ts|tsx|js|jsx|mjs)$/
const testFile = /\.(test|spec)\.(ts|tsx|js|jsx)$/

export function discoverPages(): string[] {
  return walk('app')
    .filter((f) => /\/page\.(tsx|ts|jsx|js|mdx)$/.test(f))
    .sort()
}

export function discoverRoutes(): string[] {
  return walk('app')
    .filter((f) => /\/route\.(ts|js)$/.test(f))
    .sort()
}

/** "file#name" for every server action: exported functions of a module that starts with 'use server', and functions whose body starts with it. */
export function discoverActions(): string[] {
  const found: string[] = []
  for (const file of [...walk('app'), ...walk('components'), ...walk('lib')].filter((f) => sourceFile.test(f) && !testFile.test(f))) {
    const text = readFileSync(path.join(repoRoot, file), 'utf8')
    if (!/['"]use server['"]/.test(text)) continue
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
    if (/^\s*['"]use server['"]/.test(code)) {
      // Only async functions may be exported from such a module, so every exported const is an action.
      for (const m of code.matchAll(/export\s+(?:async\s+)?function\s+(\w+)|export\s+const\s+(\w+)\b/g)) found.push(`${file}#${m[1] ?? m[2]}`)
      for (const m of code.matchAll(/export\s*\{([^}]*)\}/g)) {
        for (const part of (m[1] ?? '').split(',')) {
          const name = part.split(/\s+as\s+/).pop()?.trim()
          if (name) found.push(`${file}#${name}`)
        }
      }
    }
    const inline = /(?:async\s+function\s+(\w+)\s*\([^)]*\)[^{]*\{|(?:const|let)\s+(\w+)\s*=\s*async\s*\([^)]*\)[^{=]*=>\s*\{)\s*['"]use server['"]/g
    for (const m of code.matchAll(inline)) found.push(`${file}#${m[1] ?? m[2]}`)
  }
  return [...new Set(found)].sort()
}
