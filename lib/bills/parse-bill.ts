import { AppError } from '@/lib/errors'
import { Decimal } from '@/lib/pricing/decimal'
import type { BillFile, BillFormat, BillLine, BillMeasure } from './bill-line'
import { parseAnthropicBill } from './parse-anthropic-bill'
import { parseBillCsv } from './parse-bill-csv'
import { parseOpenAiBill } from './parse-openai-bill'
import { readJsonDocuments } from './read-json-documents'

/** A bill line per provider × measure × UTC day × line key: what is stored. */
export type DailyBillLine = Omit<BillLine, 'bucket' | 'source'> & { sources: number }

export type ParsedBillFiles = { format: BillFormat; lines: DailyBillLine[]; rawLines: number; warnings: string[] }

const MAX_LINES = 200_000

/**
 * Parses every file of one upload (several pages of one export, or several exports) and folds them into
 * one line per provider × measure × day × key: hourly buckets add up to their day. The same bucket and
 * key twice (a page loaded twice) is refused, naming both places, rather than counted double.
 */
export function parseBillFiles(format: BillFormat, files: readonly BillFile[]): ParsedBillFiles {
  if (files.length === 0) throw new AppError('invalid', 'no file to import')
  const raw: BillLine[] = []
  const warnings: string[] = []
  for (const f of files) {
    const parsed =
      format === 'csv'
        ? parseBillCsv(f.text, f.name)
        : format === 'openai'
          ? parseOpenAiBill(readJsonDocuments(f.text, f.name), f.name)
          : parseAnthropicBill(readJsonDocuments(f.text, f.name), f.name)
    raw.push(...parsed.lines)
    warnings.push(...parsed.warnings)
    if (raw.length > MAX_LINES) throw new AppError('payload_too_large', `more than ${MAX_LINES} bill lines in one import; split it`)
  }
  const seen = new Map<string, string>()
  const daily = new Map<string, DailyBillLine & { amountD: Decimal | null; tokensN: bigint | null; requestsN: bigint | null }>()
  for (const l of raw) {
    const bucketKey = `${l.provider}\u0000${l.measure}\u0000${l.bucket}\u0000${l.lineKey}`
    const earlier = seen.get(bucketKey)
    if (earlier) throw new AppError('invalid', `${l.source} repeats ${earlier} (same ${l.measure} bucket ${l.bucket} and line): was a page included twice?`)
    seen.set(bucketKey, l.source)
    const dayKey = `${l.provider}\u0000${l.measure}\u0000${l.day}\u0000${l.lineKey}`
    const d = daily.get(dayKey)
    if (!d) {
      daily.set(dayKey, {
        ...withoutBucket(l),
        sources: 1,
        amountD: l.amount === null ? null : new Decimal(l.amount),
        tokensN: l.tokens === null ? null : BigInt(l.tokens),
        requestsN: l.requests === null ? null : BigInt(l.requests),
      })
      continue
    }
    if (d.currency !== l.currency) throw new AppError('invalid', `${l.source}: currency ${l.currency} differs from ${d.currency} on an earlier bucket of the same line`)
    d.sources++
    if (l.amount !== null) d.amountD = (d.amountD ?? new Decimal(0)).plus(l.amount)
    if (l.tokens !== null) d.tokensN = (d.tokensN ?? 0n) + BigInt(l.tokens)
    if (l.requests !== null) d.requestsN = (d.requestsN ?? 0n) + BigInt(l.requests)
  }
  const lines = [...daily.values()]
    .map(({ amountD, tokensN, requestsN, ...l }) => ({
      ...l,
      amount: amountD === null ? null : amountD.toFixed(),
      tokens: tokensN === null ? null : tokensN.toString(),
      requests: requestsN === null ? null : requestsN.toString(),
    }))
    .sort((a, b) => a.day.localeCompare(b.day) || a.provider.localeCompare(b.provider) || measureOrder[a.measure] - measureOrder[b.measure] || a.lineKey.localeCompare(b.lineKey))
  if (lines.length === 0) throw new AppError('invalid', 'the file(s) hold no bill lines')
  return { format, lines, rawLines: raw.length, warnings }
}

const measureOrder: Record<BillMeasure, number> = { cost: 0, usage: 1 }

function withoutBucket(l: BillLine): Omit<BillLine, 'bucket' | 'source'> {
  const { bucket: _bucket, source: _source, ...rest } = l
  return rest
}
