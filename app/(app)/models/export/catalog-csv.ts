import type { CatalogModel } from '@/lib/catalog/list-catalog'

// RFC 4180 quoting, plus a leading apostrophe on text that a spreadsheet would run as a formula.
function cell(value: string | number | boolean | null): string {
  if (value === null) return ''
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

const header = [
  'slug', 'display_name', 'provider', 'family', 'route', 'deployment', 'aliases', 'ratings',
  'status', 'currency', 'input_per_1m', 'output_per_1m', 'cache_read_per_1m', 'cache_write_per_1m', 'reasoning_per_1m',
  'cache_read_fallback', 'cache_write_fallback', 'reasoning_fallback', 'source', 'derived', 'effective_from', 'price_version_id',
]

export function catalogCsv(models: CatalogModel[]): string {
  const lines = [header.join(',')]
  for (const m of models) {
    const p = m.price
    const ratings = Object.entries(m.ratings).map(([k, v]) => `${k}=${v}`).join('; ')
    const row: Array<string | number | boolean | null> = [
      m.slug, m.displayName, m.provider, m.family, m.route, m.deployment, m.aliases.join(' '), ratings,
      p ? 'priced' : 'unpriced',
      p?.currency ?? null,
      p?.input.toFixed() ?? null,
      p?.output.toFixed() ?? null,
      p?.cacheRead.toFixed() ?? null,
      p?.cacheWrite.toFixed() ?? null,
      p?.reasoning.toFixed() ?? null,
      p?.fallback.cacheRead ?? null,
      p?.fallback.cacheWrite ?? null,
      p?.fallback.reasoning ?? null,
      p?.source ?? null,
      p?.derived ?? null,
      p?.effectiveFrom.toISOString() ?? null,
      p?.priceVersionId ?? null,
    ]
    lines.push(row.map(cell).join(','))
  }
  return `${lines.join('\r\n')}\r\n`
}
