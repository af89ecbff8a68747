import { AppError } from '@/lib/errors'

// Stateless between calls (no { stream: true }), so one instance serves every request.
const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Reads a JSON request body without ever holding more than maxBytes: checks the content type, the
 * declared length, and the bytes actually streamed (a client may lie or send no length).
 */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const type = req.headers.get('content-type') ?? ''
  if (!/^application\/json\b/i.test(type.trim()))
    throw new AppError('unsupported_media_type', `Content-Type must be application/json (got ${type ? `'${type.slice(0, 100)}'` : 'none'})`)
  const declared = Number(req.headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes)
  if (!req.body) throw new AppError('bad_json', 'request body is empty; expected a JSON object')

  const reader = req.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(maxBytes)
    }
    chunks.push(value)
  }
  if (size === 0) throw new AppError('bad_json', 'request body is empty; expected a JSON object')
  let text: string
  try {
    text = utf8.decode(chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks))
  } catch {
    throw new AppError('bad_json', 'request body is not valid UTF-8')
  }
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new AppError('bad_json', `malformed JSON: ${(err as Error).message.slice(0, 200)}`)
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('payload_too_large', `request body exceeds ${maxBytes} bytes (${Math.round(maxBytes / 1024 / 1024)} MB)`)
}
