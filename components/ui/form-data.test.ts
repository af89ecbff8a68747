import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { formText, formValues, zodFieldErrors } from './form-data'

function fd(entries: [string, string | Blob][]): FormData {
  const out = new FormData()
  for (const [k, v] of entries) out.append(k, v)
  return out
}

describe('formText / formValues', () => {
  it.each([
    ['a text field', fd([['name', 'Ada']]), 'Ada'],
    ['a missing field', fd([]), ''],
    ['a file', fd([['name', new Blob(['x'])]]), ''],
    ['the first of several', fd([['name', 'one'], ['name', 'two']]), 'one'],
  ])('formText: %s', (_, data, want) => expect(formText(data, 'name')).toBe(want))

  it('formValues keeps the named text fields only', () => {
    expect(formValues(fd([['a', '1'], ['b', ''], ['c', '3'], ['f', new Blob(['x'])]]), ['a', 'b', 'f', 'missing'])).toEqual({ a: '1', b: '' })
  })
})

describe('zodFieldErrors', () => {
  const schema = z.object({
    email: z.email('Not an email'),
    teamSlug: z.string().min(1, 'Pick a team'),
    tags: z.array(z.string().min(2, 'Too short')),
    defaultModels: z.record(z.string(), z.string().min(1, 'Pick a model')),
  })

  it.each([
    ['a top-level field', { email: 'x', teamSlug: 'a', tags: [], defaultModels: {} }, { email: 'Not an email' }],
    ['a renamed field', { email: 'a@b.co', teamSlug: '', tags: [], defaultModels: {} }, { team: 'Pick a team' }],
    ['an array element reports on its list', { email: 'a@b.co', teamSlug: 'a', tags: ['ok', 'x'], defaultModels: {} }, { tags: 'Too short' }],
    ['a record entry keeps its key', { email: 'a@b.co', teamSlug: 'a', tags: [], defaultModels: { chat: '' } }, { 'defaultModels.chat': 'Pick a model' }],
  ])('%s', (_, input, want) => {
    const parsed = schema.safeParse(input)
    expect(parsed.success).toBe(false)
    if (!parsed.success) expect(zodFieldErrors(parsed.error, { teamSlug: 'team' })).toEqual(want)
  })

  it("an issue without a path goes to 'form', and the first message per field wins", () => {
    const twice = z.object({ n: z.string().min(3, 'first').regex(/^\d+$/, 'second') })
    const parsed = twice.safeParse({ n: 'a' })
    expect(parsed.success).toBe(false)
    if (!parsed.success) expect(zodFieldErrors(parsed.error)).toEqual({ n: 'first' })
    const whole = z.object({}).refine(() => false, 'whole').safeParse({})
    if (!whole.success) expect(zodFieldErrors(whole.error)).toEqual({ form: 'whole' })
  })
})
