import { prisma, pool } from '@/lib/db'
import { importBill } from '@/lib/bills/import-bill'
import { parseBillFormat, readBillUpload } from '@/lib/bills/read-bill-upload'
import { AppError } from '@/lib/errors'
import { apiHandler, jsonResponse } from '@/lib/http/api-handler'
import { authenticateApiKey } from '@/lib/http/authenticate-api-key'

export const dynamic = 'force-dynamic'

// POST /api/v1/bills?provider=openai|anthropic|csv[&dry_run=true]: an org-wide key with bills:write
// loads a provider bill (the body, or multipart `file` fields for the pages of one export).
export const POST = apiHandler(async (req: Request) => {
  const key = await authenticateApiKey(req, 'bills:write')
  if (key.teamId !== null) throw new AppError('forbidden', 'only an org-wide key may load provider bills')
  const params = new URL(req.url).searchParams
  const format = parseBillFormat(params.get('provider'))
  const dryRun = params.get('dry_run') === 'true'
  const { files } = await readBillUpload(req)
  const result = await importBill(prisma, pool, { format, files, dryRun, actor: { name: `api-key:${key.prefix}` } })
  return jsonResponse(result, dryRun || result.importId === null ? 200 : 201)
})
