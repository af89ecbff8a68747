import NextAuth, { type DefaultSession } from 'next-auth'
import Credentials from 'next-auth/providers/credentials'
import type { Provider } from 'next-auth/providers'
import bcrypt from 'bcryptjs'
import { z } from 'zod'
import { prisma } from '@/lib/db'
import { logger } from '@/lib/logger'
import type { Role } from '@/lib/auth/permissions'
import { clearSignInFailures, takeSignInAttempt } from '@/lib/auth/sign-in-throttle'

declare module 'next-auth' {
  interface Session {
    user: { id: string; role: Role; teamId: number | null; teamSlug: string | null } & DefaultSession['user']
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    uid?: number
    role?: Role
    teamId?: number | null
    teamSlug?: string | null
    name?: string | null
    checkedAt?: number
  }
}

// How long a JWT may carry a role/team before it is re-read from the DB: a demoted or disabled
// user loses access within this window without a DB hit on every request.
const RECHECK_MS = 60_000

// OIDC is optional; these three are read here because only Auth.js needs them.
const oidcEnv = z
  .object({
    AUTH_OIDC_ISSUER: z.string().url(),
    AUTH_OIDC_CLIENT_ID: z.string().min(1),
    AUTH_OIDC_CLIENT_SECRET: z.string().min(1),
  })
  .safeParse(process.env)

export const oidcEnabled = oidcEnv.success

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
})

type DbUser = { id: number; email: string; name: string; role: Role; teamId: number | null; teamSlug: string | null }

async function findActiveUser(where: { email: string } | { id: number }): Promise<(DbUser & { passwordHash: string | null }) | null> {
  const row = await prisma.user.findFirst({
    where: { ...('email' in where ? { email: { equals: where.email, mode: 'insensitive' } } : { id: where.id }), disabledAt: null },
    include: { team: { select: { slug: true } } },
  })
  if (!row) return null
  return { id: row.id, email: row.email, name: row.name, role: row.role, teamId: row.teamId, teamSlug: row.team?.slug ?? null, passwordHash: row.passwordHash }
}

// Compared against when the user is unknown, so a wrong email costs as long as a wrong password.
let dummyHash: string | undefined
function timingDummyHash(): string {
  dummyHash ??= bcrypt.hashSync('not-a-real-password', 10)
  return dummyHash
}

const providers: Provider[] = [
  Credentials({
    credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
    async authorize(raw) {
      const parsed = credentialsSchema.safeParse(raw)
      if (!parsed.success) return null
      const { email } = parsed.data
      if (!(await takeSignInAttempt(email))) {
        logger.warn({ email }, 'sign-in refused: too many failed attempts')
        return null
      }
      const user = await findActiveUser({ email })
      const ok = await bcrypt.compare(parsed.data.password, user?.passwordHash ?? timingDummyHash())
      // A failure keeps the attempt takeSignInAttempt counted.
      if (!user || !user.passwordHash || !ok) return null
      await clearSignInFailures(email)
      return { id: String(user.id), email: user.email, name: user.name }
    },
  }),
]

if (oidcEnv.success) {
  providers.push({
    id: 'oidc',
    name: 'Single sign-on',
    type: 'oidc',
    issuer: oidcEnv.data.AUTH_OIDC_ISSUER,
    clientId: oidcEnv.data.AUTH_OIDC_CLIENT_ID,
    clientSecret: oidcEnv.data.AUTH_OIDC_CLIENT_SECRET,
  })
}

function applyUser(token: Record<string, unknown>, user: DbUser): void {
  token.uid = user.id
  token.email = user.email
  token.name = user.name
  token.role = user.role
  token.teamId = user.teamId
  token.teamSlug = user.teamSlug
  token.checkedAt = Date.now()
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/login', error: '/login' },
  providers,
  callbacks: {
    // SSO proves an email; only an existing, enabled user may enter, and the role comes from our DB.
    async signIn({ account, user, profile }) {
      if (account?.provider !== 'oidc') return true
      const email = (profile?.email ?? user.email ?? '').toLowerCase()
      if (!email || profile?.email_verified === false) return false
      const known = await findActiveUser({ email })
      if (!known) logger.warn({ email }, 'oidc sign-in refused: no such user')
      return known !== null
    },
    async jwt({ token, user }) {
      if (user) {
        const dbUser = user.email ? await findActiveUser({ email: user.email }) : null
        if (!dbUser) return null
        applyUser(token, dbUser)
        return token
      }
      if (typeof token.uid !== 'number') return null
      if (Date.now() - (token.checkedAt ?? 0) > RECHECK_MS) {
        const fresh = await findActiveUser({ id: token.uid })
        if (!fresh) return null
        applyUser(token, fresh)
      }
      return token
    },
    session({ session, token }) {
      if (typeof token.uid === 'number' && token.role) {
        session.user = {
          ...session.user,
          id: String(token.uid),
          email: token.email ?? session.user.email,
          name: token.name ?? session.user.name,
          role: token.role,
          teamId: token.teamId ?? null,
          teamSlug: token.teamSlug ?? null,
        }
      }
      return session
    },
  },
})
