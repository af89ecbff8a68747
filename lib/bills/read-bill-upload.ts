import { AppError } from '@/lib/errors'
import { billFormats, type BillFile, type BillFormat } from './bill-line'

export const MAX_BILL_BYTES = 20 * 1024 * 1024

export function parseBillFormat(value: unknown): BillFormat {
  if (typeof value === 'string' && (billFormats as readonly string[]).includes(value)) return value as BillFormat
  throw new AppError('invalid', `provider must be one of ${billFormats.join(', ')} (got ${value === null || value === undefined || value === '' ? 'none' : `'${String(value).slice(0, 40)}'`})`, { field: 'provider' })
}

/**
 * The files of a bill upload: multipart/form-data with one or more `file` fields (the pages of one
 * export), or the raw body (JSON pages — one, an array, or concatenated — or CSV) as one file.
 */
export async function readBillUpload(req: Request): Promise<{ files: BillFile[]; form: FormData | null }> {
  const declared = Number(req.headers.get('content-length') ?? '0')
  if (declared > MAX_BILL_BYTES + 64 * 1024) throw new AppError('payload_too_large', 'the upload is larger than 20 MB')
  const type = req.headers.get('content-type') ?? ''
  if (/^multipart\/form-data/i.test(type)) {
    let form: FormData
    try {
      form = await req.formData()
    } catch {
      throw new AppError('bad_request', 'could not read the multipart/form-data body')
    }
    const files: BillFile[] = []
    let total = 0
    for (const f of form.getAll('file')) {
      if (!(f instanceof File) || f.size === 0) continue
      total += f.size
      if (total > MAX_BILL_BYTES) throw new AppError('payload_too_large', 'the files are larger than 20 MB together')
      files.push({ name: f.name || `file ${files.length + 1}`, text: await f.text() })
    }
    if (files.length === 0) throw new AppError('invalid', 'choose the bill file(s) to upload (form field "file")')
    return { files, form }
  }
  const text = await req.text()
  if (Buffer.byteLength(text) > MAX_BILL_BYTES) throw new AppError('payload_too_large', 'the upload is larger than 20 MB')
  if (text.trim() === '') throw new AppError('invalid', 'the request body is empty: send the bill (JSON pages or CSV) as the body')
  return { files: [{ name: 'body', text }], form: null }
}
