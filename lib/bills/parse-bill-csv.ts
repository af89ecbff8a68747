import { AppError } from '@/lib/errors'
import { Decimal } from '@/lib/pricing/decimal'
import type { BillLine, ParsedBill } from './bill-line'

// The plain CSV for every other provider: a header row, then one row per day × provider × model.
// Required: date (YYYY-MM-DD, UTC), provider, model, cost (in currency units). Optional: currency
// (default USD), line_item (to bill one model on several lines), and tokens — either a total `tokens`
// column or any of input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens.

const required = ['date', 'provider', 'model', 'cost'] as const
const tokenColumns = ['input_tokens', 'cache_read_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens'] as const
const known = new Set<string>([...required, 'currency', 'line_item', 'tokens', ...tokenColumns])

/** RFC 4180 fields, each with the 1-based line it starts on. */
function readRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let line = 1
  let recordLine = 1
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else {
        if (c === '\n') line++
        field += c
      }
      continue
    }
    if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      fields.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      fields.push(field)
      if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields })
      fields = []
      field = ''
      line++
      recordLine = line
    } else field += c
  }
  if (quoted) throw new AppError('invalid', `line ${recordLine}: unterminated quoted field`)
  fields.push(field)
  if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields })
  return records
}

const DAY = /^\d{4}-\d{2}-\d{2}$/
const DECIMAL = /^-?\d+(\.\d+)?$/
const INTEGER = /^\d+$/

export function parseBillCsv(text: string, fileName: string): ParsedBill {
  const records = readRecords(text.replace(/^\uFEFF/, ''))
  const header = records.shift()
  if (!header) throw new AppError('invalid', `${fileName} is empty`)
  const columns = header.fields.map((f) => f.trim().toLowerCase())
  const missing = required.filter((r) => !columns.includes(r))
  if (missing.length > 0) throw new AppError('invalid', `${fileName} line ${header.line}: the header lacks ${missing.join(', ')} (need ${required.join(', ')})`)
  const unknown = columns.filter((c) => !known.has(c))
  if (unknown.length > 0) throw new AppError('invalid', `${fileName} line ${header.line}: unknown column(s) ${unknown.join(', ')} (known: ${[...known].join(', ')})`)
  if (columns.includes('tokens') && tokenColumns.some((t) => columns.includes(t))) {
    throw new AppError('invalid', `${fileName} line ${header.line}: give either a tokens column or per-bucket token columns, not both`)
  }
  const lines: BillLine[] = records.map(({ line, fields }) => {
    const at = `${fileName} line ${line}`
    if (fields.length !== columns.length) throw new AppError('invalid', `${at}: ${fields.length} fields, the header has ${columns.length}`)
    const get = (name: string) => {
      const i = columns.indexOf(name)
      return i < 0 ? '' : (fields[i] as string).trim()
    }
    const date = get('date')
    if (!DAY.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
      throw new AppError('invalid', `${at}: date '${date}' is not a day (YYYY-MM-DD)`)
    }
    const provider = get('provider').toLowerCase()
    if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(provider)) throw new AppError('invalid', `${at}: provider '${get('provider')}' is not a provider name`)
    const model = get('model')
    if (!model) throw new AppError('invalid', `${at}: model is empty`)
    const cost = get('cost')
    if (!DECIMAL.test(cost)) throw new AppError('invalid', `${at}: cost '${cost}' is not a decimal number (currency units, e.g. 12.345)`)
    const currency = (get('currency') || 'USD').toUpperCase()
    if (!/^[A-Z]{3}$/.test(currency)) throw new AppError('invalid', `${at}: currency '${currency}' is not an ISO 4217 code`)
    let tokens: string | null = null
    for (const name of ['tokens', ...tokenColumns]) {
      const v = get(name)
      if (v === '') continue
      if (!INTEGER.test(v)) throw new AppError('invalid', `${at}: ${name} '${v}' is not a whole number`)
      tokens = (BigInt(tokens ?? '0') + BigInt(v)).toString()
    }
    const lineItem = get('line_item')
    return {
      provider,
      measure: 'cost',
      bucket: date,
      day: date,
      lineKey: lineItem ? `${model}|${lineItem}` : model,
      modelRaw: model,
      tokenKind: lineItem || null,
      currency,
      amount: new Decimal(cost).toFixed(),
      tokens,
      requests: null,
      source: at,
    }
  })
  return { lines, warnings: [] }
}
