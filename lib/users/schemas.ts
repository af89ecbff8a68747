import { z } from 'zod'
import { roleLabels, roles, type Role } from '@/lib/auth/permissions'
import { teamSlugSchema } from '@/lib/teams/schemas'

export const roleSchema = z.enum(roles, {
  error: (iss) => `invalid role '${String(iss.input)}' (allowed: ${roles.join(', ')})`,
})

// bcrypt silently ignores everything past 72 bytes, so a longer password would be weaker than it looks.
export const passwordSchema = z
  .string({ error: 'Enter a password.' })
  .min(8, { error: 'The password must be at least 8 characters.' })
  .refine((p) => Buffer.byteLength(p, 'utf8') <= 72, { error: 'The password is too long: at most 72 bytes (about 72 plain letters).' })

// User ids are int4: a larger number names no user (and would make the lookup fail instead of miss).
export const userIdSchema = z.coerce
  .number({ error: 'user id is required' })
  .int({ error: 'invalid user id' })
  .positive({ error: 'invalid user id' })
  .max(2_147_483_647, { error: 'invalid user id' })

export const emailSchema = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  // Plain words for the person at the form; an empty field is "missing", not "invalid ''".
  .pipe(z.email({ error: (iss) => (iss.input === '' ? 'Enter an email address.' : `"${String(iss.input)}" is not an email address: it should look like name@example.com.`) }))

// Team leads and engineers act on a team's keys, policy and spend, so they must belong to one;
// admin and finance see every team and may have none. Said with the role as people read it.
export function requireTeamForRole(user: { role: Role; teamSlug?: string | null }, ctx: z.RefinementCtx): void {
  if (user.teamSlug != null || (user.role !== 'team_lead' && user.role !== 'engineer')) return
  const label = roleLabels[user.role].toLowerCase()
  ctx.addIssue({ code: 'custom', path: ['teamSlug'], message: `${/^[aeiou]/.test(label) ? 'An' : 'A'} ${label} must belong to a team — pick one.` })
}

export const createUserInput = z
  .object({
    email: emailSchema,
    name: z
      .string()
      .trim()
      .max(100, { error: 'name must be at most 100 characters' })
      // PostgreSQL text cannot hold NUL: the insert would fail instead of answering.
      .refine((n) => !n.includes('\u0000'), { error: 'name must not contain NUL characters' })
      .optional(),
    role: roleSchema,
    teamSlug: teamSlugSchema.optional(),
    password: passwordSchema,
  })
  .superRefine(requireTeamForRole)
export type CreateUserInput = z.input<typeof createUserInput>
