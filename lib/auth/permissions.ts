// RBAC as data: every check in pages, route handlers, server actions and the nav reads these tables,
// so a role's reach is reviewed here and nowhere else.

export const roles = ['admin', 'finance', 'team_lead', 'engineer'] as const
export type Role = (typeof roles)[number]

/** A role as people read it (the nav, the user forms, messages); the id stays in URLs, the API and the CLI. */
export const roleLabels: Record<Role, string> = {
  admin: 'Admin',
  finance: 'Finance',
  team_lead: 'Team lead',
  engineer: 'Engineer',
}

export const allPermissions = [
  'spend:read:all',
  'spend:read:team',
  'teams:read:all',
  'teams:read:team',
  'teams:manage',
  'users:manage',
  'policy:read:all',
  'policy:read:team',
  'policy:write:all',
  'policy:write:team',
  'keys:manage:all',
  'keys:manage:team',
  'advice:read:all',
  'advice:read:team',
  'prices:read',
  'prices:write',
  'prices:reprice',
  'decision-tree:read',
  'decision-tree:write',
  'reports:read',
  'reports:export',
  'months:close',
  'settings:manage',
  'queues:admin',
  'audit:read',
  'bills:read',
  'bills:write',
] as const
export type Permission = (typeof allPermissions)[number]

// Everyone signed in may read the catalog, the decision tree and their own team's basics.
const everyone = ['prices:read', 'decision-tree:read'] as const satisfies readonly Permission[]

export const permissions = {
  admin: allPermissions,
  finance: [
    ...everyone,
    'spend:read:all',
    'teams:read:all',
    'policy:read:all',
    'advice:read:all',
    'prices:write',
    'prices:reprice',
    'reports:read',
    'reports:export',
    'months:close',
    'audit:read',
    'bills:read',
    'bills:write',
  ],
  team_lead: [
    ...everyone,
    'spend:read:team',
    'teams:read:team',
    'policy:read:team',
    'policy:write:team',
    'keys:manage:team',
    'advice:read:team',
  ],
  engineer: [...everyone, 'spend:read:team', 'teams:read:team', 'policy:read:team', 'keys:manage:team', 'advice:read:team'],
} as const satisfies Record<Role, readonly Permission[]>

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value)
}

export function can(role: Role, permission: Permission): boolean {
  return (permissions[role] as readonly Permission[]).includes(permission)
}

export function canAny(role: Role, wanted: readonly Permission[]): boolean {
  return wanted.some((p) => can(role, p))
}

// The nav areas. Order here is the order of the nav.
export const pageAreas = ['spend', 'teams', 'advice', 'models', 'decision-tree', 'lineage', 'reports', 'reconciliation', 'audit', 'settings', 'connect', 'api-docs'] as const
export type PageArea = (typeof pageAreas)[number]

export const pagePaths = {
  spend: '/spend',
  teams: '/teams',
  advice: '/advice',
  models: '/models',
  'decision-tree': '/decision-tree',
  lineage: '/lineage',
  reports: '/reports',
  reconciliation: '/reconciliation',
  audit: '/settings/audit',
  settings: '/settings',
  connect: '/connect',
  'api-docs': '/docs/api',
} as const satisfies Record<PageArea, string>

const allRoles = roles
// Which area each role may open. What a role sees *inside* an area (own team vs all) is the
// permissions table's business; the test keeps the two tables consistent.
export const pageAccess = {
  spend: allRoles,
  teams: allRoles,
  advice: allRoles,
  models: allRoles,
  'decision-tree': allRoles,
  lineage: allRoles,
  reports: ['admin', 'finance'],
  reconciliation: ['admin', 'finance'],
  audit: ['admin', 'finance'],
  settings: ['admin'],
  // Set-up snippets for the user's team and where its usage last arrived from (all teams for the roles
  // that read all spend); a role without a team still sees the snippets with placeholders.
  connect: allRoles,
  'api-docs': allRoles,
} as const satisfies Record<PageArea, readonly Role[]>

export function canOpen(role: Role, area: PageArea): boolean {
  return (pageAccess[area] as readonly Role[]).includes(role)
}

export function areasFor(role: Role): PageArea[] {
  return pageAreas.filter((area) => canOpen(role, area))
}

// Pages inside an open area that need a permission of their own. The proxy refuses them (HTTP 403)
// before anything streams; the pages check again where the data is read.
export const pagePermissions: Readonly<Record<string, Permission>> = {
  '/models/import': 'prices:write',
  '/models/reprice': 'prices:reprice',
  '/models/list-prices': 'prices:write',
}

/**
 * The permission the page at `pathname` needs beyond its area, if any. Exact paths only: route handlers
 * below a page (exports, uploads) answer their own JSON 403.
 */
export function permissionForPath(pathname: string): Permission | null {
  return Object.hasOwn(pagePermissions, pathname) ? (pagePermissions[pathname] ?? null) : null
}

// Longest prefix wins so a future /docs/api/... never falls under another area.
export function areaForPath(pathname: string): PageArea | null {
  let best: PageArea | null = null
  let bestLength = -1
  for (const area of pageAreas) {
    const base = pagePaths[area]
    const matches = pathname === base || pathname.startsWith(`${base}/`)
    if (matches && base.length > bestLength) {
      best = area
      bestLength = base.length
    }
  }
  return best
}
