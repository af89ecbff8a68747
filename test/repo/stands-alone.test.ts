import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// A fresh clone with nothing beside it must pass `npm test`, and a reader must be able to follow every
// reference: no tracked file may point at a path outside the repository (a sibling checkout, a file of
// one machine) or at a document the repository does not hold.

const root = path.resolve(__dirname, '../..')

// Directories of one machine or one person; /var, /usr, /etc are the system's and may be named.
const machinePath = /(?:^|[\s'"`(=:,[])(\/(?:work|home|Users|root|mnt|srv|opt)\/[^\s'"`)]*)|\b([A-Z]:\\[^\s'"`]+)/g
// A relative path in quotes or backticks, or the target of a markdown link: '../x', `../../x`, ](../x).
const relativePath = /(['"`])((?:\.\.\/)+[^'"`\s]*)\1|\]\(((?:\.\.\/)+[^)\s]*)\)/g
const markdownName = /[A-Za-z0-9_./-]*[A-Za-z0-9_-]\.md\b/g

const inside = (p: string) => p === root || p.startsWith(root + path.sep)
const existsWithSomeExtension = (p: string) => ['', '.ts', '.tsx', '.js', '.mjs', '/index.ts'].some((ext) => existsSync(p + ext))

export function outsideReferences(file: string, text: string, mdNames: Set<string>): string[] {
  const found: string[] = []
  for (const m of text.matchAll(machinePath)) found.push((m[1] ?? m[2])!)
  const dir = path.dirname(path.join(root, file))
  for (const m of text.matchAll(relativePath)) {
    const rel = (m[2] ?? m[3])!
    const fromFile = path.resolve(dir, rel)
    // `path.resolve(root, '../x')` reads from the repo root: an escape even when the file sits deeper.
    if (!inside(fromFile) || (!existsWithSomeExtension(fromFile) && !inside(path.resolve(root, rel)))) found.push(rel)
  }
  for (const m of text.matchAll(markdownName)) {
    if (!mdNames.has(path.basename(m[0]))) found.push(m[0])
  }
  return found
}

const tracked = () => execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean)

// Not read: the lockfile (registry URLs, nothing a reader follows), third-party text kept unchanged (the
// LiteLLM fixture, the source document and the pages it names, the vendored OTLP .proto files and their
// links to the OpenTelemetry specification), images (binary: random bytes can look like a path), and
// this file's own examples.
const unread = (f: string) =>
  f === 'package-lock.json' || f.startsWith('test/fixtures/') || f.startsWith('docs/source/') || f.startsWith('lib/otlp/proto/') || f.endsWith('.png') || f === 'test/repo/stands-alone.test.ts'

describe('the repository stands alone', () => {
  const all = tracked()
  const files = all.filter((f) => !unread(f) && existsSync(path.join(root, f)))
  const mdNames = new Set(all.filter((f) => f.endsWith('.md')).map((f) => path.basename(f)))

  it('finds the kinds of reference it forbids', () => {
    const names = new Set(['README.md'])
    expect(outsideReferences('test/integration/x.test.ts', "path.resolve(__dirname, '../../../sibling-checkout/data/p.json')", names)).toEqual(['../../../sibling-checkout/data/p.json'])
    expect(outsideReferences('test/integration/x.test.ts', "path.resolve(root, '../sibling-checkout/data/p.json')", names)).toEqual(['../sibling-checkout/data/p.json'])
    expect(outsideReferences('README.md', 'from one source document (`../sibling-checkout/seed/doc.md`).', names)).toEqual(['../sibling-checkout/seed/doc.md', '../sibling-checkout/seed/doc.md'])
    expect(outsideReferences('docs/x.md', 'see [the notes](../../notes/a.txt)', names)).toEqual(['../../notes/a.txt'])
    expect(outsideReferences('app/(app)/teams/teams.csv/route.ts', "import { y } from '../../require-user'", names)).toEqual([])
    expect(outsideReferences('lib/x.ts', '// see DESIGN.md "Token buckets"', names)).toEqual(['DESIGN.md'])
    expect(outsideReferences('bench/x.ts', "const out = '/home/me/bench.json'", names)).toEqual(['/home/me/bench.json'])
    expect(outsideReferences('lib/pricing/x.ts', "import { y } from '../db'\n// README.md says why", names)).toEqual([])
  })

  it('no tracked source, test, script or doc references a path outside it', () => {
    expect(files.length).toBeGreaterThan(100)
    const offenders = files.flatMap((f) => outsideReferences(f, readFileSync(path.join(root, f), 'utf8'), mdNames).map((ref) => `${f}: ${ref}`))
    expect(offenders).toEqual([])
  })

  it('holds the source document and the LiteLLM price fixture the tests read', () => {
    expect(all).toContain('docs/source/model-lineage-overview.md')
    expect(all).toContain('test/fixtures/litellm-model-prices.json')
  })
})
