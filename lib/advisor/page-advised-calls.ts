import type { Severity } from '@prisma/client'
import type pg from 'pg'
import { listAdvisedCalls, MAX_ADVISED_CALLS_OFFSET, type AdvisedCall } from './list-advised-calls'

export const FLAGGED_PAGE_SIZE = 25

export type AdvisedCallsPage = {
  calls: AdvisedCall[]
  /** Every flagged call matching the filters, not just this page. */
  total: number
  /** 1-based, clamped to the pages there are. */
  page: number
  pages: number
  pageSize: number
}

type Filter = { teamIds: readonly number[]; from: Date; to: Date; rule?: string; severity?: Severity }

async function countAdvisedCalls(db: pg.Pool, f: Filter): Promise<number> {
  if (f.teamIds.length === 0) return 0
  const params: unknown[] = [[...new Set(f.teamIds)], f.from.toISOString(), f.to.toISOString()]
  const where = ['team_id = ANY($1::int[])', 'ts >= $2', 'ts < $3', 'advice_rule IS NOT NULL']
  if (f.rule) where.push(`advice_rule = $${params.push(f.rule)}`)
  if (f.severity) where.push(`advice_severity = $${params.push(f.severity)}::"Severity"`)
  const { rows } = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM usage_events WHERE ${where.join(' AND ')}`, params)
  return Number(rows[0]?.n ?? 0)
}

/** One page of the newest flagged calls (server-side: the page's rows only) and how many there are. */
export async function pageAdvisedCalls(db: pg.Pool, f: Filter & { page: number; pageSize?: number }): Promise<AdvisedCallsPage> {
  const pageSize = f.pageSize ?? FLAGGED_PAGE_SIZE
  const total = await countAdvisedCalls(db, f)
  const lastReachable = Math.floor(MAX_ADVISED_CALLS_OFFSET / pageSize) + 1
  const pages = Math.min(Math.max(1, Math.ceil(total / pageSize)), lastReachable)
  const page = Math.min(Math.max(1, Math.trunc(f.page) || 1), pages)
  const calls = await listAdvisedCalls(db, { ...f, limit: pageSize, offset: (page - 1) * pageSize })
  return { calls, total, page, pages, pageSize }
}

/** The ?page= parameter as a page number (1 when absent or not a positive integer). */
export function parsePageParam(value: string | string[] | undefined): number {
  const v = Array.isArray(value) ? value[0] : value
  return v && /^[1-9]\d{0,5}$/.test(v) ? Number(v) : 1
}
