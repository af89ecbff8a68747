import { AppError } from '@/lib/errors'
import { readBodyBytes } from './read-body-bytes'

// Stateless between calls (no { stream: true }), so one instance serves every request.
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Reads a JSON request body (gzip or not) without ever holding more than maxBytes (see readBodyBytes). */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const type = req.headers.get('content-type') ?? ''
  if (!/^application\/json\b/i.test(type.trim()))
    throw new AppError('unsupported_media_type', `Content-Type must be application/json (got ${type ? `'${type.slice(0, 100)}'` : 'none'})`)
  return parseJsonBytes(await readBodyBytes(req, maxBytes))
}

export function parseJsonBytes(bytes: Uint8Array): unknown {
  if (bytes.length === 0) throw new AppError('bad_json', 'request body is empty; expected a JSON object')
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    throw new AppError('bad_json', 'request body is not valid UTF-8')
  }
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new AppError('bad_json', `malformed JSON: ${(err as Error).message.slice(0, 200)}`)
  }
}
