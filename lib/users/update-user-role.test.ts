import { describe, expect, it } from 'vitest'
import { updateUserRoleInput } from './update-user-role'

describe('updateUserRoleInput', () => {
  it.each([
    [{ userId: '7', role: 'engineer', teamSlug: 'search' }, true],
    [{ userId: 7, role: 'team_lead', teamSlug: 'search' }, true],
    [{ userId: 7, role: 'admin', teamSlug: null }, true],
    [{ userId: 7, role: 'finance', teamSlug: 'search' }, true],
  ])('accepts %o', (input, ok) => {
    expect(updateUserRoleInput.safeParse(input).success).toBe(ok)
  })

  it.each([
    [{ userId: 7, role: 'engineer', teamSlug: null }, 'An engineer must belong to a team — pick one.'],
    [{ userId: 7, role: 'team_lead', teamSlug: null }, 'A team lead must belong to a team — pick one.'],
    [{ userId: 7, role: 'owner', teamSlug: null }, "invalid role 'owner'"],
    [{ userId: 7, role: 'engineer', teamSlug: 'Not A Slug' }, `The team slug "Not A Slug" won't do: use 2–40 characters, lowercase a–z, 0–9 and -.`],
    [{ userId: 'x', role: 'admin', teamSlug: null }, 'user id'],
    [{ userId: -1, role: 'admin', teamSlug: null }, 'invalid user id'],
  ])('refuses %o with a message saying why', (input, message) => {
    const parsed = updateUserRoleInput.safeParse(input)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toContain(message)
  })
})
