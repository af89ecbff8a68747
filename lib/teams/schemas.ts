import { z } from 'zod'

// Slugs appear in URLs, CLI flags, alert dedupe keys and exports, so they stay boring.
export const teamSlugSchema = z
  .string({ error: 'Enter a team slug.' })
  .regex(/^[a-z0-9-]{2,40}$/, {
    // Plain words for the person at the form (and the CLI): what was typed, and what a slug may hold.
    error: (iss) => (iss.input === '' ? 'Enter a team slug, such as growth.' : `The team slug "${String(iss.input)}" won't do: use 2–40 characters, lowercase a–z, 0–9 and -.`),
  })

export const createTeamInput = z.object({
  slug: teamSlugSchema,
  name: z
    .string({ error: 'Enter the team’s name.' })
    .trim()
    .min(1, { error: 'Enter the team’s name.' })
    .max(100, { error: 'team name must be at most 100 characters' })
    // PostgreSQL text cannot hold NUL: the insert would fail instead of answering.
    .refine((n) => !n.includes('\u0000'), { error: 'team name must not contain NUL characters' }),
})
export type CreateTeamInput = z.input<typeof createTeamInput>
