import { randomBytes } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'

vi.hoisted(() => {
  process.env.AUTH_SECRET ??= 'access-tests-only-secret-0123456789'
})
vi.mock('next/headers', () => import('@/test/access/next-request-scope'))
vi.mock('next/cache', () => import('@/test/access/next-request-scope'))

import type { AuditLog } from '@prisma/client'
import * as modelActions from '@/app/(app)/models/actions'
import * as repriceActions from '@/app/(app)/models/reprice/actions'
import * as reconciliationActions from '@/app/(app)/reconciliation/actions'
import * as reportActions from '@/app/(app)/reports/actions'
import * as settingsActions from '@/app/(app)/settings/actions'
import * as teamActions from '@/app/(app)/teams/[slug]/actions'

import { pool, prisma } from '@/lib/db'
import { runRepriceChunked } from '@/lib/pricing/reprice/run-reprice-chunked'
import { callRoute } from '@/test/access/call-route'
import { inRequest } from '@/test/access/next-request-scope'
import { headersFor, type TestUser, type World } from '@/test/access/world'
import { formData, setUpAccessWorld } from '@/test/access/set-up-world'
import { idleState } from '@/components/ui/form-state'

// Every privileged change made through its real entry point (the server action or route handler a
// person uses, with a real session) leaves one audit row: who (email and user id), when, what, and the
// before/after that lets someone reconstruct the change.

const hex = () => randomBytes(4).toString('hex')
const textOf = (row: AuditLog) => JSON.stringify({ ...row, id: String(row.id) })
const idle = idleState()

let world: World
setUpAccessWorld((w) => (world = w))

async function as<T>(who: TestUser, run: () => Promise<T>): Promise<T | { redirect: string }> {
  const { result } = await inRequest(await headersFor(world, who), async () => {
    try {
      return await run()
    } catch (err) {
      const digest = String((err as { digest?: unknown }).digest ?? '')
      if (digest.startsWith('NEXT_REDIRECT')) return { redirect: digest.split(';')[2] ?? '' }
      throw err
    }
  })
  return result
}

/** The single audit row of this action on this entity since `since`, made by `who`. */
async function auditRow(since: Date, who: TestUser, action: string, where: { entityId?: string; teamId?: number } = {}): Promise<AuditLog> {
  const rows = await prisma.auditLog.findMany({ where: { action, createdAt: { gte: since }, ...where, ...(where.entityId ? {} : { actorId: who.id }) } })
  expect(rows, `${action} ${JSON.stringify(where)}`).toHaveLength(1)
  const row = rows[0]!
  expect(row).toMatchObject({ actor: who.email, actorId: who.id })
  expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(since.getTime())
  expect(row.createdAt.getTime()).toBeLessThanOrEqual(Date.now())
  return row
}

describe('prices', () => {
  it('adding a price version (finance, Models page form): the version and the one it closed', async () => {
    const finance = world.users.finance
    const since = new Date()
    const state = await as(finance, () => modelActions.addPriceVersionAction(idle, formData({ modelId: String(world.model.id), effectiveDate: '2024-03-01', effectiveTime: '00:00', input: '2.5', output: '10' })))
    expect(state).toMatchObject({ status: 'ok' })
    const row = await auditRow(since, finance, 'price.add')
    expect(row.entityType).toBe('price_version')
    expect(row.before).toMatchObject({ closed: [expect.objectContaining({ effectiveFrom: '2020-01-01T00:00:00.000Z', effectiveTo: null })] })
    expect(row.after).toMatchObject({ model: world.model.slug, closedAt: '2024-03-01T00:00:00.000Z' })
    expect(JSON.stringify(row.after)).toContain('2.5')
  })

  it('a self-hosted (infrastructure) price: the derived rate and how it was derived', async () => {
    const admin = world.users.admin
    const since = new Date()
    await as(admin, () => modelActions.infrastructurePriceAction(idle, formData({ modelId: String(world.model.id), effectiveDate: '2024-06-01', effectiveTime: '00:00', gpuHourUsd: '3.60', tokensPerSecond: '1000', intent: 'save' })))
    const row = await auditRow(since, admin, 'price.add')
    expect(row.before).toMatchObject({ closed: [expect.objectContaining({ effectiveFrom: '2024-03-01T00:00:00.000Z' })] })
    expect(JSON.stringify(row.after)).toContain('infrastructure')
    expect(JSON.stringify(row.after)).toContain('GPU $3.60/h')
  })

  it('a LiteLLM import applied through the upload route: one row per price added, by the uploader', async () => {
    const finance = world.users.finance
    const since = new Date()
    const fd = new FormData()
    fd.set('file', new File([JSON.stringify({ [world.model.slug]: { input_cost_per_token: 0.000004, output_cost_per_token: 0.000008, litellm_provider: 'test', mode: 'chat' } })], 'p.json', { type: 'application/json' }))
    fd.set('mode', 'apply')
    fd.set('effectiveDate', '2024-09-01')
    const res = await callRoute('app/(app)/models/import/upload/route.ts', 'POST', '/models/import/upload', { headers: await headersFor(world, finance), body: fd })
    expect(res.status, await res.clone().text()).toBe(200)
    const row = await auditRow(since, finance, 'price.add')
    expect(row.after).toMatchObject({ model: world.model.slug })
    expect(JSON.stringify(row.after)).toContain('litellm')
  })
})

describe('provider bills', () => {
  it('loading a bill through the page upload (finance): files, days and line counts, by the uploader', async () => {
    const finance = world.users.finance
    const since = new Date()
    const provider = `audit-${hex()}`
    const fd = new FormData()
    fd.set('file', new File([`date,provider,model,cost\n2024-03-05,${provider},${world.model.slug},2.5\n`], 'march.csv', { type: 'text/csv' }))
    fd.set('provider', 'csv')
    fd.set('mode', 'import')
    const res = await callRoute('app/(app)/reconciliation/upload/route.ts', 'POST', '/reconciliation/upload', { headers: await headersFor(world, finance), body: fd })
    expect(res.status, await res.clone().text()).toBe(200)
    const { importId } = (await res.json()) as { importId: number }
    const row = await auditRow(since, finance, 'bill.import', { entityId: String(importId) })
    expect(row.after).toMatchObject({ format: 'csv', files: ['march.csv'], firstDay: '2024-03-05', lastDay: '2024-03-05', lines: 1, inserted: 1, updated: 0 })
    expect(row.before).toBeNull()
  })

  it('the capture-rate alert settings (admin): threshold and team before → after', async () => {
    const admin = world.users.admin
    const since = new Date()
    const state = await as(admin, () => reconciliationActions.saveReconciliationSettingsAction(idleState(), formData({ threshold: '97.5', alertTeam: world.own.slug })))
    expect(state).toMatchObject({ status: 'ok' })
    const row = await auditRow(since, admin, 'reconciliation.settings')
    expect(row.after).toEqual({ thresholdPercent: '97.5', alertTeam: world.own.slug })
  })
})

describe('policies and budgets', () => {
  it("a team lead's policy save: the whole policy before and after (budget, thresholds)", async () => {
    const lead = world.users.team_lead
    const save = (budget: string) => as(lead, () => teamActions.savePolicyAction(idleState(), formData({ team: world.own.slug, monthlyBudget: budget, alertThresholds: '50, 80, 100' })))
    await save('1000')
    const since = new Date()
    expect(await save('2500.50')).toMatchObject({ status: 'ok' })
    const row = await auditRow(since, lead, 'policy.update', { teamId: world.own.id })
    expect(row.entityType).toBe('team_policy')
    expect(row.before).toMatchObject({ monthlyBudget: '1000' })
    expect(row.after).toMatchObject({ monthlyBudget: '2500.5', alertThresholds: [50, 80, 100] })
  })
})

describe('API keys', () => {
  it('team key create and revoke (engineer): name, prefix, scopes; revokedAt before → after', async () => {
    const engineer = world.users.engineer
    const name = `acc-${hex()}`
    let since = new Date()
    const created = await as(engineer, () => teamActions.createKeyAction(idleState(), formData({ team: world.own.slug, name, scopes: ['usage:write'] })))
    const record = await prisma.apiKey.findFirstOrThrow({ where: { name, teamId: world.own.id } })
    const createRow = await auditRow(since, engineer, 'api_key.create', { entityId: String(record.id) })
    expect(createRow).toMatchObject({ entityType: 'api_key', teamId: world.own.id, after: { name, prefix: record.prefix, scopes: ['usage:write'] } })
    // The secret is never in the audit log.
    expect(textOf(createRow)).not.toContain((created as { key: string }).key)
    expect(textOf(createRow)).not.toContain(record.hash)

    since = new Date()
    await as(engineer, () => teamActions.revokeKeyAction(idleState(), formData({ team: world.own.slug, prefix: record.prefix })))
    const revokeRow = await auditRow(since, engineer, 'api_key.revoke', { entityId: String(record.id) })
    expect(revokeRow.before).toMatchObject({ prefix: record.prefix, revokedAt: null })
    expect((revokeRow.after as { revokedAt: string }).revokedAt).toMatch(/^\d{4}-/)
  })

  it('webhook signing secret rotation (admin, Settings → Webhooks): when the old one stops, never a secret', async () => {
    const admin = world.users.admin
    const since = new Date()
    const state = await as(admin, () => settingsActions.rotateWebhookSecretAction({ ...idle, seq: 0 }, formData({ team: world.own.slug })))
    const secret = (state as { secret?: string }).secret ?? ''
    expect(secret).toMatch(/^whsec_/)
    const current = await prisma.webhookSecret.findFirstOrThrow({ where: { teamId: world.own.id, expiresAt: null } })
    const row = await auditRow(since, admin, 'webhook_secret.rotate', { entityId: String(current.id) })
    expect(row.teamId).toBe(world.own.id)
    expect(textOf(row)).not.toContain(secret.slice(6))
    expect(textOf(row)).not.toContain(current.ciphertext)
  })

  it('org-wide key create and revoke (admin, Settings)', async () => {
    const admin = world.users.admin
    const name = `acc-org-${hex()}`
    let since = new Date()
    await as(admin, () => settingsActions.createOrgKeyAction({ ...idle, seq: 0 }, formData({ name })))
    const record = await prisma.apiKey.findFirstOrThrow({ where: { name, teamId: null } })
    expect((await auditRow(since, admin, 'api_key.create', { entityId: String(record.id) })).after).toMatchObject({ name, scopes: ['spend:read:all'] })
    since = new Date()
    await as(admin, () => settingsActions.revokeOrgKeyAction({ ...idle, seq: 0 }, formData({ prefix: record.prefix })))
    expect((await auditRow(since, admin, 'api_key.revoke', { entityId: String(record.id) })).before).toMatchObject({ revokedAt: null })
  })
})

describe('users, roles and teams', () => {
  it('create a user, change their role and team, disable them: each with before/after, never the password', async () => {
    const admin = world.users.admin
    const email = `acc-user-${hex()}@example.test`
    let since = new Date()
    await as(admin, () => settingsActions.createUserAction({ ...idle, seq: 0 }, formData({ email, name: 'Audited', role: 'engineer', team: world.own.slug, password: 'a-secret-password-1' })))
    const user = await prisma.user.findUniqueOrThrow({ where: { email } })
    const created = await auditRow(since, admin, 'user.create', { entityId: String(user.id) })
    expect(created.after).toMatchObject({ email, role: 'engineer', team: world.own.slug })
    expect(textOf(created)).not.toContain('a-secret-password-1')
    expect(textOf(created)).not.toContain(user.passwordHash!)

    since = new Date()
    await as(admin, () => settingsActions.updateUserRoleAction({ ...idle, seq: 0 }, formData({ userId: String(user.id), role: 'team_lead', team: world.other.slug })))
    const updated = await auditRow(since, admin, 'user.update', { entityId: String(user.id) })
    expect(updated.before).toMatchObject({ role: 'engineer', team: world.own.slug })
    expect(updated.after).toMatchObject({ role: 'team_lead', team: world.other.slug })

    since = new Date()
    await as(admin, () => settingsActions.setUserDisabledAction({ ...idle, seq: 0 }, formData({ userId: String(user.id), disabled: 'true' })))
    const disabled = await auditRow(since, admin, 'user.disable', { entityId: String(user.id) })
    expect(disabled.before).toMatchObject({ disabledAt: null })
    expect((disabled.after as { disabledAt: string }).disabledAt).toMatch(/^\d{4}-/)
  })

  it('create a team', async () => {
    const admin = world.users.admin
    const slug = `acc-team-${hex()}`
    const since = new Date()
    await as(admin, () => settingsActions.createTeamAction({ ...idle, seq: 0 }, formData({ slug, name: 'Audited team' })))
    const team = await prisma.team.findUniqueOrThrow({ where: { slug } })
    expect((await auditRow(since, admin, 'team.create', { entityId: String(team.id) })).after).toEqual({ slug, name: 'Audited team' })
  })
})

describe('month close and re-price', () => {
  it("closing a month (finance): one row per team frozen, with the statement's totals", async () => {
    const finance = world.users.finance
    // A month long before any data: every team's statement is empty, so the numbers are known.
    const month = `19${70 + Math.floor(Math.random() * 29)}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}`
    await prisma.monthClose.deleteMany({ where: { month, teamId: { in: [world.own.id, world.other.id] } } })
    const since = new Date()
    const state = await as(finance, () => reportActions.closeMonthAction(idleState(), formData({ month })))
    expect(state).toMatchObject({ status: 'ok' })
    const row = await auditRow(since, finance, 'month.close', { teamId: world.own.id })
    expect(row.entityType).toBe('month_close')
    expect(row.after).toMatchObject({ month, totalCost: '0', calls: 0, unpricedCalls: 0 })
  })

  it('a re-price: the dry run, the start, and when the worker applies it the costs before → after, all by the person who asked', async () => {
    const finance = world.users.finance
    const from = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10)
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
    let since = new Date()
    const planned = (await as(finance, () => repriceActions.planRepriceAction(idle, formData({ from, to, modelId: String(world.model.id) })))) as { runId: number }
    expect((await auditRow(since, finance, 'reprice.plan', { entityId: String(planned.runId) })).after).toMatchObject({ dryRun: true, modelId: world.model.id })

    // A new price in force for the window, so applying it changes the two world events' cost.
    await as(finance, () => modelActions.addPriceVersionAction(idle, formData({ modelId: String(world.model.id), effectiveDate: from, effectiveTime: '00:00', input: '100', output: '200' })))
    since = new Date()
    const applied = (await as(finance, () => repriceActions.applyRepriceAction(idle, formData({ from, to, modelId: String(world.model.id) })))) as { redirect: string }
    const runId = Number(new URL(applied.redirect, 'http://localhost').searchParams.get('run'))
    expect((await auditRow(since, finance, 'reprice.start', { entityId: String(runId) })).after).toMatchObject({ dryRun: false, events: 2 })

    // What the reprice worker runs for the job (workers/reprice.ts).
    const result = await runRepriceChunked(pool, runId)
    const finish = await auditRow(since, finance, 'reprice.finish', { entityId: String(runId) })
    expect(finish.before).toEqual({ cost: result.oldCost })
    expect(finish.after).toMatchObject({ cost: result.newCost, delta: result.delta, events: 2, changed: 2 })
    expect(result.newCost).not.toBe(result.oldCost)
  })
})
