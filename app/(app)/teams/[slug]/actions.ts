'use server'

import { revalidatePath } from 'next/cache'
import { createApiKey, revokeApiKey } from '@/lib/auth/api-keys'
import { canActOnTeam, type ScopedAction, type SessionUser } from '@/lib/auth/session-user'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { prisma } from '@/lib/db'
import { isAppError } from '@/lib/errors'
import { logger } from '@/lib/logger'
import { saveTeamPolicy } from '@/lib/policy/save-team-policy'
import { teamPolicyInput } from '@/lib/policy/schemas'
import { teamSlugSchema } from '@/lib/teams/schemas'
import { policyFormToInput, zodFieldErrors, type PolicyFormState } from '@/components/teams/policy-form-data'
import type { CreateKeyState, RevokeKeyState } from '@/components/teams/api-key-states'
import { getCurrentUser } from '../../require-user'

// Every action re-checks who is calling and what they may do on *this* team: the page hiding a form
// is not enforcement, and the team slug in the form is just another request to authorise.

type Allowed = { ok: true; user: SessionUser; team: { id: number; slug: string } } | { ok: false; message: string }

async function authorise(slugValue: FormDataEntryValue | null, action: ScopedAction, denied: string): Promise<Allowed> {
  const user = await getCurrentUser()
  if (!user) return { ok: false, message: 'Your session has ended. Sign in again.' }
  const slug = typeof slugValue === 'string' ? slugValue : ''
  // A malformed slug (say with a NUL, which PostgreSQL text cannot hold) names no team: no lookup.
  const team = teamSlugSchema.safeParse(slug).success ? await prisma.team.findUnique({ where: { slug }, select: { id: true, slug: true } }) : null
  // Same answer whether the team is missing or someone else's: no probing for slugs.
  if (!team || !canActOnTeam(user, action, team.id)) {
    logger.warn({ userId: user.id, role: user.role, slug, action }, 'team action refused')
    return { ok: false, message: denied }
  }
  return { ok: true, user, team }
}

const actor = (user: SessionUser) => ({ id: user.id, name: user.email })

export async function savePolicyAction(prev: PolicyFormState, formData: FormData): Promise<PolicyFormState> {
  const submission = prev.submission + 1
  const values = policyFormToInput(formData)
  const auth = await authorise(formData.get('team'), 'policy-write', 'Not allowed: only this team’s lead or an admin may change its policy.')
  if (!auth.ok) return { status: 'error', message: auth.message, fieldErrors: {}, values, submission }

  const parsed = teamPolicyInput.safeParse(values)
  if (!parsed.success) {
    return { status: 'error', message: 'Some fields need attention.', fieldErrors: zodFieldErrors(parsed.error), values, submission }
  }
  try {
    const saved = await saveTeamPolicy(prisma, { teamId: auth.team.id, input: values, actor: actor(auth.user) })
    revalidatePath(`/teams/${auth.team.slug}`)
    return { status: 'saved', message: `Saved as version ${saved.version}.`, fieldErrors: {}, values: null, submission, version: saved.version }
  } catch (err) {
    if (isAppError(err) && (err.code === 'invalid' || err.code === 'conflict' || err.code === 'not_found')) {
      return { status: 'error', message: err.message, fieldErrors: {}, values, submission }
    }
    logger.error({ err, teamId: auth.team.id }, 'saving a team policy failed')
    return { status: 'error', message: 'The policy could not be saved. Try again.', fieldErrors: {}, values, submission }
  }
}

export async function createKeyAction(_prev: CreateKeyState, formData: FormData): Promise<CreateKeyState> {
  const auth = await authorise(formData.get('team'), 'keys', 'Not allowed: only this team’s lead and engineers, or an admin, may create its API keys.')
  if (!auth.ok) return { status: 'error', message: auth.message }
  const name = String(formData.get('name') ?? '')
  const scopes = formData.getAll('scopes').map(String)
  try {
    const { key, record } = await createApiKey(prisma, { teamId: auth.team.id, name, scopes, createdById: auth.user.id, actor: actor(auth.user) })
    revalidatePath(`/teams/${auth.team.slug}`)
    return { status: 'created', key, name: record.name, prefix: record.prefix }
  } catch (err) {
    if (isAppError(err) && (err.code === 'invalid' || err.code === 'conflict')) return { status: 'error', message: err.message, name }
    logger.error({ err, teamId: auth.team.id }, 'creating an API key failed')
    return { status: 'error', message: 'The key could not be created. Try again.', name }
  }
}

export async function revokeKeyAction(_prev: RevokeKeyState, formData: FormData): Promise<RevokeKeyState> {
  const auth = await authorise(formData.get('team'), 'keys', 'Not allowed: only this team’s lead and engineers, or an admin, may revoke its API keys.')
  if (!auth.ok) return { status: 'error', message: auth.message }
  const prefix = String(formData.get('prefix') ?? '')
  try {
    // Scoped to the team: a prefix of another team's key is "not found" here.
    const revoked = await revokeApiKey(prisma, { teamId: auth.team.id, prefix, actor: actor(auth.user) })
    clearApiKeyCache()
    revalidatePath(`/teams/${auth.team.slug}`)
    return { status: 'revoked', message: `Revoked ${revoked.name} (${revoked.prefix}).` }
  } catch (err) {
    if (isAppError(err) && (err.code === 'invalid' || err.code === 'conflict' || err.code === 'not_found' || err.code === 'bad_request')) {
      return { status: 'error', message: err.message }
    }
    logger.error({ err, teamId: auth.team.id }, 'revoking an API key failed')
    return { status: 'error', message: 'The key could not be revoked. Try again.' }
  }
}
