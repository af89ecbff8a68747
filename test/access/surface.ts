import type { ApiKeyScope } from '@/lib/auth/api-keys'
import { areaForPath, can, canOpen, roles, type Permission, type Role } from '@/lib/auth/permissions'
import type { ScopedAction } from '@/lib/auth/session-user'

// Every way into ModelLedger — each page, route handler and server action — with what it requires.
// The access tests turn this list and the permissions table (lib/auth/permissions.ts) into a matrix of
// principal × entry point; test/integration/access-surface.test.ts fails when a page.tsx, route.ts or
// 'use server' function exists that is not listed here, so the matrix cannot silently go stale.
//
// URL placeholders, filled by each test with data it made: {ownTeam} (the caller's team, or a team for
// roles without one), {otherTeam} (a team that is not the caller's), {model} (a model slug),
// {repriceRun} (a stored dry run of a re-price).

export type Gate =
  /** Anyone, anonymous included. */
  | { kind: 'public' }
  /** Any signed-in user. */
  | { kind: 'signed-in' }
  /** A signed-in user whose role holds every one of these permissions. */
  | { kind: 'permissions'; all: readonly Permission[] }
  /** A team-scoped read or write: roles with the action's :all permission, or its :team one on their own team. */
  | { kind: 'team'; action: ScopedAction; team: 'own' | 'other' }
  /** An API key with any of these scopes (a team key where `teamKey`); `session` says which signed-in users may call it without a key. */
  | { kind: 'api-key'; anyScope: readonly ApiKeyScope[]; teamKey: boolean; session?: Gate }

/** What an anonymous caller or a refused role gets back, when it is not the plain 401 / 403 JSON error. */
export type Refusal = 'json' | 'redirect-login' | 'redirect-forbidden'

export type PageEntry = {
  file: string
  /** A URL that renders this page (placeholders allowed). */
  path: string
  gate: Gate
  /** The h1 an allowed user sees (placeholders {ownTeamName} and {modelName} are filled by the test). */
  heading: string | ((role: Role) => string)
  /** Roles that fail the gate but read their own team are sent to /teams/{ownTeam} instead of a 403. */
  teamScopedGoHome?: true
  /** Refused by proxy.ts (lib/auth/permissions.ts pagePermissions): HTTP 403 at the same URL, before anything streams. */
  refusedInPlace?: true
}

export type RouteSample = {
  method: 'GET' | 'POST' | 'PUT'
  url: string
  /** Dynamic segments, as Next passes them to the handler. */
  params?: Record<string, string | string[]>
  gate: Gate
  /** A request body the test builds (see bodies in the test). */
  body?: 'usage' | 'otlp' | 'litellm-callback' | 'route-question' | 'litellm-upload' | 'bill-upload' | 'empty-json'
  anonymous?: Refusal
  denied?: Refusal
}

export type RouteEntry = { file: string; samples: readonly RouteSample[] }

export type ActionEntry = {
  file: string
  name: string
  gate: Gate
  /** Why it is exercised only over HTTP in the e2e phase (e.g. not exported, so not importable). */
  e2eOnly?: string
}

const perm = (...all: Permission[]): Gate => ({ kind: 'permissions', all })
const ownTeam = (action: ScopedAction): Gate => ({ kind: 'team', action, team: 'own' })

export const pages: readonly PageEntry[] = [
  { file: 'app/page.tsx', path: '/', gate: { kind: 'signed-in' }, heading: 'Spend' },
  { file: 'app/login/page.tsx', path: '/login', gate: { kind: 'public' }, heading: 'Sign in' },
  { file: 'app/(app)/forbidden/page.tsx', path: '/forbidden', gate: { kind: 'signed-in' }, heading: '403 — not allowed' },
  { file: 'app/(app)/spend/page.tsx', path: '/spend', gate: ownTeam('spend'), heading: 'Spend' },
  { file: 'app/(app)/teams/(list)/page.tsx', path: '/teams', gate: perm('teams:read:all'), heading: 'Teams', teamScopedGoHome: true },
  { file: 'app/(app)/teams/[slug]/page.tsx', path: '/teams/{ownTeam}', gate: ownTeam('teams'), heading: '{ownTeamName}' },
  { file: 'app/(app)/advice/page.tsx', path: '/advice', gate: ownTeam('advice'), heading: 'Advice' },
  { file: 'app/(app)/models/page.tsx', path: '/models', gate: perm('prices:read'), heading: 'Models & prices' },
  { file: 'app/(app)/models/[slug]/page.tsx', path: '/models/{model}', gate: perm('prices:read'), heading: '{modelName}' },
  { file: 'app/(app)/models/import/page.tsx', path: '/models/import', gate: perm('prices:write'), heading: 'Import LiteLLM prices', refusedInPlace: true },
  { file: 'app/(app)/models/reprice/page.tsx', path: '/models/reprice', gate: perm('prices:reprice'), heading: 'Re-price usage', refusedInPlace: true },
  { file: 'app/(app)/models/list-prices/page.tsx', path: '/models/list-prices', gate: perm('prices:write'), heading: 'Switch to list prices', refusedInPlace: true },
  { file: 'app/(app)/decision-tree/page.tsx', path: '/decision-tree', gate: perm('decision-tree:read'), heading: 'Decision tree' },
  { file: 'app/(app)/lineage/page.tsx', path: '/lineage', gate: ownTeam('spend'), heading: 'Lineage' },
  { file: 'app/(app)/reports/page.tsx', path: '/reports', gate: perm('reports:read'), heading: 'Reports' },
  { file: 'app/(app)/reconciliation/page.tsx', path: '/reconciliation', gate: perm('bills:read'), heading: 'Reconciliation' },
  { file: 'app/(app)/settings/page.tsx', path: '/settings', gate: perm('settings:manage'), heading: 'Settings' },
  { file: 'app/(app)/settings/teams/page.tsx', path: '/settings/teams', gate: perm('settings:manage'), heading: 'Settings' },
  { file: 'app/(app)/settings/api-keys/page.tsx', path: '/settings/api-keys', gate: perm('settings:manage'), heading: 'Settings' },
  { file: 'app/(app)/settings/webhooks/page.tsx', path: '/settings/webhooks', gate: perm('settings:manage'), heading: 'Settings' },
  { file: 'app/(app)/settings/audit/page.tsx', path: '/settings/audit', gate: perm('audit:read'), heading: (role) => (can(role, 'settings:manage') ? 'Settings' : 'Audit log') },
  { file: 'app/(app)/docs/api/page.tsx', path: '/docs/api', gate: { kind: 'signed-in' }, heading: 'API docs' },
  { file: 'app/(app)/connect/page.tsx', path: '/connect', gate: { kind: 'signed-in' }, heading: 'Connect' },
]

const sessionJson = (url: string, gate: Gate, extra: Partial<RouteSample> = {}): RouteSample => ({ method: 'GET', url, gate, ...extra })

export const routes: readonly RouteEntry[] = [
  // Public API (API keys). A signed-in browser without a key is refused like anyone without one.
  { file: 'app/api/v1/usage/route.ts', samples: [{ method: 'POST', url: '/api/v1/usage', body: 'usage', gate: { kind: 'api-key', anyScope: ['usage:write'], teamKey: true } }] },
  {
    file: 'app/api/v1/otlp/v1/traces/route.ts',
    samples: [{ method: 'POST', url: '/api/v1/otlp/v1/traces', body: 'otlp', gate: { kind: 'api-key', anyScope: ['usage:write'], teamKey: true } }],
  },
  {
    // A team key writes its own team; an org-wide key only with usage:write:all (the team each payload names).
    file: 'app/api/v1/integrations/litellm/route.ts',
    samples: [{ method: 'POST', url: '/api/v1/integrations/litellm', body: 'litellm-callback', gate: { kind: 'api-key', anyScope: ['usage:write', 'usage:write:all'], teamKey: false } }],
  },
  {
    file: 'app/api/v1/route/route.ts',
    samples: [{ method: 'POST', url: '/api/v1/route', body: 'route-question', gate: { kind: 'api-key', anyScope: ['usage:write', 'spend:read'], teamKey: true } }],
  },
  { file: 'app/api/v1/advice/route.ts', samples: [sessionJson('/api/v1/advice', { kind: 'api-key', anyScope: ['spend:read', 'spend:read:all'], teamKey: false })] },
  {
    file: 'app/api/v1/spend/route.ts',
    samples: [sessionJson('/api/v1/spend?group_by=team', { kind: 'api-key', anyScope: ['spend:read', 'spend:read:all'], teamKey: false, session: ownTeam('spend') })],
  },
  {
    file: 'app/api/v1/exports/focus/route.ts',
    samples: [
      sessionJson('/api/v1/exports/focus?month=2025-01', {
        kind: 'api-key',
        anyScope: ['spend:read', 'spend:read:all'],
        teamKey: false,
        session: perm('reports:read', 'reports:export'),
      }),
    ],
  },
  // Provider bills: loading one takes an org key with bills:write (no signed-in route here: the page has its own upload).
  {
    file: 'app/api/v1/bills/route.ts',
    samples: [{ method: 'POST', url: '/api/v1/bills?provider=csv&dry_run=true', body: 'bill-upload', gate: { kind: 'api-key', anyScope: ['bills:write'], teamKey: false } }],
  },
  {
    file: 'app/api/v1/bills/reconciliation/route.ts',
    samples: [sessionJson('/api/v1/bills/reconciliation?from=2025-01-01&to=2025-01-31', { kind: 'api-key', anyScope: ['spend:read:all'], teamKey: false, session: perm('bills:read') })],
  },
  { file: 'app/api/v1/openapi.json/route.ts', samples: [sessionJson('/api/v1/openapi.json', { kind: 'public' })] },
  { file: 'app/api/v1/reprice-runs/[id]/route.ts', samples: [sessionJson('/api/v1/reprice-runs/{repriceRun}', perm('prices:reprice'), { params: { id: '{repriceRun}' } })] },
  // Auth.js's own endpoints (sign-in, callback, session, csrf …): public by nature, CSRF-protected by Auth.js.
  { file: 'app/api/auth/[...nextauth]/route.ts', samples: [sessionJson('/api/auth/providers', { kind: 'public' }, { params: { nextauth: ['providers'] } })] },

  // CSV exports behind the dashboard session (the same gates as their pages).
  { file: 'app/(app)/spend/export/route.ts', samples: [sessionJson('/spend/export?table=teams', ownTeam('spend'))] },
  { file: 'app/(app)/advice/export/route.ts', samples: [sessionJson('/advice/export?table=by-team', ownTeam('advice'))] },
  { file: 'app/(app)/teams/teams.csv/route.ts', samples: [sessionJson('/teams/teams.csv', perm('teams:read:all'))] },
  {
    file: 'app/(app)/teams/[slug]/export/route.ts',
    samples: [
      sessionJson('/teams/{ownTeam}/export?table=flagged', ownTeam('teams'), { params: { slug: '{ownTeam}' } }),
      sessionJson('/teams/{otherTeam}/export?table=flagged', { kind: 'team', action: 'teams', team: 'other' }, { params: { slug: '{otherTeam}' } }),
    ],
  },
  { file: 'app/(app)/models/export/route.ts', samples: [sessionJson('/models/export', perm('prices:read'))] },
  { file: 'app/(app)/models/[slug]/export/route.ts', samples: [sessionJson('/models/{model}/export', perm('prices:read'), { params: { slug: '{model}' } })] },
  { file: 'app/(app)/models/reprice/export/route.ts', samples: [sessionJson('/models/reprice/export?run={repriceRun}', perm('prices:reprice'))] },
  { file: 'app/(app)/models/import/upload/route.ts', samples: [{ method: 'POST', url: '/models/import/upload', body: 'litellm-upload', gate: perm('prices:write') }] },
  { file: 'app/(app)/decision-tree/export/route.ts', samples: [sessionJson('/decision-tree/export', perm('decision-tree:read'))] },
  { file: 'app/(app)/reconciliation/export/route.ts', samples: [sessionJson('/reconciliation/export?from=2025-01-01&to=2025-01-31', perm('bills:read'))] },
  { file: 'app/(app)/reconciliation/upload/route.ts', samples: [{ method: 'POST', url: '/reconciliation/upload', body: 'bill-upload', gate: perm('bills:write') }] },
  { file: 'app/(app)/reports/export/route.ts', samples: [sessionJson('/reports/export?month=2025-01', perm('reports:read', 'reports:export'))] },
  { file: 'app/(app)/settings/audit/export/route.ts', samples: [sessionJson('/settings/audit/export', perm('audit:read'))] },
  { file: 'app/(app)/settings/export/[table]/route.ts', samples: [sessionJson('/settings/export/users', perm('settings:manage'), { params: { table: 'users' } })] },

  // bull-board, mounted as a catch-all route handler: browsers are redirected, its JSON API answers 403.
  {
    file: 'app/admin/queues/[[...path]]/route.ts',
    samples: [
      sessionJson('/admin/queues', perm('queues:admin'), { params: {}, anonymous: 'redirect-login', denied: 'redirect-forbidden' }),
      sessionJson('/admin/queues/api/queues', perm('queues:admin'), { params: { path: ['api', 'queues'] }, anonymous: 'redirect-login' }),
      { method: 'PUT', url: '/admin/queues/api/queues/alerts/retry/failed', params: { path: ['api', 'queues', 'alerts', 'retry', 'failed'] }, gate: perm('queues:admin'), anonymous: 'redirect-login' },
    ],
  },
]

export const actions: readonly ActionEntry[] = [
  { file: 'app/login/actions.ts', name: 'loginAction', gate: { kind: 'public' } },
  { file: 'app/login/actions.ts', name: 'ssoAction', gate: { kind: 'public' } },
  {
    file: 'components/app-shell/sidebar.tsx',
    name: 'signOutAction',
    gate: { kind: 'signed-in' },
    e2eOnly: 'an inline action (not exported): e2e/auth.spec.ts signs out through the button',
  },
  { file: 'app/(app)/models/actions.ts', name: 'addPriceVersionAction', gate: perm('prices:write') },
  { file: 'app/(app)/models/actions.ts', name: 'infrastructurePriceAction', gate: perm('prices:write') },
  { file: 'app/(app)/models/reprice/actions.ts', name: 'planRepriceAction', gate: perm('prices:reprice') },
  { file: 'app/(app)/models/reprice/actions.ts', name: 'applyRepriceAction', gate: perm('prices:reprice') },
  { file: 'app/(app)/models/list-prices/actions.ts', name: 'switchListPricesAction', gate: perm('prices:write', 'prices:reprice') },
  { file: 'app/(app)/reports/actions.ts', name: 'closeMonthAction', gate: perm('months:close') },
  { file: 'app/(app)/reconciliation/actions.ts', name: 'acceptPriceDriftAction', gate: perm('bills:read', 'prices:write') },
  { file: 'app/(app)/reconciliation/actions.ts', name: 'saveReconciliationSettingsAction', gate: perm('settings:manage') },
  { file: 'app/(app)/teams/[slug]/actions.ts', name: 'savePolicyAction', gate: ownTeam('policy-write') },
  { file: 'app/(app)/teams/[slug]/actions.ts', name: 'previewPolicyAction', gate: ownTeam('policy-write') },
  { file: 'app/(app)/teams/[slug]/actions.ts', name: 'createKeyAction', gate: ownTeam('keys') },
  { file: 'app/(app)/teams/[slug]/actions.ts', name: 'revokeKeyAction', gate: ownTeam('keys') },
  { file: 'app/(app)/settings/actions.ts', name: 'createUserAction', gate: perm('settings:manage', 'users:manage') },
  { file: 'app/(app)/settings/actions.ts', name: 'updateUserRoleAction', gate: perm('settings:manage', 'users:manage') },
  { file: 'app/(app)/settings/actions.ts', name: 'setUserDisabledAction', gate: perm('settings:manage', 'users:manage') },
  { file: 'app/(app)/settings/actions.ts', name: 'createTeamAction', gate: perm('settings:manage', 'teams:manage') },
  { file: 'app/(app)/settings/actions.ts', name: 'createOrgKeyAction', gate: perm('settings:manage', 'keys:manage:all') },
  { file: 'app/(app)/settings/actions.ts', name: 'revokeOrgKeyAction', gate: perm('settings:manage', 'keys:manage:all') },
  { file: 'app/(app)/settings/actions.ts', name: 'rotateWebhookSecretAction', gate: perm('settings:manage') },
  { file: 'app/(app)/settings/actions.ts', name: 'sendTestWebhookAction', gate: perm('settings:manage') },
]

const teamAllPermission: Record<ScopedAction, Permission> = {
  spend: 'spend:read:all',
  teams: 'teams:read:all',
  policy: 'policy:read:all',
  'policy-write': 'policy:write:all',
  advice: 'advice:read:all',
  keys: 'keys:manage:all',
}
const teamOwnPermission: Record<ScopedAction, Permission> = {
  spend: 'spend:read:team',
  teams: 'teams:read:team',
  policy: 'policy:read:team',
  'policy-write': 'policy:write:team',
  advice: 'advice:read:team',
  keys: 'keys:manage:team',
}

/** Whether a signed-in user of this role (in a team) passes the gate, read from the permissions table. */
export function roleMayPass(role: Role, gate: Gate): boolean {
  switch (gate.kind) {
    case 'public':
    case 'signed-in':
      return true
    case 'permissions':
      return gate.all.every((p) => can(role, p))
    case 'team':
      return can(role, teamAllPermission[gate.action]) || (gate.team === 'own' && can(role, teamOwnPermission[gate.action]))
    case 'api-key':
      return gate.session ? roleMayPass(role, gate.session) : false
  }
}

/** A page also sits behind its nav area's gate in proxy.ts (pageAccess). */
export function roleMayOpenPage(role: Role, page: PageEntry): boolean {
  const area = areaForPath(page.path)
  return (area === null || canOpen(role, area)) && roleMayPass(role, page.gate)
}

export function allowedRoles(gate: Gate): Role[] {
  return roles.filter((r) => roleMayPass(r, gate))
}

export const principals = ['anonymous', ...roles] as const
export type Principal = (typeof principals)[number]

/** Fills the URL placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
}
