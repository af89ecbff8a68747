import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// Pages, route handlers, actions and components call lib/; none of them talks to the database itself
// (ARCHITECTURE.md, "where each kind of code goes"). The import boundaries are lint rules; this is the
// one rule a linter cannot see: a query written inline.

const root = path.resolve(__dirname, '../..')

const query = [
  /\b(?:pool|client|db|tx)\.query\s*[(<]/, // raw SQL on the pg pool or a client
  /\$(?:queryRaw|executeRaw)(?:Unsafe)?\b/, // Prisma raw SQL
  /\b(?:prisma|db|tx)\.[a-z][A-Za-z]*\.(?:find\w*|count|aggregate|groupBy|create\w*|update\w*|delete\w*|upsert)\s*\(/, // Prisma queries
]

export function inlineQueries(text: string): string[] {
  return text.split('\n').flatMap((line, i) => (query.some((q) => q.test(line)) ? [`${i + 1}: ${line.trim()}`] : []))
}

describe('app/ and components/ run no SQL', () => {
  it('finds each kind of inline query', () => {
    expect(inlineQueries("const r = await pool.query('SELECT 1')")).toHaveLength(1)
    expect(inlineQueries('const r = await pool.query<{ n: number }>(sql)')).toHaveLength(1)
    expect(inlineQueries('await prisma.$queryRaw`SELECT 1`')).toHaveLength(1)
    expect(inlineQueries('const t = await prisma.team.findUnique({ where: { slug } })')).toHaveLength(1)
    expect(inlineQueries('await db.model.count()')).toHaveLength(1)
    expect(inlineQueries("const team = await findTeamBySlug(prisma, slug)\nimport { pool } from '@/lib/db'")).toEqual([])
  })

  it('holds for every tracked file', () => {
    const files = execFileSync('git', ['ls-files', '-z', '--', 'app', 'components'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    expect(files.length).toBeGreaterThan(50)
    const offenders = files.flatMap((f) => inlineQueries(readFileSync(path.join(root, f), 'utf8')).map((l) => `${f}:${l}`))
    expect(offenders).toEqual([])
  })
})
