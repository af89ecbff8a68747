import { AppError } from '@/lib/errors'

export const MAX_LITELLM_PAYLOADS = 5000

// Stateless between calls (no { stream: true }), so one instance serves every request.
const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The payloads of one generic_api callback request, in any of its log formats: json_array (a JSON
 * array), single (one JSON object) or ndjson (one JSON object per line). LiteLLM sends all three as
 * Content-Type application/json, so the body decides: whole-body JSON first, else line by line.
 */
export function parseLiteLlmBody(bytes: Uint8Array): unknown[] {
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    throw new AppError('bad_json', 'request body is not valid UTF-8')
  }
  if (text.trim() === '') throw new AppError('bad_json', 'request body is empty; expected StandardLoggingPayload JSON (json_array, ndjson or single)')
  let whole: unknown
  let wholeError: Error | null = null
  try {
    whole = JSON.parse(text)
  } catch (err) {
    wholeError = err as Error
  }
  let payloads: unknown[]
  if (wholeError === null) {
    if (Array.isArray(whole)) payloads = whole
    else if (whole !== null && typeof whole === 'object') payloads = [whole]
    else throw new AppError('invalid', 'expected a StandardLoggingPayload object, an array of them (json_array) or one per line (ndjson)')
  } else {
    payloads = parseNdjson(text, wholeError)
  }
  if (payloads.length > MAX_LITELLM_PAYLOADS) throw new AppError('invalid', `too many payloads in one request (max ${MAX_LITELLM_PAYLOADS}); lower the callback's batch_size`)
  return payloads
}

function parseNdjson(text: string, wholeError: Error): unknown[] {
  const lines = text.split('\n')
  // A body that is one line (or none with content but one) and not JSON is plain malformed JSON.
  if (lines.filter((l) => l.trim() !== '').length < 2) throw new AppError('bad_json', `malformed JSON: ${wholeError.message.slice(0, 200)}`)
  const out: unknown[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim()
    if (line === '') continue
    try {
      out.push(JSON.parse(line))
    } catch (err) {
      throw new AppError('bad_json', `malformed NDJSON: line ${i + 1}: ${(err as Error).message.slice(0, 200)}`)
    }
  }
  return out
}
