import { describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { assertPermission, assertTeamAccess, canActOnTeam, sessionUserFrom, sessionUserOrThrow, teamScope, type SessionUser } from './session-user'

const user = (role: SessionUser['role'], teamId: number | null = 7): SessionUser => ({
  id: 1,
  email: `${role}@example.test`,
  name: role,
  role,
  teamId,
  teamSlug: teamId === null ? null : 'search',
})

describe('sessionUserFrom', () => {
  it('reads the session Auth.js produces', () => {
    const session = { user: { id: '12', email: 'a@b.c', name: 'A', role: 'team_lead', teamId: 3, teamSlug: 'search' }, expires: 'x' }
    expect(sessionUserFrom(session)).toEqual({ id: 12, email: 'a@b.c', name: 'A', role: 'team_lead', teamId: 3, teamSlug: 'search' })
  })

  it.each([null, undefined, {}, { user: {} }, { user: { id: '1', email: 'a@b.c', role: 'root' } }])('rejects %j', (s) => {
    expect(sessionUserFrom(s)).toBeNull()
  })

  it('sessionUserOrThrow is a 401', () => {
    expect(() => sessionUserOrThrow(null)).toThrow(AppError)
    try {
      sessionUserOrThrow(null)
    } catch (e) {
      expect((e as AppError).status).toBe(401)
    }
  })
})

describe('teamScope', () => {
  it.each<[SessionUser['role'], Parameters<typeof teamScope>[1], ReturnType<typeof teamScope>['kind']]>([
    ['admin', 'spend', 'all'],
    ['finance', 'spend', 'all'],
    ['team_lead', 'spend', 'team'],
    ['engineer', 'spend', 'team'],
    ['finance', 'policy-write', 'none'],
    ['team_lead', 'policy-write', 'team'],
    ['engineer', 'policy-write', 'none'],
    ['engineer', 'keys', 'team'],
    ['finance', 'keys', 'none'],
    ['admin', 'keys', 'all'],
  ])('%s / %s → %s', (role, action, kind) => {
    expect(teamScope(user(role), action).kind).toBe(kind)
  })

  it('a team-scoped role without a team reaches nothing', () => {
    expect(teamScope(user('engineer', null), 'spend')).toEqual({ kind: 'none' })
  })

  it('walls teams off from each other', () => {
    expect(canActOnTeam(user('team_lead', 7), 'spend', 7)).toBe(true)
    expect(canActOnTeam(user('team_lead', 7), 'spend', 8)).toBe(false)
    expect(canActOnTeam(user('finance', null), 'spend', 8)).toBe(true)
    expect(() => assertTeamAccess(user('engineer', 7), 'policy-write', 7)).toThrow(/Not allowed/)
  })
})

describe('assertPermission', () => {
  it('403s a missing permission and passes a held one', () => {
    expect(assertPermission(user('finance'), 'prices:write').role).toBe('finance')
    try {
      assertPermission(user('engineer'), 'reports:read')
      expect.unreachable()
    } catch (e) {
      expect((e as AppError).status).toBe(403)
    }
  })
})
