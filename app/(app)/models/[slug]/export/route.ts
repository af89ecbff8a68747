import { auth } from '@/auth'
import { assertPermission, sessionUserOrThrow } from '@/lib/auth/session-user'
import { csvResponse } from '@/lib/csv/to-csv'
import { AppError } from '@/lib/errors'
import { apiHandler } from '@/lib/http/api-handler'
import { loadModelWithHistory } from '@/lib/catalog/load-model-with-history'

export const dynamic = 'force-dynamic'

const header = [
  'model', 'price_version_id', 'state', 'effective_from', 'effective_to', 'currency',
  'input_per_1m', 'cache_read_per_1m', 'cache_write_per_1m', 'output_per_1m', 'reasoning_per_1m',
  'source', 'derived', 'note', 'created_by', 'created_at',
]

// Empty cache/reasoning cells mean "billed at the input / output price", as in the table.
export const GET = apiHandler(async (_req: Request, { params }: { params: Promise<{ slug: string }> }) => {
  assertPermission(sessionUserOrThrow(await auth()), 'prices:read')
  const { slug } = await params
  const model = await loadModelWithHistory(slug, new Date())
  if (!model) throw new AppError('not_found', `unknown model '${slug}'`)
  return csvResponse(
    `modelledger-price-history-${model.slug}.csv`,
    header,
    model.versions.map((v) => [
      model.slug, v.id, v.state, v.effectiveFrom.toISOString(), v.effectiveTo?.toISOString() ?? null, v.currency,
      v.input.toFixed(), v.cacheRead?.toFixed() ?? null, v.cacheWrite?.toFixed() ?? null, v.output.toFixed(), v.reasoning?.toFixed() ?? null,
      v.source, v.derived, v.note, v.createdBy, v.createdAt.toISOString(),
    ]),
  )
})
