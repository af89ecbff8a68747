'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { apiKeyNameSchema, createApiKey, revokeApiKey } from '@/lib/auth/api-keys'
import { roleLabels } from '@/lib/auth/permissions'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { pool, prisma } from '@/lib/db'
import { AppError } from '@/lib/errors'
import { createTeam } from '@/lib/teams/create-team'
import { createTeamInput } from '@/lib/teams/schemas'
import { createUser } from '@/lib/users/create-user'
import { createUserInput } from '@/lib/users/schemas'
import { setUserDisabled } from '@/lib/users/set-user-disabled'
import { updateUserRole, updateUserRoleInput } from '@/lib/users/update-user-role'
import { sendTestWebhook } from '@/lib/webhooks/send-test-webhook'
import { rotateWebhookSecret } from '@/lib/webhooks/webhook-secrets'
import { formText, formValues } from '@/components/ui/form-data'
import { formAction } from '../form-action'
import { getTeamBySlugOrThrow } from '@/lib/teams/get-team-by-slug-or-throw'

const settle = <T>(value: T): T => {
  revalidatePath('/settings', 'layout')
  return value
}

export type CreateUserValues = { email: string; name: string; role: string; team: string; password: string }

export const createUserAction = formAction({
  what: 'create the user',
  // The password is read for the input, never echoed back.
  values: (fd) => formValues(fd, ['email', 'name', 'role', 'team']) as Partial<CreateUserValues>,
  allow: ['settings:manage', 'users:manage'],
  input: (v, fd) => ({ email: v.email ?? '', name: v.name?.trim() || undefined, role: v.role ?? '', teamSlug: v.team || undefined, password: formText(fd, 'password') }),
  schema: createUserInput,
  rename: { teamSlug: 'team' },
  run: async ({ values, input, actor }) => {
    const user = await createUser(prisma, { ...input, actor })
    return settle({ message: `Created ${user.email} as ${roleLabels[user.role]}${values.team ? ` in team ${values.team}` : ''}. Give them the initial password; they sign in at /login.` })
  },
})

export type UpdateUserValues = { userId: string; role: string; team: string }

export const updateUserRoleAction = formAction({
  what: 'change the role',
  values: (fd) => formValues(fd, ['userId', 'role', 'team']) as Partial<UpdateUserValues>,
  allow: ['settings:manage', 'users:manage'],
  input: (v) => ({ userId: v.userId ?? '', role: v.role ?? '', teamSlug: !v.team ? null : v.team }),
  schema: updateUserRoleInput,
  rename: { teamSlug: 'team' },
  // The user id is no field anyone sees: a bad one (a forged post) is said as it is.
  invalid: (error) => (error.issues.every((i) => i.path[0] === 'userId') ? (error.issues[0]?.message ?? 'Invalid change.') : 'Check the highlighted fields.'),
  run: async ({ input, actor }) => {
    const { user, changed } = await updateUserRole(prisma, { ...input, actor })
    if (!changed) return { message: 'Nothing changed.' }
    return settle({ message: `${user.email} is now ${roleLabels[user.role]}${user.teamSlug ? ` in team ${user.teamSlug}` : ' (no team)'}.` })
  },
})

export type DisableUserValues = { userId: string; disabled: string }

export const setUserDisabledAction = formAction({
  what: 'change the account',
  values: (fd) => formValues(fd, ['userId', 'disabled']) as Partial<DisableUserValues>,
  allow: ['settings:manage', 'users:manage'],
  run: async ({ values, actor }) => {
    if (values.disabled !== 'true' && values.disabled !== 'false') throw new AppError('invalid', 'Invalid request.')
    const result = await setUserDisabled(prisma, { userId: values.userId ?? '', disabled: values.disabled === 'true', actor })
    return settle({ message: `${result.email} ${result.disabledAt ? 'disabled' : 'enabled'}.` })
  },
})

export type CreateTeamValues = { slug: string; name: string }

export const createTeamAction = formAction({
  what: 'create the team',
  // Echoed back as typed; the slug is trimmed only on its way to the schema.
  values: (fd): CreateTeamValues => ({ slug: formText(fd, 'slug'), name: formText(fd, 'name') }),
  input: (v) => ({ ...v, slug: v.slug.trim() }),
  allow: ['settings:manage', 'teams:manage'],
  schema: createTeamInput,
  run: async ({ input, actor }) => {
    const team = await createTeam(prisma, { ...input, actor })
    return settle({ message: `Created team ${team.slug}. Set its policy and budget on /teams/${team.slug}.` })
  },
})

export type CreateOrgKeyValues = { name: string; billsWrite: boolean }
export type CreatedOrgKey = { key: string; prefix: string }

export const createOrgKeyAction = formAction<CreateOrgKeyValues, { name: string }, null, CreatedOrgKey>({
  what: 'create the key',
  values: (fd) => ({ name: formText(fd, 'name'), billsWrite: fd.get('billsWrite') === 'on' }),
  allow: ['settings:manage', 'keys:manage:all'],
  input: (v) => ({ name: v.name }),
  schema: z.object({ name: apiKeyNameSchema }),
  run: async ({ values, input, user, actor }) => {
    // bills:write (loading provider bills) only when the admin ticks it; reading spend always.
    const scopes = values.billsWrite ? ['spend:read:all', 'bills:write'] : ['spend:read:all']
    const { key, record } = await createApiKey(prisma, { teamId: null, name: input.name, scopes, createdById: user.id, actor })
    // The only time the plaintext leaves the server: it lives in this response and the form's memory.
    return settle({ message: `Created org-wide key '${record.name}' (${record.prefix}). Copy it now: it will not be shown again.`, key, prefix: record.prefix })
  },
})

export type RevokeOrgKeyValues = { prefix: string }

export const revokeOrgKeyAction = formAction({
  what: 'revoke the key',
  values: (fd): RevokeOrgKeyValues => ({ prefix: formText(fd, 'prefix') }),
  allow: ['settings:manage', 'keys:manage:all'],
  run: async ({ values, actor }) => {
    const revoked = await revokeApiKey(prisma, { teamId: null, prefix: values.prefix, actor })
    // This process forgets the key at once; other web processes within the verify cache TTL (seconds).
    clearApiKeyCache()
    return settle({ message: `Revoked ${revoked.prefix} (${revoked.name}).` })
  },
})

export type WebhookTeamValues = { team: string }
export type NewWebhookSecret = { secret: string }

async function teamIdBySlug(slug: string): Promise<number> {
  return (await getTeamBySlugOrThrow(prisma, slug)).id
}

export const rotateWebhookSecretAction = formAction<WebhookTeamValues, WebhookTeamValues, null, NewWebhookSecret>({
  what: 'make a signing secret',
  values: (fd) => ({ team: formText(fd, 'team') }),
  allow: ['settings:manage'],
  run: async ({ values, actor }) => {
    const { secret, previousValidUntil } = await rotateWebhookSecret(prisma, { teamId: await teamIdBySlug(values.team), actor })
    revalidatePath('/settings/webhooks')
    const overlap = previousValidUntil ? ` The previous secret keeps signing too until ${previousValidUntil.toISOString().slice(0, 16).replace('T', ' ')} UTC.` : ''
    // The only time the secret leaves the server: it lives in this response and the form's memory.
    return { message: `New signing secret for ${values.team}. Copy it now: it will not be shown again.${overlap}`, secret }
  },
})

export const sendTestWebhookAction = formAction({
  what: 'send the test event',
  values: (fd): WebhookTeamValues => ({ team: formText(fd, 'team') }),
  allow: ['settings:manage'],
  run: async ({ values, actor }) => {
    const result = await sendTestWebhook(pool, { teamId: await teamIdBySlug(values.team), actor })
    // The attempt is audited either way; a receiver that failed is the admin's news, not a bug.
    if (!result.ok) throw new AppError('unavailable', `Test event ${result.id} not delivered: ${result.reason}. Check the webhook URL in ${values.team}'s policy, and that the receiver is up.`)
    return { message: `Test event ${result.id} delivered to ${values.team}'s webhook (HTTP ${result.httpStatus}).` }
  },
})
