// The provider-bill endpoints of the public API (lib/bills). errorResponses comes from the document
// builder so every endpoint describes its errors the same way.

type ErrorResponses = (codes: number[]) => Record<string, unknown>

const RECONCILIATION_ROW = {
  type: 'object',
  required: ['date', 'provider', 'model', 'billed_usd', 'tracked_usd', 'capture_rate', 'billed_tokens', 'tracked_tokens'],
  properties: {
    date: { type: 'string', format: 'date', description: 'UTC day' },
    provider: { type: 'string' },
    model: { type: 'string', description: 'catalog slug, or the name as billed (lower-cased) when it matches no catalog model' },
    billed_usd: { type: 'string', description: 'exact decimal; USD lines only (other currencies are listed in other_currency, never converted)' },
    tracked_usd: { type: 'string', description: 'exact decimal, from the daily rollups' },
    capture_rate: { type: ['string', 'null'], description: 'tracked ÷ billed, 6 decimals; null when nothing was billed' },
    billed_tokens: { type: ['integer', 'null'], description: 'null when the bill gives no tokens' },
    tracked_tokens: { type: 'integer' },
  },
}

export function billsPaths(errorResponses: ErrorResponses) {
  return {
    '/api/v1/bills': {
      post: {
        summary: 'Load a provider bill (idempotent)',
        description:
          'An org-wide key with the scope bills:write. The body is the bill: OpenAI Costs / Usage (completions) API pages, Anthropic cost_report / usage_report/messages pages (one page, an array of pages, or pages concatenated), or a CSV (date, provider, model, cost [, currency, line_item, tokens or input_tokens, cache_read_tokens, cache_write_tokens, output_tokens, reasoning_tokens]). Or multipart/form-data with several `file` fields: the pages of one export. Lines are upserted per provider × day × line key: the same file again changes nothing, a corrected one replaces the lines it covers. A bad file is refused whole, naming the line or JSON path.',
        parameters: [
          { name: 'provider', in: 'query', required: true, schema: { enum: ['openai', 'anthropic', 'csv'] }, description: 'the format of the body' },
          { name: 'dry_run', in: 'query', schema: { enum: ['true', 'false'] }, description: 'true: report what would change (with a preview of the lines) and write nothing' },
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: { type: 'string' } }, 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } } } } },
        },
        responses: {
          '201': { description: 'loaded: {importId, lines, inserted, updated, unchanged, totals, unmatchedModels, warnings, preview, …}', content: { 'application/json': { schema: { type: 'object' } } } },
          '200': { description: 'a dry run, or nothing changed (importId null)', content: { 'application/json': { schema: { type: 'object' } } } },
          ...errorResponses([400, 401, 403, 413, 422, 429, 503]),
        },
      },
    },
    '/api/v1/bills/reconciliation': {
      get: {
        summary: 'Billed vs tracked per provider × day × model',
        description: 'An org-wide key with spend:read:all. The rows `ledger bills show --json` prints, plus each gap’s explanation (price drift, untracked calls, over-tracked, unmatched line) and lines in other currencies. Dates are UTC and inclusive.',
        parameters: [
          { name: 'from', in: 'query', schema: { type: 'string', format: 'date' }, description: 'YYYY-MM-DD (default: 30 days before to)' },
          { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'YYYY-MM-DD (default: yesterday); at most 366 days after from' },
          { name: 'provider', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: '{from, to, provider, rows, totals, gaps, other_currency}',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    rows: { type: 'array', items: RECONCILIATION_ROW },
                    totals: { type: 'object', description: 'billed_usd, tracked_usd, capture_rate, billed_tokens, tracked_tokens, rows' },
                    gaps: { type: 'array', items: { type: 'object', properties: { date: { type: 'string' }, provider: { type: 'string' }, model: { type: 'string' }, gap_usd: { type: 'string' }, kind: { enum: ['price_drift', 'untracked_calls', 'over_tracked', 'not_billed', 'unmatched_line', 'other_currency'] }, explanation: { type: 'string' } } } },
                    other_currency: { type: 'array', items: { type: 'object', properties: { date: { type: 'string' }, provider: { type: 'string' }, model: { type: 'string' }, currency: { type: 'string' }, amount: { type: 'string' } } } },
                  },
                },
              },
            },
          },
          ...errorResponses([401, 403, 422, 503]),
        },
      },
    },
  }
}
