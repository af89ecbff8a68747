import { randomBytes } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.AUTH_SECRET ??= 'access-tests-only-secret-0123456789'
})
vi.mock('next/headers', () => import('@/test/access/next-request-scope'))
vi.mock('next/cache', () => import('@/test/access/next-request-scope'))

import * as modelActions from '@/app/(app)/models/actions'
import * as reconciliationActions from '@/app/(app)/reconciliation/actions'
import * as repriceActions from '@/app/(app)/models/reprice/actions'
import * as listPriceActions from '@/app/(app)/models/list-prices/actions'
import * as reportActions from '@/app/(app)/reports/actions'
import * as settingsActions from '@/app/(app)/settings/actions'
import * as teamActions from '@/app/(app)/teams/[slug]/actions'
import { createApiKey } from '@/lib/auth/api-keys'
import { roles, type Role } from '@/lib/auth/permissions'
import { rotateWebhookSecret } from '@/lib/webhooks/webhook-secrets'

import { pool, prisma } from '@/lib/db'
import { inRequest } from '@/test/access/next-request-scope'
import { actions, roleMayPass, type Gate, type Principal } from '@/test/access/surface'
import { headersFor, type TestUser, type World } from '@/test/access/world'
import { formData, setUpAccessWorld } from '@/test/access/set-up-world'
import { idleState } from '@/components/ui/form-state'

// Every server action × anonymous and each role, called as Next calls it (prevState, FormData) with a
// real session cookie: an allowed role's change happens; anyone else gets the refusal message back,
// nothing changes, and nothing secret comes back. Team actions are also aimed at the other team.

const hex = () => randomBytes(4).toString('hex')
const actor = { name: 'access-test' }

let world: World
setUpAccessWorld((w) => (world = w))

/** Runs an action as `who`; a redirect (Next throws it) comes back as { redirect }. */
async function as(who: Principal | TestUser, run: () => Promise<unknown>): Promise<Record<string, unknown>> {
  const { result } = await inRequest(await headersFor(world, who), async () => {
    try {
      return (await run()) as Record<string, unknown>
    } catch (err) {
      const digest = (err as { digest?: unknown }).digest
      if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT')) return { redirect: digest.split(';')[2] }
      throw err
    }
  })
  return result
}

type Probe = {
  /** Calls the action for this principal and tells whether its change happened. */
  attempt: (who: Principal | TestUser) => Promise<{ state: Record<string, unknown>; changed: boolean }>
}

const countVersions = (modelId: number) => prisma.priceVersion.count({ where: { modelId } })
const countRuns = (modelId: number) => prisma.repriceRun.count({ where: { modelId } })
// The world's model is new for this file, so successive days never collide with an existing version.
let dayCounter = 0
const nextDay = () => new Date(Date.UTC(2001, 0, 1) + dayCounter++ * 86_400_000).toISOString().slice(0, 10)
// Price-drift days: after the world model's 2020 price, one per attempt.
let driftCounter = 0
const nextDriftDay = () => new Date(Date.UTC(2022, 0, 1) + (driftCounter++ + Math.floor(Math.random() * 3000) * 10) * 86_400_000).toISOString().slice(0, 10)

/** A day where the bill charges 1.5× what was tracked for the same tokens: a price drift to accept. */
async function seedPriceDrift(): Promise<string> {
  const day = nextDriftDay()
  await pool.query(
    `INSERT INTO rollups_daily (team_id, day, model_key, model_id, calls, input_tokens, output_tokens, cost) VALUES ($1, $2, $3, $4, 1, 1000, 100, 0.0012)
     ON CONFLICT DO NOTHING`,
    [world.own.id, day, world.model.slug, world.model.id],
  )
  const imp = await prisma.billImport.create({ data: { provider: 'test', format: 'csv', fileNames: ['probe'], sha256: '', firstDay: new Date(day), lastDay: new Date(day), lines: 1, inserted: 1, updated: 0, unchanged: 0, createdBy: 'access-test' } })
  await pool.query(
    `INSERT INTO provider_bill_lines (provider, measure, day, line_key, model_raw, model_id, currency, amount, tokens, import_id) VALUES ('test', 'cost', $1, $2, $2, $3, 'USD', 0.0018, 1100, $4)
     ON CONFLICT DO NOTHING`,
    [day, world.model.slug, world.model.id, imp.id],
  )
  return day
}

async function newTeamKey(teamId: number) {
  return (await createApiKey(prisma, { teamId, name: `acc-${hex()}`, actor })).record
}

function probes(target: 'own' | 'other'): Record<string, Probe> {
  const team = () => (target === 'own' ? world.own : world.other)
  return {
    addPriceVersionAction: {
      async attempt(who) {
        const before = await countVersions(world.model.id)
        const state = await as(who, () =>
          modelActions.addPriceVersionAction(idleState(), formData({ modelId: String(world.model.id), effectiveDate: nextDay(), effectiveTime: '00:00', input: '1.5', output: '3' })),
        )
        return { state, changed: (await countVersions(world.model.id)) > before }
      },
    },
    infrastructurePriceAction: {
      async attempt(who) {
        const before = await countVersions(world.model.id)
        const state = await as(who, () =>
          modelActions.infrastructurePriceAction(idleState(), formData({ modelId: String(world.model.id), effectiveDate: nextDay(), effectiveTime: '12:34', gpuHourUsd: '2.40', tokensPerSecond: '1500', intent: 'save' })),
        )
        return { state, changed: (await countVersions(world.model.id)) > before }
      },
    },
    planRepriceAction: {
      async attempt(who) {
        const before = await countRuns(world.model.id)
        const state = await as(who, () => repriceActions.planRepriceAction(idleState(), formData({ from: '2021-01-01', to: '2021-01-02', modelId: String(world.model.id) })))
        return { state, changed: (await countRuns(world.model.id)) > before }
      },
    },
    applyRepriceAction: {
      async attempt(who) {
        const before = await countRuns(world.model.id)
        const state = await as(who, () => repriceActions.applyRepriceAction(idleState(), formData({ from: '2021-01-01', to: '2021-01-02', modelId: String(world.model.id) })))
        return { state, changed: (await countRuns(world.model.id)) > before }
      },
    },
    switchListPricesAction: {
      async attempt(who) {
        // A day far ahead: the catalog's prices in force now (which other tests read) stay as they are,
        // and nothing needs re-pricing. The versions it adds are removed again afterwards.
        const future = new Date(Date.UTC(2999, 0, 1) + dayCounter++ * 86_400_000)
        const added = () => prisma.priceVersion.count({ where: { source: 'litellm', effectiveFrom: future } })
        const state = await as(who, () => listPriceActions.switchListPricesAction(idleState(), formData({ effectiveDate: future.toISOString().slice(0, 10) })))
        const changed = (await added()) > 0
        await prisma.priceVersion.deleteMany({ where: { effectiveFrom: { gte: new Date(Date.UTC(2999, 0, 1)) } } })
        await prisma.priceVersion.updateMany({ where: { effectiveTo: { gte: new Date(Date.UTC(2999, 0, 1)) } }, data: { effectiveTo: null } })
        return { state, changed }
      },
    },
    closeMonthAction: {
      async attempt(who) {
        // A month long before any test data; closing freezes every team's (empty) statement for it.
        const month = `${1970 + Math.floor(Math.random() * 30)}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}`
        await prisma.monthClose.deleteMany({ where: { month, teamId: world.own.id } })
        const state = await as(who, () => reportActions.closeMonthAction(idleState(), formData({ month })))
        return { state, changed: (await prisma.monthClose.count({ where: { month, teamId: world.own.id } })) > 0 }
      },
    },
    savePolicyAction: {
      async attempt(who) {
        const before = await prisma.teamPolicy.count({ where: { teamId: team().id } })
        const state = await as(who, () => teamActions.savePolicyAction(idleState(), formData({ team: team().slug, monthlyBudget: '1234', alertThresholds: '50, 90' })))
        return { state, changed: (await prisma.teamPolicy.count({ where: { teamId: team().id } })) > before }
      },
    },
    previewPolicyAction: {
      async attempt(who) {
        // Saves nothing: what an unauthorised caller must not get is the replay of the team's calls.
        const state = await as(who, () => teamActions.previewPolicyAction(idleState(), formData({ team: team().slug, blockedModels: ['gpt-4o'], alertThresholds: '50, 90' })))
        return { state, changed: state.status === 'ok' && 'impact' in state }
      },
    },
    createKeyAction: {
      async attempt(who) {
        const name = `acc-${hex()}`
        const state = await as(who, () => teamActions.createKeyAction(idleState(), formData({ team: team().slug, name, scopes: ['usage:write'] })))
        return { state, changed: (await prisma.apiKey.count({ where: { name, teamId: team().id } })) > 0 }
      },
    },
    revokeKeyAction: {
      async attempt(who) {
        const key = await newTeamKey(team().id)
        const state = await as(who, () => teamActions.revokeKeyAction(idleState(), formData({ team: team().slug, prefix: key.prefix })))
        return { state, changed: (await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt !== null }
      },
    },
    createUserAction: {
      async attempt(who) {
        const email = `acc-new-${hex()}@example.test`
        const state = await as(who, () => settingsActions.createUserAction(idleState(), formData({ email, name: 'New', role: 'engineer', team: world.own.slug, password: 'a-long-password' })))
        return { state, changed: (await prisma.user.count({ where: { email } })) > 0 }
      },
    },
    updateUserRoleAction: {
      async attempt(who) {
        const u = await prisma.user.create({ data: { email: `acc-target-${hex()}@example.test`, name: 'Target', role: 'engineer', teamId: world.own.id } })
        const state = await as(who, () => settingsActions.updateUserRoleAction(idleState(), formData({ userId: String(u.id), role: 'team_lead', team: world.own.slug })))
        return { state, changed: (await prisma.user.findUniqueOrThrow({ where: { id: u.id } })).role === 'team_lead' }
      },
    },
    setUserDisabledAction: {
      async attempt(who) {
        const u = await prisma.user.create({ data: { email: `acc-target-${hex()}@example.test`, name: 'Target', role: 'engineer', teamId: world.own.id } })
        const state = await as(who, () => settingsActions.setUserDisabledAction(idleState(), formData({ userId: String(u.id), disabled: 'true' })))
        return { state, changed: (await prisma.user.findUniqueOrThrow({ where: { id: u.id } })).disabledAt !== null }
      },
    },
    createTeamAction: {
      async attempt(who) {
        const slug = `acc-new-${hex()}`
        const state = await as(who, () => settingsActions.createTeamAction(idleState(), formData({ slug, name: 'New team' })))
        return { state, changed: (await prisma.team.count({ where: { slug } })) > 0 }
      },
    },
    createOrgKeyAction: {
      async attempt(who) {
        const name = `acc-org-${hex()}`
        const state = await as(who, () => settingsActions.createOrgKeyAction(idleState(), formData({ name })))
        return { state, changed: (await prisma.apiKey.count({ where: { name, teamId: null } })) > 0 }
      },
    },
    acceptPriceDriftAction: {
      async attempt(who) {
        const day = await seedPriceDrift()
        const state = await as(who, () => reconciliationActions.acceptPriceDriftAction(idleState(), formData({ provider: 'test', date: day, model: world.model.slug })))
        return { state, changed: (await prisma.priceVersion.count({ where: { modelId: world.model.id, effectiveFrom: new Date(`${day}T00:00:00Z`) } })) > 0 }
      },
    },
    saveReconciliationSettingsAction: {
      async attempt(who) {
        // Two decimals written as text (a float sum can print 92.72999999999999, which the form refuses).
        const threshold = `${50 + Math.floor(Math.random() * 49)}.${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`
        const current = await prisma.reconciliationSettings.findUnique({ where: { id: 1 }, include: { alertTeam: true } })
        const state = await as(who, () =>
          reconciliationActions.saveReconciliationSettingsAction(idleState(), formData({ threshold, alertTeam: current?.alertTeam?.slug ?? '' })),
        )
        const after = await prisma.reconciliationSettings.findUnique({ where: { id: 1 } })
        return { state, changed: after !== null && after.captureThresholdPercent.equals(threshold) }
      },
    },
    revokeOrgKeyAction: {
      async attempt(who) {
        const { record } = await createApiKey(prisma, { teamId: null, name: `acc-org-${hex()}`, actor })
        const state = await as(who, () => settingsActions.revokeOrgKeyAction(idleState(), formData({ prefix: record.prefix })))
        return { state, changed: (await prisma.apiKey.findUniqueOrThrow({ where: { id: record.id } })).revokedAt !== null }
      },
    },
    rotateWebhookSecretAction: {
      async attempt(who) {
        const before = await prisma.webhookSecret.count({ where: { teamId: world.own.id } })
        const state = await as(who, () => settingsActions.rotateWebhookSecretAction({ status: 'idle', message: null, fieldErrors: {}, values: {}, seq: 0 }, formData({ team: world.own.slug })))
        return { state, changed: (await prisma.webhookSecret.count({ where: { teamId: world.own.id } })) > before }
      },
    },
    sendTestWebhookAction: {
      async attempt(who) {
        // A public name that does not resolve here: the send fails, but an allowed call audits its attempt.
        await prisma.teamPolicy.create({ data: { teamId: world.other.id, version: 1_000_000 + dayCounter++, webhookUrl: 'https://hooks.access-test.invalid/acc' } })
        if ((await prisma.webhookSecret.count({ where: { teamId: world.other.id } })) === 0) await rotateWebhookSecret(prisma, { teamId: world.other.id, actor })
        const before = await prisma.auditLog.count({ where: { teamId: world.other.id, action: 'webhook.test' } })
        const state = await as(who, () => settingsActions.sendTestWebhookAction({ status: 'idle', message: null, fieldErrors: {}, values: {}, seq: 0 }, formData({ team: world.other.slug })))
        return { state, changed: (await prisma.auditLog.count({ where: { teamId: world.other.id, action: 'webhook.test' } })) > before }
      },
    },
  }
}

const refusal = /not allowed|may not|session has ended/i

function expectRefused(state: Record<string, unknown>, changed: boolean, label: string, anonymous: boolean) {
  expect(changed, `${label}: the change happened`).toBe(false)
  expect(state.redirect, label).toBeUndefined()
  expect(state.status, label).toBe('error')
  expect(String(state.message), label).toMatch(anonymous ? /session has ended/i : /not allowed|may not/i)
  // Nothing comes back but the refusal and the caller's own input.
  expect(state).not.toHaveProperty('key')
  expect(state).not.toHaveProperty('secret')
  expect(state).not.toHaveProperty('plan')
  expect(state).not.toHaveProperty('runId')
}

function expectAllowed(state: Record<string, unknown>, changed: boolean, label: string) {
  expect(String(state.message ?? ''), label).not.toMatch(refusal)
  expect(changed, `${label}: ${JSON.stringify(state).slice(0, 300)}`).toBe(true)
}

const inProcess = actions.filter((a) => !a.e2eOnly && a.gate.kind !== 'public')

describe('every server action has a probe here (or an e2e-only reason)', () => {
  it.each(actions.map((a) => ({ name: a.name, e2eOnly: a.e2eOnly, gate: a.gate })))('$name', ({ name, e2eOnly, gate }) => {
    if (e2eOnly) return expect(e2eOnly.length).toBeGreaterThan(10)
    if (gate.kind === 'public') return // login actions: test/integration/access-sessions.test.ts
    expect(Object.keys(probes('own')), `write a probe for ${name}`).toContain(name)
  })
})

describe.each(inProcess.map((a) => ({ name: a.name, gate: a.gate })))('$name', ({ name, gate }: { name: string; gate: Gate }) => {
  it('anonymous: refused, nothing changes', async () => {
    const { state, changed } = await probes('own')[name]!.attempt('anonymous')
    expectRefused(state, changed, `anonymous ${name}`, true)
  })

  it.each(roles.map((role) => ({ role })))('$role: changes exactly when the permissions table allows', async ({ role }: { role: Role }) => {
    const { state, changed } = await probes('own')[name]!.attempt(role)
    if (roleMayPass(role, gate)) expectAllowed(state, changed, `${role} ${name}`)
    else expectRefused(state, changed, `${role} ${name}`, false)
  })

  if (gate.kind === 'team') {
    it.each(roles.map((role) => ({ role })))("$role on the other team's slug: only roles that reach every team", async ({ role }: { role: Role }) => {
      const { state, changed } = await probes('other')[name]!.attempt(role)
      if (roleMayPass(role, { ...gate, team: 'other' })) expectAllowed(state, changed, `${role} ${name} (other team)`)
      else expectRefused(state, changed, `${role} ${name} (other team)`, false)
    })
  }
})

describe('tenant wall in server-action arguments', () => {
  it("revoking the other team's key by prefix through one's own team form is 'not found', and the key stays active", async () => {
    const key = await newTeamKey(world.other.id)
    for (const who of ['team_lead', 'engineer'] as const) {
      const state = await as(who, () => teamActions.revokeKeyAction(idleState(), formData({ team: world.own.slug, prefix: key.prefix })))
      expect(state.status).toBe('error')
      expect(String(state.message)).toMatch(/no API key with prefix/)
      expect(String(state.message)).not.toContain(world.other.slug)
    }
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull()
  })

  it('a guessed team slug gets the same answer as a real other team (no probing for slugs)', async () => {
    const real = await as('team_lead', () => teamActions.createKeyAction(idleState(), formData({ team: world.other.slug, name: `acc-${hex()}` })))
    const guessed = await as('team_lead', () => teamActions.createKeyAction(idleState(), formData({ team: `acc-guess-${hex()}`, name: `acc-${hex()}` })))
    expect(real).toEqual(guessed)
  })

  it("the other team's lead cannot touch this team's policy or keys either", async () => {
    for (const [name, probe] of Object.entries(probes('own')).filter(([n]) => ['savePolicyAction', 'previewPolicyAction', 'createKeyAction', 'revokeKeyAction'].includes(n))) {
      const { state, changed } = await probe.attempt(world.otherLead)
      expectRefused(state, changed, `other lead ${name}`, false)
    }
  })

  it('a demoted user loses an action at the next session check, without signing out (role comes from the DB, not the cookie)', async () => {
    const u = await prisma.user.create({ data: { email: `acc-demote-${hex()}@example.test`, name: 'Demoted', role: 'admin' } })
    const allowed = await probes('own').createTeamAction!.attempt(u as TestUser)
    expect(allowed.changed).toBe(true)
    await prisma.user.update({ where: { id: u.id }, data: { role: 'engineer', teamId: world.own.id } })
    const refused = await probes('own').createTeamAction!.attempt(u as TestUser)
    expectRefused(refused.state, refused.changed, 'demoted admin', false)
    await prisma.user.update({ where: { id: u.id }, data: { disabledAt: new Date() } })
    const disabled = await probes('own').createKeyAction!.attempt(u as TestUser)
    expectRefused(disabled.state, disabled.changed, 'disabled user', true)
  })
})
