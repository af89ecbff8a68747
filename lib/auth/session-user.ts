import { z } from 'zod'
import { AppError } from '../errors'
import { can, roles, type Permission, type Role } from './permissions'

// Pure: takes whatever Auth.js handed the caller (session object) so route handlers, server actions,
// pages and tests share one reading of "who is this and what may they touch".

export type SessionUser = {
  id: number
  email: string
  name: string
  role: Role
  teamId: number | null
  teamSlug: string | null
}

const sessionSchema = z.object({
  user: z.object({
    id: z.coerce.number().int().positive(),
    email: z.string().min(1),
    name: z.string().nullish(),
    role: z.enum(roles),
    teamId: z.number().int().nullish(),
    teamSlug: z.string().nullish(),
  }),
})

export function sessionUserFrom(session: unknown): SessionUser | null {
  const parsed = sessionSchema.safeParse(session)
  if (!parsed.success) return null
  const u = parsed.data.user
  return { id: u.id, email: u.email, name: u.name ?? u.email, role: u.role, teamId: u.teamId ?? null, teamSlug: u.teamSlug ?? null }
}

/** 401 for route handlers and server actions: no (valid) session. */
export function sessionUserOrThrow(session: unknown): SessionUser {
  const user = sessionUserFrom(session)
  if (!user) throw new AppError('unauthorized', 'Sign in first.')
  return user
}

/** 403 when the role lacks the permission. Returns the user so calls chain. */
export function assertPermission(user: SessionUser, permission: Permission): SessionUser {
  if (!can(user.role, permission)) throw new AppError('forbidden', `Your role (${user.role}) may not ${permission}.`)
  return user
}

// Each team-scoped action: the permission that reaches every team, and the one that reaches your own.
const scopedPermissions = {
  spend: ['spend:read:all', 'spend:read:team'],
  teams: ['teams:read:all', 'teams:read:team'],
  policy: ['policy:read:all', 'policy:read:team'],
  'policy-write': ['policy:write:all', 'policy:write:team'],
  advice: ['advice:read:all', 'advice:read:team'],
  keys: ['keys:manage:all', 'keys:manage:team'],
} as const satisfies Record<string, readonly [Permission, Permission]>

export type ScopedAction = keyof typeof scopedPermissions
export type TeamScope = { kind: 'all' } | { kind: 'team'; teamId: number } | { kind: 'none' }

/**
 * Which teams the user may reach for an action. Queries filter by `teamId` unless kind is 'all'
 * (ARCHITECTURE.md invariant 6); 'none' means show nothing (a team-scoped role without a team).
 */
export function teamScope(user: SessionUser, action: ScopedAction): TeamScope {
  const [allPermission, teamPermission] = scopedPermissions[action]
  if (can(user.role, allPermission)) return { kind: 'all' }
  if (can(user.role, teamPermission) && user.teamId !== null) return { kind: 'team', teamId: user.teamId }
  return { kind: 'none' }
}

/** Whose data a reader may see: every team, or one. */
export type ReadAccess = Exclude<TeamScope, { kind: 'none' }>

/**
 * Which teams a signed-in reader may see for `action` (spend, advice): the one rule the pages, their
 * exports and the session side of the APIs share. 403 for a team-scoped role without a team.
 */
export function readerAccess(user: SessionUser, action: 'spend' | 'advice'): ReadAccess {
  const scope = teamScope(user, action)
  if (scope.kind === 'none') throw new AppError('forbidden', `your role (${user.role}) has no team whose ${action} you may read`)
  return scope
}

export function canActOnTeam(user: SessionUser, action: ScopedAction, teamId: number): boolean {
  const scope = teamScope(user, action)
  return scope.kind === 'all' || (scope.kind === 'team' && scope.teamId === teamId)
}

/** 403 unless the user may do `action` on that team. */
export function assertTeamAccess(user: SessionUser, action: ScopedAction, teamId: number): SessionUser {
  if (!canActOnTeam(user, action, teamId)) throw new AppError('forbidden', `Not allowed for this team (${action}).`)
  return user
}
