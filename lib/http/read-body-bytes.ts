import { promisify } from 'node:util'
import { gunzip as gunzipCallback } from 'node:zlib'
import { AppError } from '@/lib/errors'

const gunzip = promisify(gunzipCallback)

/**
 * Reads a request body without ever holding more than maxBytes: checks the declared length and the bytes
 * actually streamed (a client may lie or send no length). With Content-Encoding: gzip, the limit holds
 * for the inflated size too: zlib stops at maxBytes + 1 output bytes, so a gzip bomb costs at most that.
 * An empty body gives an empty array; the caller words what it expected.
 */
export async function readBodyBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const encoding = contentEncoding(req)
  const raw = await readRawBody(req, maxBytes)
  if (encoding === 'identity' || raw.length === 0) return raw
  try {
    return await gunzip(raw, { maxOutputLength: maxBytes + 1 })
  } catch (err) {
    // Past maxOutputLength zlib stops and fails with ERR_BUFFER_TOO_LARGE (a RangeError).
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBytes, 'after gzip decompression')
    throw new AppError('bad_request', `Content-Encoding is gzip but the body is not valid gzip data (${(err as Error).message.slice(0, 100)})`)
  }
}

function contentEncoding(req: Request): 'identity' | 'gzip' {
  const value = (req.headers.get('content-encoding') ?? '').trim().toLowerCase()
  if (value === '' || value === 'identity') return 'identity'
  if (value === 'gzip' || value === 'x-gzip') return 'gzip'
  throw new AppError('unsupported_media_type', `unsupported Content-Encoding '${value.slice(0, 50)}' (supported: gzip, identity)`)
}

async function readRawBody(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? NaN)
  if (!req.body) {
    if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes)
    return new Uint8Array(0)
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
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks)
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

function tooLarge(maxBytes: number, when = ''): AppError {
  return new AppError('payload_too_large', `request body exceeds ${maxBytes} bytes (${Math.round(maxBytes / 1024 / 1024)} MB)${when ? ` ${when}` : ''}`)
}
