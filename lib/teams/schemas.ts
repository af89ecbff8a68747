import { z } from 'zod'

// Slugs appear in URLs, CLI flags, alert dedupe keys and exports, so they stay boring.
export const teamSlugSchema = z
  .string({ error: 'team slug is required' })
  .regex(/^[a-z0-9-]{2,40}$/, {
    error: (iss) => `invalid team slug '${String(iss.input)}' (use 2-40 characters: lowercase a-z, 0-9 and -)`,
  })

export const createTeamInput = z.object({
  slug: teamSlugSchema,
  name: z
    .string({ error: 'team name is required' })
    .trim()
    .min(1, { error: 'team name must not be empty' })
    .max(100, { error: 'team name must be at most 100 characters' })
    // PostgreSQL text cannot hold NUL: the insert would fail instead of answering.
    .refine((n) => !n.includes('\u0000'), { error: 'team name must not contain NUL characters' }),
})
export type CreateTeamInput = z.input<typeof createTeamInput>
