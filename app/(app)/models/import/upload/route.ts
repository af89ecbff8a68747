import { revalidatePath } from 'next/cache'
import { auth } from '@/auth'
import { assertPermission, sessionUserOrThrow } from '@/lib/auth/session-user'
import { prisma } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { apiHandler, jsonResponse } from '@/lib/http/api-handler'
import { importLiteLlmPrices } from '@/lib/pricing/import-litellm-prices'
import { summarizeImport } from '@/components/models/litellm-import-summary'

export const dynamic = 'force-dynamic'

// POST multipart/form-data: file (LiteLLM's model_prices_and_context_window.json, ≤ 10 MB), mode
// (dry-run | apply), effectiveDate (YYYY-MM-DD, UTC; default today), createModels (on).
// A route handler rather than a server action: server-action bodies are capped at 1 MB and the
// LiteLLM map is larger. The browser keeps the chosen File and sends it again to apply, so nothing
// is stashed server-side between the preview and the apply, and the apply re-checks everything.

const MAX_BYTES = 10 * 1024 * 1024

// Same-origin only: the session cookie must not let another site post a price file (server actions
// get this check from Next; a route handler does it itself).
function assertSameOrigin(req: Request): void {
  const origin = req.headers.get('origin')
  if (origin === null) return
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host')
  if (!host || new URL(origin).host !== host) throw new AppError('forbidden', 'cross-origin request refused')
}

export const POST = apiHandler(async (req: Request) => {
  assertSameOrigin(req)
  const user = assertPermission(sessionUserOrThrow(await auth()), 'prices:write')
  const declared = Number(req.headers.get('content-length') ?? '0')
  if (declared > MAX_BYTES + 64 * 1024) throw new AppError('payload_too_large', 'the file is larger than 10 MB')
  let form: FormData
  try {
    form = await req.formData()
  } catch {
    throw new AppError('bad_request', 'expected multipart/form-data with a file field')
  }
  const file = form.get('file')
  if (!(file instanceof File) || file.size === 0) throw new AppError('invalid', 'choose the LiteLLM price file (JSON) to upload')
  if (file.size > MAX_BYTES) throw new AppError('payload_too_large', 'the file is larger than 10 MB')
  let json: unknown
  try {
    json = JSON.parse(await file.text())
  } catch {
    throw new AppError('invalid', `${file.name} is not valid JSON`)
  }
  const mode = form.get('mode')
  if (mode !== 'dry-run' && mode !== 'apply') throw new AppError('invalid', "mode must be 'dry-run' or 'apply'")
  const day = form.get('effectiveDate')
  let effectiveFrom: Date | undefined
  if (typeof day === 'string' && day !== '') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw new AppError('invalid', 'effective date must be YYYY-MM-DD')
    effectiveFrom = new Date(`${day}T00:00:00Z`)
  }
  const result = await importLiteLlmPrices(prisma, json, {
    dryRun: mode === 'dry-run',
    effectiveFrom,
    createModels: form.get('createModels') === 'on',
    actor: { id: user.id, name: user.email },
  })
  if (mode === 'apply' && result.changes.length > 0) revalidatePath('/models', 'layout')
  return jsonResponse(summarizeImport(result, file.name), 200, { 'cache-control': 'no-store' })
})
