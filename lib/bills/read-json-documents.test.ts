import { describe, expect, it } from 'vitest'
import { JsonNumber, readJsonDocuments } from './read-json-documents'

describe('readJsonDocuments', () => {
  it('keeps numbers as written (no binary float)', () => {
    const [doc] = readJsonDocuments('{"v": 0.1, "w": 12345678901234567890.123456789}', 'f.json')
    expect(doc).toEqual({ v: new JsonNumber('0.1'), w: new JsonNumber('12345678901234567890.123456789') })
  })

  it.each([
    ['one page', '{"a":1}', 1],
    ['an array of pages', '[{"a":1},{"a":2}]', 1],
    ['JSON Lines', '{"a":1}\n{"a":2}\n', 2],
    ['pages back to back', '{"a":1}{"a":2}{"a":3}', 3],
  ])('reads %s', (_what, text, count) => {
    expect(readJsonDocuments(text, 'f.json')).toHaveLength(count)
  })

  it('decodes escapes', () => {
    expect(readJsonDocuments('"a\\"b\\u00e9\\n"', 'f.json')).toEqual(['a"bé\n'])
  })

  it.each([
    ['{\n  "a": tru\n}', 'line 2, column 8'],
    ['{"a": 1,}', 'line 1, column 9: expected a property name'],
    ['{"a": "x', 'unterminated string'],
    ['', 'f.json is empty'],
  ])('names line and column of %j', (text, message) => {
    expect(() => readJsonDocuments(text, 'f.json')).toThrow(message)
  })
})
