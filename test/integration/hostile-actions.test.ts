import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { addPriceVersionAction, infrastructurePriceAction } from '@/app/(app)/models/actions'
import { switchListPricesAction } from '@/app/(app)/models/list-prices/actions'
import { planRepriceAction } from '@/app/(app)/models/reprice/actions'
import { saveReconciliationSettingsAction } from '@/app/(app)/reconciliation/actions'
import { closeMonthAction } from '@/app/(app)/reports/actions'
import { createOrgKeyAction, createTeamAction, createUserAction, revokeOrgKeyAction, setUserDisabledAction, updateUserRoleAction } from '@/app/(app)/settings/actions'
import { createKeyAction, previewPolicyAction, revokeKeyAction, savePolicyAction } from '@/app/(app)/teams/[slug]/actions'
import { createApiKey } from '@/lib/auth/api-keys'
import { prisma } from '@/lib/db'
import { initialPolicyFormState } from '@/components/teams/policy-form-data'
import { initialPolicyPreviewState } from '@/components/teams/policy-preview-state'
import { randomSlug } from './fixtures'
import { idleState } from '@/components/ui/form-state'

// Hostile form posts to the server actions (issue #8), called in-process the way Next calls them: a
// FormData from anyone who can reach the action id. Each must come back as an error state with a message
// that says what is wrong (never the generic "something went wrong" that stands for a 500), and write
// nothing: no row in the entity tables, no audit entry.

const authState = vi.hoisted(() => ({ session: null as unknown }))
vi.mock('@/auth', () => ({ auth: async () => authState.session }))
// revalidatePath needs Next's request store; the cache it clears is not what these tests are about.
vi.mock('next/cache', () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }))

type Role = 'admin' | 'finance' | 'team_lead' | 'engineer' | 'none'
type Outcome = { status: string; message?: string | null; fieldErrors?: Record<string, string | undefined> }
type ActionCase = {
  name: string
  as: Role
  run: (fd: FormData) => Promise<Outcome>
  form: (w: World) => Record<string, string | string[]>
  /** The message (or, with `field`, that field's error) must match. */
  expect: RegExp
  field?: string
}

type World = {
  teamA: { id: number; slug: string }
  teamB: { id: number; slug: string }
  teamBKeyPrefix: string
  modelId: number
  users: Record<Exclude<Role, 'none'>, { id: number; email: string }>
}

let w: World
const sessionPrev = idleState()
const price = (x: Record<string, string> = {}) => (wd: World) => ({ modelId: String(wd.modelId), effectiveDate: '2031-05-05', effectiveTime: '00:00', input: '1.25', output: '5', ...x })
const policy = (x: Record<string, string | string[]> = {}) => (wd: World) => ({ team: wd.teamA.slug, ...x })

const addPrice = (fd: FormData) => addPriceVersionAction(idleState(), fd)
const infra = (fd: FormData) => infrastructurePriceAction(idleState(), fd)
const plan = (fd: FormData) => planRepriceAction(idleState(), fd)
const close = (fd: FormData) => closeMonthAction(idleState(), fd)
const savePolicy = (fd: FormData) => savePolicyAction(initialPolicyFormState, fd)
const previewPolicy = (fd: FormData) => previewPolicyAction(initialPolicyPreviewState, fd)
const createKey = async (fd: FormData): Promise<Outcome> => createKeyAction(idleState(), fd)
const revokeKey = async (fd: FormData): Promise<Outcome> => revokeKeyAction(idleState(), fd)


const cases: ActionCase[] = [
  // Prices
  { name: 'price: 2025-02-30 (was saved as March 2)', as: 'admin', run: addPrice, form: price({ effectiveDate: '2025-02-30' }), field: 'effectiveDate', expect: /Not a real date/ },
  { name: 'price: year 0000', as: 'admin', run: addPrice, form: price({ effectiveDate: '0000-01-01' }), field: 'effectiveDate', expect: /Not a real date/ },
  { name: 'price: date with a time zone', as: 'admin', run: addPrice, form: price({ effectiveDate: '2031-01-01T00:00:00Z' }), field: 'effectiveDate', expect: /YYYY-MM-DD/ },
  { name: 'price: model id past int4', as: 'admin', run: addPrice, form: price({ modelId: '99999999999' }), field: 'modelId', expect: /Pick a model/ },
  { name: 'price: model id 1e400', as: 'admin', run: addPrice, form: price({ modelId: '1e400' }), field: 'modelId', expect: /Pick a model/ },
  { name: 'price: model id __proto__', as: 'admin', run: addPrice, form: price({ modelId: '__proto__' }), field: 'modelId', expect: /Pick a model/ },
  { name: 'price: model id -1', as: 'admin', run: addPrice, form: price({ modelId: '-1' }), field: 'modelId', expect: /Pick a model/ },
  { name: 'price: model id that does not exist', as: 'admin', run: addPrice, form: price({ modelId: '2147483647' }), field: 'modelId', expect: /unknown model/i },
  { name: 'price: input 1e400', as: 'admin', run: addPrice, form: price({ input: '1e400' }), field: 'input', expect: /USD per 1M tokens/ },
  { name: 'price: input negative', as: 'admin', run: addPrice, form: price({ input: '-1' }), field: 'input', expect: /USD per 1M tokens/ },
  { name: 'price: input with 10 decimals', as: 'admin', run: addPrice, form: price({ input: '0.0000000001' }), field: 'input', expect: /at most 9 decimals/ },
  { name: 'price: input with 12 integer digits', as: 'admin', run: addPrice, form: price({ input: '999999999999' }), field: 'input', expect: /USD per 1M tokens/ },
  { name: 'price: output NaN', as: 'admin', run: addPrice, form: price({ output: 'NaN' }), field: 'output', expect: /USD per 1M tokens/ },
  { name: 'price: SQL as a price', as: 'admin', run: addPrice, form: price({ output: "1'; DROP TABLE price_versions; --" }), field: 'output', expect: /USD per 1M tokens/ },
  { name: 'price: NUL in the note', as: 'admin', run: addPrice, form: price({ note: 'a\u0000b' }), field: 'note', expect: /NUL/ },
  { name: 'price: note of 501 characters', as: 'admin', run: addPrice, form: price({ note: 'n'.repeat(501) }), field: 'note', expect: /under 500/ },
  { name: 'price: time 24:00', as: 'admin', run: addPrice, form: price({ effectiveTime: '24:00' }), field: 'effectiveTime', expect: /HH:MM/ },
  { name: 'price: time with seconds', as: 'admin', run: addPrice, form: price({ effectiveTime: '10:00:60' }), field: 'effectiveTime', expect: /HH:MM/ },
  { name: 'price: engineer', as: 'engineer', run: addPrice, form: price(), expect: /may not change prices/ },
  { name: 'price: no session', as: 'none', run: addPrice, form: price(), expect: /session has ended/ },
  { name: 'infrastructure price: zero throughput', as: 'admin', run: infra, form: (wd) => ({ modelId: String(wd.modelId), effectiveDate: '2031-05-06', gpuHourUsd: '2.4', tokensPerSecond: '0', intent: 'save' }), field: 'tokensPerSecond', expect: /above 0/ },
  { name: 'infrastructure price: GPU cost 1e400', as: 'admin', run: infra, form: (wd) => ({ modelId: String(wd.modelId), effectiveDate: '2031-05-06', gpuHourUsd: '1e400', tokensPerSecond: '100', intent: 'save' }), field: 'gpuHourUsd', expect: /USD per GPU-hour/ },
  { name: 'infrastructure price: a rate past NUMERIC(20,9)', as: 'admin', run: infra, form: (wd) => ({ modelId: String(wd.modelId), effectiveDate: '2031-05-06', gpuHourUsd: '999999999999', tokensPerSecond: '0.000000001', intent: 'save' }), expect: /too large/ },
  // Re-pricing
  { name: 'reprice: from 2025-02-30', as: 'finance', run: plan, form: () => ({ from: '2025-02-30', to: '2025-03-02' }), field: 'from', expect: /Not a real date/ },
  { name: 'reprice: year 0000', as: 'finance', run: plan, form: () => ({ from: '0000-01-01', to: '0000-01-02' }), field: 'from', expect: /Not a real date/ },
  { name: 'reprice: ends 9999-12-31', as: 'finance', run: plan, form: () => ({ from: '9999-12-01', to: '9999-12-31' }), field: 'to', expect: /before 9999-12-31/ },
  { name: 'reprice: to before from', as: 'finance', run: plan, form: () => ({ from: '2025-02-01', to: '2025-01-01' }), field: 'to', expect: /before the start/ },
  { name: 'reprice: 401 days', as: 'finance', run: plan, form: () => ({ from: '2024-01-01', to: '2025-02-04' }), field: 'to', expect: /At most 400 days/ },
  { name: 'reprice: model id past int4', as: 'finance', run: plan, form: () => ({ from: '2025-01-01', to: '2025-01-02', modelId: '99999999999' }), field: 'modelId', expect: /Pick a model/ },
  { name: 'reprice: engineer', as: 'engineer', run: plan, form: () => ({ from: '2025-01-01', to: '2025-01-02' }), expect: /may not re-price/ },
  { name: 'switch to list prices: 2025-02-30', as: 'admin', run: (fd) => switchListPricesAction(idleState(), fd), form: () => ({ effectiveDate: '2025-02-30' }), expect: /"2025-02-30" is not a date/ },
  { name: 'switch to list prices: engineer', as: 'engineer', run: (fd) => switchListPricesAction(idleState(), fd), form: () => ({ effectiveDate: '2025-02-01' }), expect: /may not change prices/ },
  // Reconciliation settings
  { name: 'capture threshold 1e400', as: 'admin', run: (fd) => saveReconciliationSettingsAction(idleState(), fd), form: () => ({ threshold: '1e400', alertTeam: '' }), field: 'threshold', expect: /a percent above 0 and at most 100/ },
  { name: 'capture threshold NaN', as: 'admin', run: (fd) => saveReconciliationSettingsAction(idleState(), fd), form: () => ({ threshold: 'NaN', alertTeam: '' }), field: 'threshold', expect: /a percent above 0 and at most 100/ },
  { name: 'capture alerts to team __proto__', as: 'admin', run: (fd) => saveReconciliationSettingsAction(idleState(), fd), form: () => ({ threshold: '95', alertTeam: '__proto__' }), field: 'alertTeam', expect: /unknown team/ },
  // Month close
  { name: 'close month: 0000-01', as: 'finance', run: close, form: () => ({ month: '0000-01' }), expect: /month must be between/ },
  { name: 'close month: 0001-01 (was closed as if it were 1901)', as: 'finance', run: close, form: () => ({ month: '0001-01' }), expect: /month must be between/ },
  { name: 'close month: 2025-13', as: 'finance', run: close, form: () => ({ month: '2025-13' }), expect: /Pick a month/ },
  { name: 'close month: __proto__', as: 'finance', run: close, form: () => ({ month: '__proto__' }), expect: /Pick a month/ },
  { name: 'close month: the current month', as: 'finance', run: close, form: () => ({ month: new Date().toISOString().slice(0, 7) }), expect: /only months before the current one/ },
  { name: 'close month: engineer', as: 'engineer', run: close, form: () => ({ month: '2025-01' }), expect: /may not close a month/ },
  // Team policy and budget
  { name: 'policy: NUL in a blocked model', as: 'team_lead', run: savePolicy, form: policy({ blockedModels: 'gpt\u00004o' }), field: 'blockedModels', expect: /NUL/ },
  { name: 'policy: NUL in the webhook URL', as: 'team_lead', run: savePolicy, form: policy({ webhookUrl: 'https://hooks.example.com/\u0000' }), field: 'webhookUrl', expect: /NUL|http\(s\) URL/ },
  { name: 'policy: javascript: webhook', as: 'team_lead', run: savePolicy, form: policy({ webhookUrl: 'javascript:alert(1)' }), field: 'webhookUrl', expect: /starting with https:\/\/ or http:\/\// },
  { name: 'policy: webhook to cloud metadata (SSRF)', as: 'team_lead', run: savePolicy, form: policy({ webhookUrl: 'http://169.254.169.254/latest/meta-data/' }), field: 'webhookUrl', expect: /must reach a public address: 169\.254\.169\.254 is a link-local address/ },
  { name: 'policy: webhook to Redis on loopback, decimal (SSRF)', as: 'team_lead', run: savePolicy, form: policy({ webhookUrl: 'http://2130706433:6379/' }), field: 'webhookUrl', expect: /127\.0\.0\.1 is a loopback/ },
  { name: 'policy: budget 1e400', as: 'team_lead', run: savePolicy, form: policy({ monthlyBudget: '1e400' }), field: 'monthlyBudget', expect: /The monthly budget must be a dollar amount/ },
  { name: 'policy: budget negative', as: 'team_lead', run: savePolicy, form: policy({ monthlyBudget: '-5' }), field: 'monthlyBudget', expect: /The monthly budget must be a dollar amount/ },
  { name: 'policy: budget of 19 digits', as: 'team_lead', run: savePolicy, form: policy({ monthlyBudget: '1234567890123456789' }), field: 'monthlyBudget', expect: /18 digits before the point/ },
  { name: 'policy: budget NaN', as: 'team_lead', run: savePolicy, form: policy({ monthlyBudget: 'NaN' }), field: 'monthlyBudget', expect: /The monthly budget must be a dollar amount/ },
  { name: 'policy: max price per 1M with 7 decimals', as: 'team_lead', run: savePolicy, form: policy({ maxPricePer1M: '0.0000001' }), field: 'maxPricePer1M', expect: /per 1M input tokens.*at most 6 decimals/ },
  { name: 'policy: max price 1e3', as: 'team_lead', run: savePolicy, form: policy({ maxPricePer1M: '1e3' }), field: 'maxPricePer1M', expect: /per 1M input tokens/ },
  { name: 'policy preview: unknown target model', as: 'team_lead', run: previewPolicy, form: policy({ whatIfTarget: 'no-such-model' }), field: 'whatIfTarget', expect: /'no-such-model' is not a model in the catalog/ },
  { name: 'policy preview: NUL in the target model', as: 'team_lead', run: previewPolicy, form: policy({ whatIfTarget: 'gpt\u00004o' }), field: 'whatIfTarget', expect: /NUL/ },
  { name: 'policy: threshold 1e400', as: 'team_lead', run: savePolicy, form: policy({ alertThresholds: '50, 1e400' }), field: 'alertThresholds', expect: /whole percentages/ },
  { name: 'policy: thresholds repeated', as: 'team_lead', run: savePolicy, form: policy({ alertThresholds: '50, 50' }), field: 'alertThresholds', expect: /strictly ascending/ },
  { name: 'policy: 21 thresholds', as: 'team_lead', run: savePolicy, form: policy({ alertThresholds: Array.from({ length: 21 }, (_, i) => i + 1).join(',') }), field: 'alertThresholds', expect: /at most 20/ },
  { name: 'policy: default model __proto__', as: 'team_lead', run: savePolicy, form: policy({ 'default.chat': '__proto__' }), expect: /defaultModels\.chat: unknown model '__proto__'/ },
  { name: 'policy: blocked constructor and toString', as: 'team_lead', run: savePolicy, form: policy({ blockedModels: ['constructor', 'toString'] }), expect: /unknown model 'constructor'/ },
  { name: 'policy: 201 allowed models', as: 'team_lead', run: savePolicy, form: policy({ allowedModels: Array.from({ length: 201 }, (_, i) => `m${i}`) }), field: 'allowedModels', expect: /at most 200/ },
  { name: "policy: another team's slug", as: 'team_lead', run: savePolicy, form: (wd) => ({ team: wd.teamB.slug, monthlyBudget: '1' }), expect: /Not allowed/ },
  { name: 'policy: NUL in the team slug', as: 'team_lead', run: savePolicy, form: () => ({ team: 'a\u0000' }), expect: /Not allowed/ },
  { name: 'policy: team slug __proto__', as: 'admin', run: savePolicy, form: () => ({ team: '__proto__' }), expect: /Not allowed/ },
  { name: 'policy: SQL as the team slug', as: 'admin', run: savePolicy, form: () => ({ team: "x' OR '1'='1" }), expect: /Not allowed/ },
  { name: 'policy: engineer', as: 'engineer', run: savePolicy, form: policy({ monthlyBudget: '1' }), expect: /Not allowed/ },
  // Team API keys
  { name: 'key: empty name', as: 'engineer', run: createKey, form: (wd) => ({ team: wd.teamA.slug, name: '' }), field: 'name', expect: /The key name .* won't do|Enter a name for the key/ },
  { name: 'key: NUL in the name', as: 'engineer', run: createKey, form: (wd) => ({ team: wd.teamA.slug, name: 'k\u0000' }), field: 'name', expect: /The key name .* won't do|Enter a name for the key/ },
  { name: 'key: 65-character name', as: 'engineer', run: createKey, form: (wd) => ({ team: wd.teamA.slug, name: 'k'.repeat(65) }), field: 'name', expect: /The key name .* won't do|Enter a name for the key/ },
  { name: 'key: the org scope on a team key', as: 'team_lead', run: createKey, form: (wd) => ({ team: wd.teamA.slug, name: 'wide', scopes: 'spend:read:all' }), field: 'scopes', expect: /only for org-wide keys/ },
  { name: 'key: scope __proto__', as: 'team_lead', run: createKey, form: (wd) => ({ team: wd.teamA.slug, name: 'proto', scopes: '__proto__' }), field: 'scopes', expect: /unknown scope '__proto__'/ },
  { name: 'key: no scope ticked', as: 'engineer', run: createKey, form: (wd) => ({ team: wd.teamA.slug, name: 'no-scopes' }), field: 'scopes', expect: /at least one scope/ },
  { name: "key: for another team", as: 'team_lead', run: createKey, form: (wd) => ({ team: wd.teamB.slug, name: 'sneaky' }), expect: /Not allowed/ },
  { name: "key: revoke another team's key through my team", as: 'team_lead', run: revokeKey, form: (wd) => ({ team: wd.teamA.slug, prefix: wd.teamBKeyPrefix }), expect: /no (active )?(API )?key|not found|unknown/i },
  { name: "key: revoke another team's key through its team", as: 'team_lead', run: revokeKey, form: (wd) => ({ team: wd.teamB.slug, prefix: wd.teamBKeyPrefix }), expect: /Not allowed/ },
  { name: 'key: revoke prefix with NUL', as: 'team_lead', run: revokeKey, form: (wd) => ({ team: wd.teamA.slug, prefix: 'ml_\u0000' }), expect: /invalid key prefix/ },
  // Settings: teams, users, org keys
  { name: 'settings: team slug __proto__', as: 'admin', run: (fd) => createTeamAction({ ...sessionPrev }, fd), form: () => ({ slug: '__proto__', name: 'x' }), field: 'slug', expect: /The team slug "__proto__" won't do/ },
  { name: 'settings: NUL in a team name', as: 'admin', run: (fd) => createTeamAction({ ...sessionPrev }, fd), form: () => ({ slug: randomSlug('h'), name: 'a\u0000b' }), field: 'name', expect: /NUL/ },
  { name: 'settings: NUL in a user name', as: 'admin', run: (fd) => createUserAction({ ...sessionPrev }, fd), form: () => ({ email: `${randomSlug('u')}@hostile.test`, name: 'a\u0000b', role: 'finance', password: 'long-enough-pass' }), field: 'name', expect: /NUL/ },
  { name: 'settings: role __proto__', as: 'admin', run: (fd) => createUserAction({ ...sessionPrev }, fd), form: () => ({ email: `${randomSlug('u')}@hostile.test`, role: '__proto__', password: 'long-enough-pass' }), field: 'role', expect: /invalid role '__proto__'/ },
  { name: 'settings: password of 73 bytes', as: 'admin', run: (fd) => createUserAction({ ...sessionPrev }, fd), form: () => ({ email: `${randomSlug('u')}@hostile.test`, role: 'finance', password: 'é'.repeat(37) }), field: 'password', expect: /at most 72 bytes/ },
  { name: 'settings: SQL as an email', as: 'admin', run: (fd) => createUserAction({ ...sessionPrev }, fd), form: () => ({ email: "x' OR 1=1 --@x", role: 'finance', password: 'long-enough-pass' }), field: 'email', expect: /is not an email address/ },
  { name: 'settings: a team lead without a team', as: 'admin', run: (fd) => updateUserRoleAction({ ...sessionPrev }, fd), form: (wd) => ({ userId: String(wd.users.engineer.id), role: 'team_lead', team: '' }), field: 'team', expect: /^A team lead must belong to a team — pick one\.$/ },
  { name: 'settings: user id past int4 (role)', as: 'admin', run: (fd) => updateUserRoleAction({ ...sessionPrev }, fd), form: () => ({ userId: '99999999999', role: 'finance', team: '' }), expect: /unknown user|invalid user id/ },
  { name: 'settings: user id past int4 (disable)', as: 'admin', run: (fd) => setUserDisabledAction({ ...sessionPrev }, fd), form: () => ({ userId: '99999999999', disabled: 'true' }), expect: /unknown user|invalid user id/ },
  { name: 'settings: user id 1e400', as: 'admin', run: (fd) => setUserDisabledAction({ ...sessionPrev }, fd), form: () => ({ userId: '1e400', disabled: 'true' }), expect: /user id/ },
  { name: 'settings: disabled neither true nor false', as: 'admin', run: (fd) => setUserDisabledAction({ ...sessionPrev }, fd), form: (wd) => ({ userId: String(wd.users.engineer.id), disabled: 'yes' }), expect: /Invalid request/ },
  { name: 'settings: NUL in an org key name', as: 'admin', run: (fd) => createOrgKeyAction({ ...sessionPrev }, fd), form: () => ({ name: 'org\u0000' }), field: 'name', expect: /The key name .* won't do|Enter a name for the key/ },
  { name: 'settings: revoke a team key as an org key', as: 'admin', run: (fd) => revokeOrgKeyAction({ ...sessionPrev }, fd), form: (wd) => ({ prefix: wd.teamBKeyPrefix }), expect: /no (active )?(API )?key|not found|unknown|org/i },
  { name: 'settings: finance creates a team', as: 'finance', run: (fd) => createTeamAction({ ...sessionPrev }, fd), form: () => ({ slug: randomSlug('h'), name: 'x' }), expect: /Not allowed/ },
]

const GENERIC_FAILURE = /something went wrong|could not be (saved|created|revoked)\. Try again/i

async function snapshot() {
  const [audit, prices, runs, closes, policies, keys, teams, users] = await Promise.all([
    prisma.auditLog.count(),
    prisma.priceVersion.count(),
    prisma.repriceRun.count(),
    prisma.monthClose.count(),
    prisma.teamPolicy.count(),
    prisma.apiKey.count(),
    prisma.team.count(),
    prisma.user.count(),
  ])
  return { audit, prices, runs, closes, policies, keys, teams, users }
}

function sessionFor(role: Role) {
  if (role === 'none') return null
  const u = w.users[role]
  const team = role === 'team_lead' || role === 'engineer' ? { teamId: w.teamA.id, teamSlug: w.teamA.slug } : { teamId: null, teamSlug: null }
  return { user: { id: u.id, email: u.email, name: role, role, ...team } }
}

function formData(fields: Record<string, string | string[]>): FormData {
  const fd = new FormData()
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) fd.append(k, x)
  return fd
}

beforeAll(async () => {
  const teamA = await prisma.team.create({ data: { slug: randomSlug('hostile'), name: 'Hostile A' } })
  const teamB = await prisma.team.create({ data: { slug: randomSlug('bystander'), name: 'Bystander B' } })
  const { record } = await createApiKey(prisma, { teamId: teamB.id, name: 'b-key', actor: { name: 'hostile-test' } })
  const user = (role: Exclude<Role, 'none'>, teamId: number | null) =>
    prisma.user.create({ data: { email: `${role}-${randomBytes(4).toString('hex')}@hostile.test`, name: role, role, teamId }, select: { id: true, email: true } })
  const model = await prisma.model.findFirstOrThrow({ where: { slug: 'gpt-4o' } })
  w = {
    teamA: { id: teamA.id, slug: teamA.slug },
    teamB: { id: teamB.id, slug: teamB.slug },
    teamBKeyPrefix: record.prefix,
    modelId: model.id,
    users: { admin: await user('admin', null), finance: await user('finance', null), team_lead: await user('team_lead', teamA.id), engineer: await user('engineer', teamA.id) },
  }
})

afterAll(() => {
  authState.session = null
})

describe(`hostile server-action posts (${cases.length} cases)`, () => {
  it.each(cases.map((c) => ({ c, title: c.name })))('$title', async ({ c }) => {
    authState.session = sessionFor(c.as)
    const before = await snapshot()
    let out: Outcome
    try {
      out = await c.run(formData(c.form(w)))
    } catch (err) {
      // Over HTTP a thrown action is a 500.
      throw new Error(`the action threw (a 500 over HTTP): ${String(err).slice(0, 300)}`)
    }
    const problems: string[] = []
    if (out.status !== 'error') problems.push(`status ${out.status}: ${JSON.stringify(out).slice(0, 300)}`)
    const said = c.field ? (out.fieldErrors?.[c.field] ?? '') : (out.message ?? '')
    if (!c.expect.test(said)) problems.push(`${c.field ? `fieldErrors.${c.field}` : 'message'} ${JSON.stringify(said)} does not match ${c.expect} (${JSON.stringify(out).slice(0, 300)})`)
    if (GENERIC_FAILURE.test(out.message ?? '')) problems.push(`generic failure (a 500 in disguise): ${out.message}`)
    const after = await snapshot()
    if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`wrote something: ${JSON.stringify(before)} → ${JSON.stringify(after)}`)
    expect(problems).toEqual([])
  })

  it('good posts right after still succeed (price, policy and budget, key)', async () => {
    authState.session = sessionFor('admin')
    const when = new Date(Date.UTC(2040, 0, 1) + Math.floor(Math.random() * 3_000) * 86_400_000).toISOString().slice(0, 10)
    const p = await addPriceVersionAction(idleState(), formData(price({ effectiveDate: when })(w)))
    expect(p).toMatchObject({ status: 'ok' })
    authState.session = sessionFor('team_lead')
    const s = await savePolicyAction(initialPolicyFormState, formData(policy({ monthlyBudget: '250.50', alertThresholds: '50, 80, 100', webhookUrl: 'https://hooks.example.com/ml' })(w)))
    expect(s).toMatchObject({ status: 'ok' })
    const k = await createKeyAction(idleState(), formData({ team: w.teamA.slug, name: 'after-the-storm', scopes: ['usage:write', 'spend:read'] }))
    expect(k, JSON.stringify(k)).toMatchObject({ status: 'ok' })
  })
})
