'use server'

import { revalidatePath } from 'next/cache'
import type { z } from 'zod'
import { createApiKey, revokeApiKey } from '@/lib/auth/api-keys'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { prisma } from '@/lib/db'
import { createTeam } from '@/lib/teams/create-team'
import { createTeamInput } from '@/lib/teams/schemas'
import { createUser } from '@/lib/users/create-user'
import { createUserInput } from '@/lib/users/schemas'
import { setUserDisabled } from '@/lib/users/set-user-disabled'
import { updateUserRole, updateUserRoleInput } from '@/lib/users/update-user-role'
import type { FormState } from '@/components/settings/form-state'
import { actionErrorMessage, actionUser } from './action-guard'

type Values = Record<string, string>

function text(formData: FormData, name: string): string {
  const v = formData.get(name)
  return typeof v === 'string' ? v : ''
}

function fail<V extends Values>(prev: FormState<V>, message: string, values: Partial<V>, fieldErrors: FormState<V>['fieldErrors'] = {}): FormState<V> {
  return { status: 'error', message, fieldErrors, values, seq: prev.seq }
}

function ok<V extends Values>(prev: FormState<V>, message: string): FormState<V> {
  return { status: 'ok', message, fieldErrors: {}, values: {}, seq: prev.seq + 1 }
}

// Field-level messages from the same zod schema the lib function validates with.
function fieldErrorsOf<V extends Values>(error: z.ZodError, rename: Record<string, keyof V & string> = {}): FormState<V>['fieldErrors'] {
  const out: FormState<V>['fieldErrors'] = {}
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '')
    const field = (rename[key] ?? key) as keyof V & string
    out[field] ??= issue.message
  }
  return out
}

export type CreateUserValues = { email: string; name: string; role: string; team: string; password: string }

export async function createUserAction(prev: FormState<CreateUserValues>, formData: FormData): Promise<FormState<CreateUserValues>> {
  const values = { email: text(formData, 'email'), name: text(formData, 'name'), role: text(formData, 'role'), team: text(formData, 'team') }
  const password = text(formData, 'password')
  const gate = await actionUser('settings:manage', 'users:manage')
  if ('denied' in gate) return fail(prev, gate.denied, values)

  const input = { email: values.email, name: values.name.trim() || undefined, role: values.role, teamSlug: values.team || undefined, password }
  const parsed = createUserInput.safeParse(input)
  if (!parsed.success) {
    return fail(prev, 'Check the highlighted fields.', values, fieldErrorsOf<CreateUserValues>(parsed.error, { teamSlug: 'team' }))
  }
  try {
    const user = await createUser(prisma, { ...input, actor: gate.actor })
    revalidatePath('/settings', 'layout')
    return ok(prev, `Created ${user.role} ${user.email}${values.team ? ` in team ${values.team}` : ''}. Give them the initial password; they sign in at /login.`)
  } catch (err) {
    return fail(prev, actionErrorMessage(err, 'create the user'), values)
  }
}

export type UpdateUserValues = { userId: string; role: string; team: string }

export async function updateUserRoleAction(prev: FormState<UpdateUserValues>, formData: FormData): Promise<FormState<UpdateUserValues>> {
  const values = { userId: text(formData, 'userId'), role: text(formData, 'role'), team: text(formData, 'team') }
  const gate = await actionUser('settings:manage', 'users:manage')
  if ('denied' in gate) return fail(prev, gate.denied, values)

  const input = { userId: values.userId, role: values.role, teamSlug: values.team === '' ? null : values.team }
  const parsed = updateUserRoleInput.safeParse(input)
  if (!parsed.success) return fail(prev, parsed.error.issues[0]?.message ?? 'Invalid change.', values)
  try {
    const { user, changed } = await updateUserRole(prisma, { ...input, actor: gate.actor })
    if (!changed) return { ...fail(prev, 'Nothing changed.', values), status: 'ok' }
    revalidatePath('/settings', 'layout')
    return ok(prev, `${user.email} is now ${user.role}${user.teamSlug ? ` in team ${user.teamSlug}` : ' (no team)'}.`)
  } catch (err) {
    return fail(prev, actionErrorMessage(err, 'change the role'), values)
  }
}

export type DisableUserValues = { userId: string; disabled: string }

export async function setUserDisabledAction(prev: FormState<DisableUserValues>, formData: FormData): Promise<FormState<DisableUserValues>> {
  const values = { userId: text(formData, 'userId'), disabled: text(formData, 'disabled') }
  const gate = await actionUser('settings:manage', 'users:manage')
  if ('denied' in gate) return fail(prev, gate.denied, values)
  if (values.disabled !== 'true' && values.disabled !== 'false') return fail(prev, 'Invalid request.', values)
  try {
    const result = await setUserDisabled(prisma, { userId: values.userId, disabled: values.disabled === 'true', actor: gate.actor })
    revalidatePath('/settings', 'layout')
    return ok(prev, `${result.email} ${result.disabledAt ? 'disabled' : 'enabled'}.`)
  } catch (err) {
    return fail(prev, actionErrorMessage(err, 'change the account'), values)
  }
}

export type CreateTeamValues = { slug: string; name: string }

export async function createTeamAction(prev: FormState<CreateTeamValues>, formData: FormData): Promise<FormState<CreateTeamValues>> {
  const values = { slug: text(formData, 'slug').trim(), name: text(formData, 'name') }
  const gate = await actionUser('settings:manage', 'teams:manage')
  if ('denied' in gate) return fail(prev, gate.denied, values)
  const parsed = createTeamInput.safeParse(values)
  if (!parsed.success) return fail(prev, 'Check the highlighted fields.', values, fieldErrorsOf<CreateTeamValues>(parsed.error))
  try {
    const team = await createTeam(prisma, { ...values, actor: gate.actor })
    revalidatePath('/settings', 'layout')
    return ok(prev, `Created team ${team.slug}. Set its policy and budget on /teams/${team.slug}.`)
  } catch (err) {
    return fail(prev, actionErrorMessage(err, 'create the team'), values)
  }
}

export type CreateOrgKeyValues = { name: string }
export type CreateOrgKeyState = FormState<CreateOrgKeyValues> & { key?: string; prefix?: string }

export async function createOrgKeyAction(prev: CreateOrgKeyState, formData: FormData): Promise<CreateOrgKeyState> {
  const values = { name: text(formData, 'name') }
  const gate = await actionUser('settings:manage', 'keys:manage:all')
  if ('denied' in gate) return fail(prev, gate.denied, values)
  try {
    const { key, record } = await createApiKey(prisma, {
      teamId: null,
      name: values.name,
      scopes: ['spend:read:all'],
      createdById: gate.user.id,
      actor: gate.actor,
    })
    revalidatePath('/settings', 'layout')
    // The only time the plaintext leaves the server: it lives in this response and the form's memory.
    return { ...ok(prev, `Created org-wide key '${record.name}' (${record.prefix}). Copy it now: it will not be shown again.`), key, prefix: record.prefix }
  } catch (err) {
    return fail(prev, actionErrorMessage(err, 'create the key'), values)
  }
}

export type RevokeOrgKeyValues = { prefix: string }

export async function revokeOrgKeyAction(prev: FormState<RevokeOrgKeyValues>, formData: FormData): Promise<FormState<RevokeOrgKeyValues>> {
  const values = { prefix: text(formData, 'prefix') }
  const gate = await actionUser('settings:manage', 'keys:manage:all')
  if ('denied' in gate) return fail(prev, gate.denied, values)
  try {
    const revoked = await revokeApiKey(prisma, { teamId: null, prefix: values.prefix, actor: gate.actor })
    // This process forgets the key at once; other web processes within the verify cache TTL (seconds).
    clearApiKeyCache()
    revalidatePath('/settings', 'layout')
    return ok(prev, `Revoked ${revoked.prefix} (${revoked.name}).`)
  } catch (err) {
    return fail(prev, actionErrorMessage(err, 'revoke the key'), values)
  }
}
