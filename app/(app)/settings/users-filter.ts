import type { Role } from '@prisma/client'
import { isRole } from '@/lib/auth/permissions'
import type { UserListFilter } from '@/lib/users/list-users'

export type UsersSearch = { role?: string; team?: string; status?: string; q?: string }

/** The users table's filters, read from the URL (page and CSV alike); unknown values are ignored. */
export function parseUsersFilter(sp: UsersSearch, teamIdBySlug: Map<string, number>): { filter: UserListFilter; applied: UsersSearch } {
  const filter: UserListFilter = {}
  const applied: UsersSearch = {}
  if (isRole(sp.role)) {
    filter.role = sp.role as Role
    applied.role = sp.role
  }
  if (sp.team === 'none') {
    filter.teamId = null
    applied.team = 'none'
  } else if (sp.team && teamIdBySlug.has(sp.team)) {
    filter.teamId = teamIdBySlug.get(sp.team)
    applied.team = sp.team
  }
  if (sp.status === 'active' || sp.status === 'disabled') {
    filter.status = sp.status
    applied.status = sp.status
  }
  const q = sp.q?.trim().slice(0, 100)
  if (q) {
    filter.query = q
    applied.q = q
  }
  return { filter, applied }
}

export function toQueryString(applied: Record<string, string | undefined>): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(applied)) if (v) params.set(k, v)
  const s = params.toString()
  return s ? `?${s}` : ''
}

export type RawSearchParams = Record<string, string | string[] | undefined>

/** One value per parameter: a repeated parameter keeps its first value. */
export function firstValues(sp: RawSearchParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]))
}
