import { revalidatePath } from 'next/cache'
import { auth } from '@/auth'
import { assertPermission, sessionUserOrThrow } from '@/lib/auth/session-user'
import { importBill } from '@/lib/bills/import-bill'
import { parseBillFormat, readBillUpload } from '@/lib/bills/read-bill-upload'
import { prisma, pool } from '@/lib/db'
import { AppError, isAppError } from '@/lib/errors'
import { apiHandler, jsonResponse } from '@/lib/http/api-handler'
import { isCrossOriginRequest } from '@/lib/http/is-cross-origin-request'

export const dynamic = 'force-dynamic'

/** What is wrong with the upload itself (unreadable, too large, a bad line or JSON path) is about the file field. */
function aboutTheFile(err: unknown): never {
  if (isAppError(err) && !err.field) throw new AppError(err.code, err.message, { field: 'file', cause: err })
  throw err
}

// POST multipart/form-data from the Reconciliation page: provider (openai | anthropic | csv), mode
// (preview | import), file (one or more: the pages of one export). A route handler, not a server
// action: bills pass the 1 MB action body cap. The browser sends the same files again to import, so
// nothing is stashed between preview and import, and the import re-checks everything. An error names
// the form field it is about (`field`), so the page says it beside that field.
export const POST = apiHandler(
  async (req: Request) => {
    if (isCrossOriginRequest(req.headers)) throw new AppError('forbidden', 'cross-origin request refused')
    const user = assertPermission(sessionUserOrThrow(await auth()), 'bills:write')
    const { files, form } = await readBillUpload(req).catch(aboutTheFile)
    const mode = form?.get('mode')
    if (mode !== 'preview' && mode !== 'import') throw new AppError('invalid', "mode must be 'preview' or 'import'")
    const format = parseBillFormat(form?.get('provider'))
    const result = await importBill(prisma, pool, { format, files, dryRun: mode === 'preview', actor: { id: user.id, name: user.email } }).catch(aboutTheFile)
    if (result.importId !== null) revalidatePath('/reconciliation')
    return jsonResponse(result, 200, { 'cache-control': 'no-store' })
  },
  { renderError: (_req, err) => (err.field ? jsonResponse({ error: { code: err.code, message: err.message, field: err.field } }, err.status) : null) },
)
