'use server'

import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { apiKeyNameSchema, apiKeyScopesSchema, createApiKey, revokeApiKey } from '@/lib/auth/api-keys'
import { canActOnTeam, type ScopedAction, type SessionUser } from '@/lib/auth/session-user'
import { clearApiKeyCache } from '@/lib/auth/verify-api-key'
import { describePolicyImpact } from '@/lib/advisor/describe-policy-impact'
import { whatIf } from '@/lib/advisor/what-if'
import { resolveWhatIfTarget } from '@/lib/advisor/what-if-target'
import { pool, prisma } from '@/lib/db'
import { logger } from '@/lib/logger'
import { getPolicyCatalog } from '@/lib/policy/load-policy-catalog'
import { saveTeamPolicy } from '@/lib/policy/save-team-policy'
import { teamPolicyEditorInput } from '@/lib/policy/schemas'
import { formText } from '@/components/ui/form-data'
import { policyFormToInput, policyFormValues, type PolicyFormState } from '@/components/teams/policy-form-data'
import type { CreateKeyState, RevokeKeyState } from '@/components/teams/api-key-states'
import { POLICY_PREVIEW_DAYS, type PolicyPreviewState } from '@/components/teams/policy-preview-state'
import { formAction, type Refusal } from '../../form-action'
import { findTeamBySlug } from '@/lib/teams/find-team-by-slug'

// Every action re-checks what the caller may do on *this* team: the page hiding a form is not
// enforcement, and the team slug in the form is just another request to authorise.

type Team = { id: number; slug: string }

function onTeam(action: ScopedAction, denied: string) {
  return async (user: SessionUser, formData: FormData): Promise<Team | Refusal> => {
    const slug = formText(formData, 'team')
    const team = await findTeamBySlug(prisma, slug)
    // Same answer whether the team is missing or someone else's: no probing for slugs.
    if (!team || !canActOnTeam(user, action, team.id)) {
      logger.warn({ userId: user.id, role: user.role, slug, action }, 'team action refused')
      return { denied }
    }
    return team
  }
}

const keyManagers = 'Not allowed: only this team’s lead and engineers, or an admin,'

export const savePolicyAction: (prev: PolicyFormState, formData: FormData) => Promise<PolicyFormState> = formAction({
  what: 'save the policy',
  values: policyFormValues,
  input: (_values, fd) => policyFormToInput(fd),
  allow: onTeam('policy-write', 'Not allowed: only this team’s lead or an admin may change its policy.'),
  schema: teamPolicyEditorInput,
  invalid: 'Some fields need attention.',
  run: async ({ input, granted: team, actor }) => {
    const saved = await saveTeamPolicy(prisma, { teamId: team.id, input, actor })
    revalidatePath(`/teams/${team.slug}`)
    return { message: `Saved as version ${saved.version}.`, version: saved.version }
  },
})

/**
 * The draft's impact before saving: the what-if replay of the draft over the team's last 30 days, its
 * moved calls sent where the rules suggest or to the model picked in `whatIfTarget`. Saves nothing.
 */
export const previewPolicyAction: (prev: PolicyPreviewState, formData: FormData) => Promise<PolicyPreviewState> = formAction({
  what: 'preview the policy',
  values: policyFormValues,
  input: (_values, fd) => policyFormToInput(fd),
  allow: onTeam('policy-write', 'Not allowed: only this team’s lead or an admin may change its policy.'),
  schema: teamPolicyEditorInput,
  invalid: 'Check the highlighted fields, then preview again.',
  run: async ({ input, granted: team, formData }) => {
    const target = resolveWhatIfTarget(await getPolicyCatalog(pool), formData.get('whatIfTarget'), 'whatIfTarget')
    const report = await whatIf(pool, { teams: [team.id], days: POLICY_PREVIEW_DAYS, mode: { kind: 'policy', policy: input }, target: target?.slug ?? null })
    return { keepValues: true, team: team.slug, days: POLICY_PREVIEW_DAYS, impact: describePolicyImpact(report) }
  },
})

export const createKeyAction: (prev: CreateKeyState, formData: FormData) => Promise<CreateKeyState> = formAction({
  what: 'create the key',
  values: (fd) => ({ name: formText(fd, 'name'), scopes: fd.getAll('scopes').map(String) }),
  allow: onTeam('keys', `${keyManagers} may create its API keys.`),
  // Every field at once; createApiKey checks the rest (which scopes a team key may hold).
  schema: z.object({ name: apiKeyNameSchema, scopes: apiKeyScopesSchema }),
  run: async ({ input, granted: team, user, actor }) => {
    const { key, record } = await createApiKey(prisma, { teamId: team.id, name: input.name, scopes: input.scopes, createdById: user.id, actor })
    revalidatePath(`/teams/${team.slug}`)
    return { key, name: record.name, prefix: record.prefix }
  },
})

export const revokeKeyAction: (prev: RevokeKeyState, formData: FormData) => Promise<RevokeKeyState> = formAction({
  what: 'revoke the key',
  values: (fd) => ({ prefix: formText(fd, 'prefix') }),
  allow: onTeam('keys', `${keyManagers} may revoke its API keys.`),
  run: async ({ values, granted: team, actor }) => {
    // Scoped to the team: a prefix of another team's key is "not found" here.
    const revoked = await revokeApiKey(prisma, { teamId: team.id, prefix: values.prefix, actor })
    clearApiKeyCache()
    revalidatePath(`/teams/${team.slug}`)
    return { message: `Revoked ${revoked.name} (${revoked.prefix}).` }
  },
})
