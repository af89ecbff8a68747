import type { z } from 'zod'
import type { BillLine, BillMeasure, ParsedBill } from './bill-line'
import { hasMoreWarning, pagesOf, parsePage } from './bill-page-schema'
import type { JsonValue } from './read-json-documents'

// The walk the OpenAI and Anthropic Admin API exports share: page → time bucket → result, one bill line
// per result, each line keeping the file, page and JSON path it came from for messages.

/** What one result says about its line; the walk adds the provider, measure, bucket, day and source. */
export type ResultLine = Omit<BillLine, 'provider' | 'measure' | 'bucket' | 'day' | 'source'>

/** A bucket's UTC day, its ISO start, and its results; throws when the bucket spans more than one day. */
export type BucketReading<R> = { day: string; bucket: string; results: readonly R[] }

/** One kind of report page (a provider's costs or usage) read into bill lines. */
export type ReportKind = (doc: JsonValue, where: string) => { lines: BillLine[]; hasMore: boolean | undefined }

type Page = { data: readonly unknown[]; has_more?: boolean | null }

export function reportKind<P extends Page, R>(kind: {
  provider: string
  measure: BillMeasure
  page: z.ZodType<P>
  bucket: (bucket: P['data'][number], where: string) => BucketReading<R>
  line: (result: R) => ResultLine
}): ReportKind {
  return (doc, where) => {
    const p = parsePage(kind.page, doc, where)
    const lines: BillLine[] = []
    p.data.forEach((b, bi) => {
      const { day, bucket, results } = kind.bucket(b, `${where}: data[${bi}]`)
      results.forEach((r, ri) => {
        lines.push({ provider: kind.provider, measure: kind.measure, bucket, day, ...kind.line(r), source: `${where}: data[${bi}].results[${ri}]` })
      })
    })
    return { lines, hasMore: p.has_more ?? undefined }
  }
}

/**
 * Reads every page of one file. `kindOf` names each page's kind, or throws saying what a page of this
 * provider looks like; has_more on the last page warns that pages after it are missing.
 */
export function parseReportPages(docs: readonly JsonValue[], fileName: string, kindOf: (doc: JsonValue, where: string) => ReportKind): ParsedBill {
  const lines: BillLine[] = []
  let lastHasMore: boolean | undefined
  for (const { doc, index } of pagesOf(docs)) {
    const where = `${fileName} page ${index + 1}`
    const page = kindOf(doc, where)(doc, where)
    for (const line of page.lines) lines.push(line)
    lastHasMore = page.hasMore
  }
  return { lines, warnings: hasMoreWarning(fileName, lastHasMore) }
}
