import { AppError } from '@/lib/errors'

/**
 * A JSON number as written in the file. Provider exports carry money as JSON numbers (OpenAI's
 * amount.value); JSON.parse would turn 0.1 into a binary float, so the literal text is kept instead.
 */
export class JsonNumber {
  constructor(readonly raw: string) {}
  toString(): string {
    return this.raw
  }
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | { [key: string]: JsonValue }

/**
 * Reads one or more JSON documents from a text: a single page, an array of pages, or pages concatenated
 * one after another (JSON Lines or `}{`) as a multi-page export is often saved. Syntax errors name the
 * line and column. Numbers stay exact (JsonNumber).
 */
export function readJsonDocuments(text: string, fileName: string): JsonValue[] {
  let i = 0
  const fail = (what: string): never => {
    const before = text.slice(0, i)
    const line = before.split('\n').length
    const column = i - before.lastIndexOf('\n')
    throw new AppError('invalid', `${fileName}: line ${line}, column ${column}: ${what}`)
  }
  const skip = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i++
  }
  const readString = (): string => {
    const start = ++i
    let out = ''
    let chunk = start
    while (i < text.length) {
      const c = text[i] as string
      if (c === '"') {
        out += text.slice(chunk, i++)
        return out
      }
      if (c === '\\') {
        out += text.slice(chunk, i)
        const e = text[i + 1]
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6)
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape in a string')
          out += String.fromCharCode(parseInt(hex, 16))
          i += 6
        } else if (e !== undefined && e in simple) {
          out += simple[e]
          i += 2
        } else fail('bad escape in a string')
        chunk = i
        continue
      }
      if (c < ' ') fail('control character in a string')
      i++
    }
    return fail('unterminated string')
  }
  // An object or array: `close` right away ends it empty; after an item, ',' goes on and `close` ends it.
  const closes = (close: string): boolean => {
    skip()
    if (text[i] !== close) return false
    i++
    return true
  }
  const nextItem = (close: string, what: string): boolean => {
    skip()
    if (text[i] === ',') {
      i++
      return true
    }
    if (closes(close)) return false
    return fail(`expected ',' or '${close}' in ${what}`)
  }
  const readValue = (depth: number): JsonValue => {
    if (depth > 64) fail('nested too deeply')
    skip()
    const c = text[i]
    if (c === '{') {
      i++
      const obj: Record<string, JsonValue> = {}
      if (closes('}')) return obj
      do {
        skip()
        if (text[i] !== '"') fail('expected a property name in double quotes')
        const key = readString()
        skip()
        if (text[i] !== ':') fail("expected ':' after a property name")
        i++
        obj[key] = readValue(depth + 1)
      } while (nextItem('}', 'an object'))
      return obj
    }
    if (c === '[') {
      i++
      const arr: JsonValue[] = []
      if (closes(']')) return arr
      do {
        arr.push(readValue(depth + 1))
      } while (nextItem(']', 'an array'))
      return arr
    }
    if (c === '"') return readString()
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400))?.[0]
    if (!literal) return fail(c === undefined ? 'unexpected end of file' : `unexpected character '${c}'`)
    i += literal.length
    if (literal === 'true') return true
    if (literal === 'false') return false
    if (literal === 'null') return null
    return new JsonNumber(literal)
  }

  const docs: JsonValue[] = []
  skip()
  while (i < text.length) {
    docs.push(readValue(0))
    skip()
    if (text[i] === ',') {
      i++
      skip()
    }
  }
  if (docs.length === 0) throw new AppError('invalid', `${fileName} is empty`)
  return docs
}

/** A JSON path for messages: ["data", 3, "results", 1] → data[3].results[1]. */
export function jsonPath(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${String(p)}`), prefix)
}

/** The value as a plain JSON object, or null (arrays, numbers and strings are not). */
export function asObject(v: JsonValue | undefined): { [key: string]: JsonValue } | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof JsonNumber) ? v : null
}
