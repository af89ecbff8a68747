import { describe, expect, it } from 'vitest'
import {
  allPermissions,
  areaForPath,
  areasFor,
  can,
  canAny,
  canOpen,
  pageAreas,
  pagePermissions,
  permissionForPath,
  permissions,
  roles,
  type PageArea,
  type Permission,
  type Role,
} from './permissions'

// [permission, admin, finance, team_lead, engineer] — the product brief's role table, spelled out.
const matrix: Array<[Permission, boolean, boolean, boolean, boolean]> = [
  ['spend:read:all', true, true, false, false],
  ['spend:read:team', true, false, true, true],
  ['teams:read:all', true, true, false, false],
  ['teams:read:team', true, false, true, true],
  ['teams:manage', true, false, false, false],
  ['users:manage', true, false, false, false],
  ['policy:read:all', true, true, false, false],
  ['policy:read:team', true, false, true, true],
  ['policy:write:all', true, false, false, false],
  ['policy:write:team', true, false, true, false],
  ['keys:manage:all', true, false, false, false],
  ['keys:manage:team', true, false, true, true],
  ['advice:read:all', true, true, false, false],
  ['advice:read:team', true, false, true, true],
  ['prices:read', true, true, true, true],
  ['prices:write', true, true, false, false],
  ['prices:reprice', true, true, false, false],
  ['decision-tree:read', true, true, true, true],
  ['decision-tree:write', true, false, false, false],
  ['reports:read', true, true, false, false],
  ['reports:export', true, true, false, false],
  ['months:close', true, true, false, false],
  ['settings:manage', true, false, false, false],
  ['queues:admin', true, false, false, false],
  ['audit:read', true, true, false, false],
  ['bills:read', true, true, false, false],
  ['bills:write', true, true, false, false],
]

describe('permissions', () => {
  it('the matrix covers every permission exactly once', () => {
    expect(matrix.map(([p]) => p).sort()).toEqual([...allPermissions].sort())
  })

  it.each(matrix)('%s → admin %s, finance %s, team_lead %s, engineer %s', (permission, ...expected) => {
    expect(roles.map((role) => can(role, permission))).toEqual(expected)
  })

  it('admin holds every permission', () => {
    for (const p of allPermissions) expect(can('admin', p)).toBe(true)
  })

  it('no role lists a permission twice', () => {
    for (const role of roles) expect(new Set(permissions[role]).size).toBe(permissions[role].length)
  })

  it('canAny is true when one of the permissions is held', () => {
    expect(canAny('engineer', ['spend:read:all', 'spend:read:team'])).toBe(true)
    expect(canAny('engineer', ['reports:read', 'settings:manage'])).toBe(false)
  })
})

const areaMatrix: Array<[PageArea, boolean, boolean, boolean, boolean]> = [
  ['spend', true, true, true, true],
  ['teams', true, true, true, true],
  ['advice', true, true, true, true],
  ['models', true, true, true, true],
  ['decision-tree', true, true, true, true],
  ['lineage', true, true, true, true],
  ['reports', true, true, false, false],
  ['reconciliation', true, true, false, false],
  ['audit', true, true, false, false],
  ['settings', true, false, false, false],
  ['connect', true, true, true, true],
  ['api-docs', true, true, true, true],
]

// An area a role may open must be backed by a permission that lets it read something there.
const areaNeeds: Record<PageArea, Permission[]> = {
  spend: ['spend:read:all', 'spend:read:team'],
  teams: ['teams:read:all', 'teams:read:team'],
  advice: ['advice:read:all', 'advice:read:team'],
  models: ['prices:read'],
  'decision-tree': ['decision-tree:read'],
  lineage: ['spend:read:all', 'spend:read:team'],
  reports: ['reports:read'],
  reconciliation: ['bills:read'],
  audit: ['audit:read'],
  settings: ['settings:manage'],
  connect: ['prices:read'],
  'api-docs': ['prices:read'],
}

describe('pageAccess', () => {
  it('the matrix covers every area', () => {
    expect(areaMatrix.map(([a]) => a)).toEqual([...pageAreas])
  })

  it.each(areaMatrix)('%s → admin %s, finance %s, team_lead %s, engineer %s', (area, ...expected) => {
    expect(roles.map((role) => canOpen(role, area))).toEqual(expected)
  })

  it.each(roles.flatMap((role) => pageAreas.map((area) => [role, area] as [Role, PageArea])))(
    '%s opening %s agrees with the permissions table',
    (role, area) => {
      expect(canOpen(role, area)).toBe(canAny(role, areaNeeds[area]))
    },
  )

  it('areasFor keeps nav order', () => {
    expect(areasFor('engineer')).toEqual(['spend', 'teams', 'advice', 'models', 'decision-tree', 'lineage', 'connect', 'api-docs'])
    expect(areasFor('admin')).toEqual([...pageAreas])
  })
})

describe('areaForPath', () => {
  it.each<[string, PageArea | null]>([
    ['/spend', 'spend'],
    ['/spend/2025-01', 'spend'],
    ['/spending', null],
    ['/models', 'models'],
    ['/models/export', 'models'],
    ['/reports', 'reports'],
    ['/settings/keys', 'settings'],
    ['/settings/audit', 'audit'],
    ['/settings/audit/export', 'audit'],
    ['/docs/api', 'api-docs'],
    ['/connect', 'connect'],
    ['/docs', null],
    ['/login', null],
    ['/', null],
  ])('%s → %s', (path, area) => {
    expect(areaForPath(path)).toBe(area)
  })
})

describe('permissionForPath', () => {
  it.each<[string, string | null]>([
    ['/models/import', 'prices:write'],
    ['/models/import/upload', null],
    ['/constructor', null],
    ['/models/reprice', 'prices:reprice'],
    ['/models/reprice/export', null],
    ['/models', null],
    ['/models/gpt-4o', null],
    ['/models/importer', null],
  ])('%s → %s', (path, permission) => {
    expect(permissionForPath(path)).toBe(permission)
  })

  it('every page permission is one some role holds and the area it sits in is open to that role', () => {
    for (const [path, permission] of Object.entries(pagePermissions)) {
      const area = areaForPath(path)
      expect(area, path).not.toBeNull()
      for (const role of roles) if (can(role, permission)) expect(canOpen(role, area!), `${role} ${path}`).toBe(true)
    }
  })
})
