import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createApiKeyInput, generateApiKey, hashApiKey, isSameHash, parseApiKeyPrefix, teamKeyScopes } from './api-keys'

describe('generateApiKey', () => {
  it('produces ml_<8-char prefix>_<43 url-safe chars> with a matching prefix and hash', () => {
    const { key, prefix, hash } = generateApiKey()
    expect(key).toMatch(/^ml_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/)
    expect(prefix).toBe(key.slice(0, 11))
    expect(parseApiKeyPrefix(key)).toBe(prefix)
    expect(hash).toBe(hashApiKey(key))
  })

  it('never repeats a key or a prefix across many draws', () => {
    const keys = Array.from({ length: 2_000 }, () => generateApiKey())
    expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length)
    expect(new Set(keys.map((k) => k.prefix)).size).toBe(keys.length)
  })

  it('keeps the secret out of the prefix', () => {
    const { key, prefix } = generateApiKey()
    expect(prefix).not.toContain(key.slice(12))
  })
})

describe('hashApiKey', () => {
  it('is the SHA-256 hex digest of the whole key', () => {
    const key = 'ml_abcdefgh_' + 'x'.repeat(43)
    expect(hashApiKey(key)).toBe(createHash('sha256').update(key).digest('hex'))
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('changes completely when one character of the secret changes', () => {
    const key = generateApiKey().key
    const altered = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A')
    expect(hashApiKey(altered)).not.toBe(hashApiKey(key))
  })
})

describe('parseApiKeyPrefix', () => {
  it.each([
    ['', 'empty'],
    ['Bearer ml_abcdefgh_' + 'x'.repeat(43), 'with a scheme'],
    ['ml_abcdefgh_short', 'secret too short'],
    ['ml_ABCDEFGH_' + 'x'.repeat(43), 'upper-case prefix'],
    ['ml_abcdefg_' + 'x'.repeat(43), 'prefix too short'],
    ['sk_abcdefgh_' + 'x'.repeat(43), 'wrong product tag'],
    ['ml_abcdefgh_' + 'x'.repeat(42) + '!', 'character outside base64url'],
  ])('rejects %j (%s)', (key) => {
    expect(parseApiKeyPrefix(key)).toBeNull()
  })
})

describe('isSameHash', () => {
  const a = hashApiKey('a')
  it('accepts equal digests and rejects different ones', () => {
    expect(isSameHash(a, hashApiKey('a'))).toBe(true)
    expect(isSameHash(a, hashApiKey('b'))).toBe(false)
  })

  it('rejects digests of the wrong length instead of throwing', () => {
    expect(isSameHash(a, a.slice(0, 62))).toBe(false)
    expect(isSameHash('', '')).toBe(false)
    expect(isSameHash(a, 'not hex at all')).toBe(false)
  })
})

describe('createApiKeyInput', () => {
  const issue = (input: unknown) => createApiKeyInput.safeParse(input).error?.issues[0]?.message

  it('accepts a team key with the default scopes and an org-wide key with spend:read:all', () => {
    expect(createApiKeyInput.safeParse({ teamId: 1, name: 'prod ingest' }).success).toBe(true)
    expect(createApiKeyInput.safeParse({ teamId: null, name: 'finance', scopes: ['spend:read:all'] }).success).toBe(true)
    expect(createApiKeyInput.safeParse({ teamId: null, name: 'bills', scopes: ['bills:write'] }).success).toBe(true)
  })

  it.each([
    [{ teamId: null, name: 'x', scopes: ['usage:write'] }, 'an org-wide key may only have the scopes spend:read:all, usage:write:all, bills:write'],
    [{ teamId: 1, name: 'x', scopes: ['bills:write'] }, 'the scope bills:write is only for org-wide keys'],
    [{ teamId: 1, name: 'x', scopes: ['spend:read:all'] }, 'the scope spend:read:all is only for org-wide keys'],
    [{ teamId: 1, name: 'x', scopes: ['usage:write', 'usage:write:all'] }, 'the scope usage:write:all is only for org-wide keys'],
    [{ teamId: 1, name: 'x', scopes: ['admin'] }, "unknown scope 'admin'"],
    [{ teamId: 1, name: 'x', scopes: [] }, 'A key needs at least one scope.'],
    [{ teamId: 1, name: '' }, 'Enter a name for the key, such as checkout-service.'],
    [{ teamId: 1, name: 'a/b' }, `The key name "a/b" won't do: use 1–64 letters`],
  ])('rejects %j', (input, message) => {
    expect(issue(input)).toContain(message)
  })
})

describe('teamKeyScopes', () => {
  it('offers a team key exactly the scopes a team key is allowed to hold', () => {
    expect(teamKeyScopes).toEqual(['usage:write', 'spend:read'])
    expect(createApiKeyInput.safeParse({ teamId: 1, name: 'k', scopes: [...teamKeyScopes] }).success).toBe(true)
  })
})
