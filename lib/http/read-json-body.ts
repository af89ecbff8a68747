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
  if (!req.body) {
    if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes)
    throw new AppError('bad_json', 'request body is empty; expected a JSON object')
  }

  const reader = req.body.getReader()
  if (Number.isFinite(declared) && declared > maxBytes) {
    // A client that asked `Expect: 100-continue` sends nothing until told to: there is nothing to drop.
    if (/100-continue/i.test(req.headers.get('expect') ?? '')) void reader.cancel().catch(() => undefined)
    else await discardRest(reader, declared)
    throw tooLarge(maxBytes)
  }
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await discardRest(reader, size)
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

/** Reading on past the limit is bounded by this (bytes, and time below). */
const DISCARD_LIMIT_BYTES = 32 * 1024 * 1024
const DISCARD_LIMIT_MS = 2_000

/**
 * Reads and drops what is left of a body that is too large before the 413 goes out (a "lingering close"):
 * closing a socket with unread bytes in it makes TCP reset the connection, and the reset can destroy the
 * answer before the client reads it. A body larger than the limit is cut off (and may then see a reset).
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, declaredOrSeen: number): Promise<void> {
  if (declaredOrSeen <= DISCARD_LIMIT_BYTES) {
    let timer: NodeJS.Timeout | undefined
    const timeUp = new Promise<'time up'>((resolve) => (timer = setTimeout(() => resolve('time up'), DISCARD_LIMIT_MS)))
    try {
      for (let seen = 0; seen <= DISCARD_LIMIT_BYTES; ) {
        const next = await Promise.race([reader.read(), timeUp])
        if (next === 'time up') break
        if (next.done) return
        seen += next.value.byteLength
      }
    } finally {
      clearTimeout(timer)
    }
  }
  // Not awaited: with a read still pending (a client that stopped sending), cancelling may not settle.
  void reader.cancel().catch(() => undefined)
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('payload_too_large', `request body exceeds ${maxBytes} bytes (${Math.round(maxBytes / 1024 / 1024)} MB)`)
}
